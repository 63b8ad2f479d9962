namespace AnalyticsCenter.Core.Access;

/// <summary>A BI login just granted, with the connection URL that holds its password: shown once, never recoverable.</summary>
/// <param name="Info">What the store keeps about the login.</param>
/// <param name="ConnectionUrl"><c>postgresql://role:password@host:port/database</c>, for psql, Metabase, Power BI….</param>
public sealed record BiAccessGrant(BiAccessInfo Info, string ConnectionUrl)
{
    // The password must not end up in logs by way of a record's generated ToString.
    /// <inheritdoc />
    public override string ToString() => $"BiAccessGrant {{ Info = {Info}, ConnectionUrl = postgresql://{Info.Role}:…@… }}";
}
