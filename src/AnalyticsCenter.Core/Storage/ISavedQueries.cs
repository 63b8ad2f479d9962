using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>The queries a workspace saved from the SQL editor.</summary>
public interface ISavedQueries
{
    /// <summary>The queries <paramref name="workspace"/> saved, by name.</summary>
    Task<IReadOnlyList<SavedQuery>> ListSavedQueriesAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="sql"/> under <paramref name="name"/> for <paramref name="workspace"/>, made by <paramref name="by"/>;
    /// saving a name again replaces its text and last changer, and keeps its id and creator.
    /// </summary>
    /// <exception cref="ArgumentException">The name is blank or longer than <see cref="SavedQuery.MaxNameLength"/>, or the SQL
    /// is blank or longer than <see cref="SavedQuery.MaxSqlLength"/>.</exception>
    Task<SavedQuery> SaveQueryAsync(WorkspaceId workspace, string name, string sql, Actor by, CancellationToken cancellationToken = default);

    /// <summary>Deletes one of <paramref name="workspace"/>'s saved queries; false when it has none with that id.</summary>
    Task<bool> DeleteSavedQueryAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default);
}
