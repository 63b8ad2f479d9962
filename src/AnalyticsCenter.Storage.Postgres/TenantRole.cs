namespace AnalyticsCenter.Storage.Postgres;

/// <summary>A tenant's login role and its password.</summary>
internal sealed record TenantRole(string Name, string Password)
{
    // The password must not end up in logs by way of a record's generated ToString.
    /// <inheritdoc />
    public override string ToString() => $"TenantRole {{ Name = {Name} }}";
}
