namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>What the store's writer keeps between ingests: timeline ids always, stored event ids once a server needs them.</summary>
/// <param name="Timelines">Every timeline's id.</param>
/// <param name="EventIds">Where each stored event id was stored first, or null when not loaded (every batch then runs the full duplicate check).</param>
internal sealed record WriterMemory(TimelineIds Timelines, StoredEventIds? EventIds);
