using System.Data.Common;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>Read-only SQL as one workspace, which sees only its own <c>sessions</c> and <c>deployments</c>.</summary>
public interface ITenantQueries
{
    /// <summary>The SQL dialect tenant statements and reports are written in.</summary>
    SqlDialect Dialect { get; }

    /// <summary>
    /// Runs one read-only SELECT as <paramref name="workspace"/>, seeing only its <c>sessions</c> and
    /// <c>deployments</c>, with values for the statement's named parameters (<c>$from</c>, <c>$country</c>…: values,
    /// never SQL, so they need no checking), and hands the streaming result to <paramref name="read"/>.
    /// </summary>
    /// <exception cref="QueryRefusedException">The statement is not a single SELECT over those two tables, or it is longer, or
    /// its result wider, than the store allows.</exception>
    /// <exception cref="QueryFailedException">The statement is well-formed but could not run (unknown column, bad cast…, a call
    /// making a value bigger than the store allows), or was stopped because the server's memory passed its limit.</exception>
    /// <exception cref="QueryTimedOutException">It ran, or waited for its turn among the queries running at once, past the
    /// time limit and was interrupted.</exception>
    Task<T> QueryAsync<T>(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="QueryAsync"/>, but writes the whole result to <paramref name="destination"/> as one Parquet file, with
    /// bounded memory however many rows. Without <paramref name="keepRowOrder"/> (a table export, which has no order) it
    /// may be faster and need less memory.
    /// </summary>
    /// <returns>The rows written.</returns>
    /// <exception cref="QueryRefusedException">As for <see cref="QueryAsync"/>.</exception>
    /// <exception cref="QueryFailedException">As for <see cref="QueryAsync"/>.</exception>
    /// <exception cref="QueryTimedOutException">As for <see cref="QueryAsync"/>.</exception>
    Task<long> ExportParquetAsync(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Stream destination, bool keepRowOrder = true,
        CancellationToken cancellationToken = default);
}
