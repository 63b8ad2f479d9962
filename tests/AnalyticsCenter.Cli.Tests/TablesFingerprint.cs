namespace AnalyticsCenter.Cli.Tests;

/// <summary>What two stores' tables must agree on to be called the same, read through the real program's query command.</summary>
internal static class TablesFingerprint
{
    private const string Sql =
        "SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM deployments) AS deployments, " +
        "(SELECT count(*) FILTER (WHERE session_finished_timestamp IS NULL) FROM sessions) AS open_sessions, " +
        "(SELECT max(session_started_timestamp) FROM sessions) AS latest, " +
        "(SELECT sum(hash(session_id, first_message, last_message, session_finished_timestamp)) FROM sessions) AS checksum";

    /// <summary>Workspace acme's fingerprint in <paramref name="store"/>, as CSV.</summary>
    public static string Of(string folder, string store)
    {
        var result = Analytics.Run(folder, "query", Sql, "--workspace", "acme", "--db", store, "--format", "csv");
        Assert.Equal(0, result.ExitCode);
        return result.Output;
    }
}
