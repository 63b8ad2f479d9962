using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>The line and user of a timeline: columns of both tables' rows.</summary>
internal sealed record TimelineUser(string LineNumber, string CountryCode, string Cellphone)
{
    /// <summary>The workspace's timelines of <paramref name="ids"/>, by id.</summary>
    public static async Task<Dictionary<long, TimelineUser>> ReadAsync(
        NpgsqlConnection connection, string workspace, long[] ids, CancellationToken cancellationToken)
    {
        var users = new Dictionary<long, TimelineUser>(ids.Length);
        await using var command = connection.Command("Refresh/TimelineUsers.sql", ("ws", workspace), ("ids", ids));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(reader.GetInt64(0), new TimelineUser(reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return users;
    }
}
