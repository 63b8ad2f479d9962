namespace AnalyticsCenter.Core.Access;

/// <summary>A well-formed key split into its id (to find the stored hash) and its secret (to check against it).</summary>
/// <param name="KeyId">The key's id.</param>
/// <param name="Secret">The key's secret.</param>
public sealed record PresentedApiKey(string KeyId, string Secret)
{
    // Keep the secret out of logs and exception messages.
    /// <inheritdoc />
    public override string ToString() => $"PresentedApiKey {{ KeyId = {KeyId} }}";
}
