namespace AnalyticsCenter.Core.Access;

/// <summary>Why a one-time link to set a password was issued. The numbers are stored; never renumber them.</summary>
public enum PasswordLinkKind
{
    /// <summary>An admin invited the person: they choose their first password.</summary>
    Invitation = 1,

    /// <summary>An operator reset the password: the person chooses a new one.</summary>
    Reset = 2,
}
