namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Lines already read and checked (<see cref="IEventIngest.Prepare"/>), waiting to be stored together with others
/// (<see cref="IEventIngest.IngestTogetherAsync"/>). Reading and checking needs no turn at the single writer, so many
/// requests can do it at once; only the store that prepared it can store it.
/// </summary>
public abstract class PreparedInput(IngestOptions options)
{
    /// <summary>How the lines were read.</summary>
    public IngestOptions Options { get; } = options;
}
