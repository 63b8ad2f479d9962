namespace AnalyticsCenter.Core.Access;

/// <summary>A read-only link to one report with fixed filters, as the store describes it: never its token.</summary>
/// <param name="Id">Its identifier (16 lowercase hex characters), what listing shows and revoking takes.</param>
/// <param name="Workspace">The workspace whose data it shows.</param>
/// <param name="Report">The ready report's name.</param>
/// <param name="Filters">The report's filters as a query string (<c>from=…&amp;to=…</c>), fixed when the link was made.</param>
/// <param name="CreatedAtUtc">When it was made.</param>
/// <param name="ExpiresAtUtc">After this it is refused.</param>
/// <param name="RevokedAtUtc">When it was revoked; null while it is not.</param>
public sealed record ShareLink(
    string Id, string Workspace, string Report, string Filters, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? RevokedAtUtc)
{
    /// <summary>The longest filter text allowed.</summary>
    public const int MaxFiltersLength = 2_000;

    /// <summary>Whether the link still opens at <paramref name="nowUtc"/>.</summary>
    public bool IsActiveAt(DateTime nowUtc) => RevokedAtUtc is null && nowUtc < ExpiresAtUtc;
}
