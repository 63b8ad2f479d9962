namespace AnalyticsCenter.Core.Access;

/// <summary>A share link just made: its token exists only here (the store keeps a hash).</summary>
/// <param name="Link">What the store keeps.</param>
/// <param name="Token">The secret in <c>/share/{token}</c>, to hand over once.</param>
public sealed record CreatedShareLink(ShareLink Link, string Token)
{
    // The token must not end up in logs by way of a record's generated ToString.
    /// <inheritdoc />
    public override string ToString() => $"CreatedShareLink {{ Link = {Link} }}";
}
