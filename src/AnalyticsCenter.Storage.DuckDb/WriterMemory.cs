namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>What the store's writer keeps between ingests.</summary>
/// <param name="Timelines">Every timeline's id.</param>
/// <param name="EventIds">Where each stored event id was stored first.</param>
/// <param name="DeploymentKeys">Every stored deployment's key.</param>
internal sealed record WriterMemory(NumberedKeys Timelines, StoredEventIds EventIds, NumberedKeys DeploymentKeys);
