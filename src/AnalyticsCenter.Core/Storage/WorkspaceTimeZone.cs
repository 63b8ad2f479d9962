namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// A workspace's default time zone: an IANA id (<c>Europe/Madrid</c>, <c>America/Bogota</c>) in which reports and the web
/// tab bucket days when the caller names no zone. Data itself stays UTC.
/// </summary>
public readonly record struct WorkspaceTimeZone
{
    private readonly string? _id;

    private WorkspaceTimeZone(string id) => _id = id;

    /// <summary>The default: UTC.</summary>
    public static WorkspaceTimeZone Utc { get; } = new("UTC");

    /// <summary>The IANA id; <c>UTC</c> for the default value.</summary>
    public string Id => _id ?? "UTC";

    /// <summary>
    /// Reads an IANA time zone id this machine's time zone database knows. Windows ids (<c>Romance Standard Time</c>) are
    /// refused: DuckDB's <c>AT TIME ZONE</c>, which the reports use, knows only IANA ones.
    /// </summary>
    public static bool TryParse(string? text, out WorkspaceTimeZone zone)
    {
        zone = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || !TimeZoneInfo.TryFindSystemTimeZoneById(text, out var found) || !found.HasIanaId)
        {
            return false;
        }

        zone = new(text);
        return true;
    }

    /// <summary>
    /// A zone as the store kept it, checked when it was set; a missing one (a workspace never given a zone) is <see cref="Utc"/>.
    /// Not checked again: a stored zone the machine's database later dropped should fail the query that uses it, in words,
    /// not every status read.
    /// </summary>
    public static WorkspaceTimeZone FromStored(string? id) => id is null ? Utc : new(id);

    /// <summary>Zones are equal by id, so the default value equals <see cref="Utc"/>.</summary>
    public bool Equals(WorkspaceTimeZone other) => string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Id;
}
