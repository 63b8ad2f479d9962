namespace AnalyticsCenter.Core.Storage;

/// <summary>Keeps incoming events and the rejections among them, durably.</summary>
public interface IEventIngest
{
    /// <summary>Reads NDJSON events from <paramref name="input"/>, keeping accepted events and rejections durably.</summary>
    /// <param name="input">The lines; read forward once, never whole.</param>
    /// <param name="options">Where they came from, and how to read them.</param>
    /// <param name="cancellationToken">Stops between batches; what was committed stays.</param>
    /// <exception cref="StoreUnavailableException">The store cannot be written (read-only, unreachable).</exception>
    Task<IngestReport> IngestAsync(Stream input, IngestOptions options, CancellationToken cancellationToken = default);

    /// <summary>Reads and checks a small input (an HTTP request's lines) whole, without the writer: any number may at once.</summary>
    PreparedInput Prepare(Stream input, IngestOptions options);

    /// <summary>
    /// Several prepared inputs in one transaction: all are stored or none, and each is reported on its own, as if
    /// ingested in the order given. One commit for many small inputs is what makes HTTP ingest fast.
    /// </summary>
    /// <exception cref="ArgumentException">An input was prepared by another store.</exception>
    Task<IReadOnlyList<IngestReport>> IngestTogetherAsync(IReadOnlyList<PreparedInput> inputs, CancellationToken cancellationToken = default);
}
