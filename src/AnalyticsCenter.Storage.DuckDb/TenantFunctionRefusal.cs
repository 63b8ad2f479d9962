namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Refused functions of <see cref="TenantFunctionList"/>: a name, or a prefix (<c>pg_*</c>), and why, in words.</summary>
internal sealed record TenantFunctionRefusal(string Pattern, string Reason)
{
    public bool IsPrefix => Pattern.EndsWith('*');

    public bool Matches(string name) => IsPrefix
        ? name.StartsWith(Pattern.AsSpan(0, Pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
        : string.Equals(name, Pattern, StringComparison.OrdinalIgnoreCase);
}
