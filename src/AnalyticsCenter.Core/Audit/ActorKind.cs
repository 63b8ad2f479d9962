namespace AnalyticsCenter.Core.Audit;

/// <summary>How someone reached the product. Stored by name; never rename a member.</summary>
public enum ActorKind
{
    /// <summary>A person signed in to the web tab with a password.</summary>
    User,

    /// <summary>A person of a host platform, in the tab it embeds with a signed token.</summary>
    Embedded,

    /// <summary>A workspace API key.</summary>
    ApiKey,

    /// <summary>The command line, on the machine that holds the store.</summary>
    Cli,
}
