using System.Data.Common;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>Shorthands over <see cref="ITenantQueries"/>.</summary>
public static class TenantQueryExtensions
{
    private static readonly IReadOnlyDictionary<string, object?> s_noParameters = new Dictionary<string, object?>();

    /// <summary>As <see cref="ITenantQueries.QueryAsync"/>, for a statement without parameters.</summary>
    public static Task<T> QueryAsync<T>(
        this ITenantQueries queries, WorkspaceId workspace, string sql, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return queries.QueryAsync(workspace, sql, s_noParameters, read, cancellationToken);
    }
}
