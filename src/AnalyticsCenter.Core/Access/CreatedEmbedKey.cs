namespace AnalyticsCenter.Core.Access;

/// <summary>An embed key just made, or found to check a token with: with its secret.</summary>
/// <param name="Key">What the store lists.</param>
/// <param name="Secret">The HMAC secret (its UTF-8 bytes are the HS256 key), shown once when made.</param>
public sealed record CreatedEmbedKey(EmbedKey Key, string Secret)
{
    // The secret must not end up in logs by way of a record's generated ToString.
    /// <inheritdoc />
    public override string ToString() => $"CreatedEmbedKey {{ Key = {Key} }}";
}
