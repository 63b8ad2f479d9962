namespace AnalyticsCenter.Core.Access;

/// <summary>A key just created: its description and its full text, which exists only here and cannot be recovered later.</summary>
/// <param name="Info">What the store keeps about the key.</param>
/// <param name="Key">The whole key (<c>ack_&lt;keyId&gt;_&lt;secret&gt;</c>) to hand to its user once.</param>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key)
{
    // The secret must not end up in logs by way of a record's generated ToString.
    /// <inheritdoc />
    public override string ToString() => $"CreatedApiKey {{ Info = {Info}, Key = ack_{Info.KeyId}_… }}";
}
