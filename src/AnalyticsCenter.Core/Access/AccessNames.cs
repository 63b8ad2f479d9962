namespace AnalyticsCenter.Core.Access;

/// <summary>Key scopes and roles as people type and read them (<c>read</c>, <c>analyst</c>…): the same on the command line and in the API.</summary>
public static class AccessNames
{
    /// <summary><c>read</c>, <c>ingest</c> or <c>admin</c>.</summary>
    public static string Of(KeyScope scope) =>
        Enum.IsDefined(scope) ? scope.ToString().ToLowerInvariant() : ((int)scope).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>viewer</c>, <c>analyst</c> or <c>admin</c>.</summary>
    public static string Of(WorkspaceRole role) =>
        Enum.IsDefined(role) ? role.ToString().ToLowerInvariant() : ((int)role).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The scope <paramref name="text"/> names (any case), or null; numbers are not names.</summary>
    public static KeyScope? Scope(string? text) => Enum.GetValues<KeyScope>().Select(s => (KeyScope?)s)
        .FirstOrDefault(s => string.Equals(Of(s!.Value), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The role <paramref name="text"/> names (any case), or null; numbers are not names.</summary>
    public static WorkspaceRole? Role(string? text) => Enum.GetValues<WorkspaceRole>().Select(r => (WorkspaceRole?)r)
        .FirstOrDefault(r => string.Equals(Of(r!.Value), text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
