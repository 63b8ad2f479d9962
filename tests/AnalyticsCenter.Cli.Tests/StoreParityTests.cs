using System.Text.RegularExpressions;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// The same commands with the same input on a DuckDB file and on a PostgreSQL database print the same words and exit
/// with the same codes: only the store line of <c>status</c>, elapsed times, generated keys and the wall-clock times of
/// what the program itself stamps may differ.
/// </summary>
public sealed partial class StoreParityTests(PostgresStore postgres) : IClassFixture<PostgresStore>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-parity-").FullName;

    [GeneratedRegex(@"\d+\.\d\d s\b")]
    private static partial Regex Elapsed();

    [GeneratedRegex(@"ack_[a-z2-7]{12}_[a-z2-7]{32}")]
    private static partial Regex Key();

    [GeneratedRegex(@"^created key ([a-z2-7]{12}) ", RegexOptions.Multiline)]
    private static partial Regex CreatedKeyId();

    [GeneratedRegex("(─|━| )+")]
    private static partial Regex Padding();

    [GeneratedRegex(@"^store: .*$", RegexOptions.Multiline)]
    private static partial Regex StoreLine();

    [GeneratedRegex(@"^error: (refused|the query could not run): .*", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex QueryError();

    /// <summary>Two workspaces' events, a duplicate line and two bad lines, once for both stores.</summary>
    private string WriteEvents()
    {
        var events = Path.Combine(_folder, "events.ndjson");
        var acme = new EventLines("acme");
        var globex = new EventLines("globex", phone: "593991234567");
        File.WriteAllLines(events,
        [
            acme.Inbound("10:00:00", "hola", id: "a1"), acme.Outbound("10:00:05", id: "a2"), acme.AgentClosed("10:05:00", id: "a3"),
            acme.DeploymentCreated("11:00:00", "dep-1", campaign: "black-friday", id: "a4"), acme.Status("11:00:10", "dep-1", "delivered", id: "a5"),
            globex.Inbound("23:30:00", "buenas", id: "g1"), globex.Inbound("23:31:00", "¿precio?", id: "g2"),
            acme.Inbound("10:00:00", "hola", id: "a1"),
            """{"event_id":"bad-1","type":"message.inbound","workspace_id":"acme"}""",
            "not json at all",
        ]);
        return events;
    }

    /// <summary>Every command of the walk on one store, each as what was run, its exit code, its output and its errors, normalised.</summary>
    private List<string> Walk(string db, string events)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var keyIds = new List<string>();
        var transcript = new List<string>();
        void Step(params string[] args)
        {
            var result = Analytics.Run(_folder, [.. args, "--db", db]);

            // Refusals and failures of tenant SQL are worded by each store's dialect check and database: the same kind and exit code.
            var errors = QueryError().Replace(result.Error, "error: $1: …");
            var text = $"$ analytics {string.Join(' ', args)}\nexit {result.ExitCode}\n{result.Output}\n{errors}";
            keyIds.AddRange(CreatedKeyId().Matches(result.Output).Select(match => match.Groups[1].Value));
            text = StoreLine().Replace(Elapsed().Replace(Key().Replace(text, "ack_KEY"), "N.NN s"), "store: STORE");
            for (var i = 0; i < keyIds.Count; i++)
            {
                text = text.Replace(keyIds[i], $"KEY{i + 1}", StringComparison.Ordinal);
            }

            // What the program stamps with the wall clock (a refresh, a rejection's receipt, a key's creation); its length sets a
            // grid's widths, so padding and rules are compared as one character.
            text = Padding().Replace(Regex.Replace(text, today + @"T[0-9:.]+Z", "NOW"), match => match.Value[..1]);
            transcript.Add(text);
        }

        Step("ingest", events);
        Step("ingest", events);
        Step("refresh", "--as-of", "2026-11-21T02:00:00Z");
        Step("status");
        foreach (var format in new[] { "table", "csv", "json" })
        {
            Step("query", "SELECT session_id, session_started_timestamp, session_status, first_message, last_message FROM sessions ORDER BY 1",
                "--workspace", "acme", "--format", format);
            Step("query", "SELECT deployment_id, delivery_status, campaign_name, deployment_delivered_timestamp FROM deployments",
                "--workspace", "acme", "--format", format);
            Step("rejects", "--format", format);
        }

        Step("query", "SELECT count(*) AS n, min(first_message) AS first FROM sessions", "--workspace", "globex");
        Step("query", "SELECT * FROM pg_roles", "--workspace", "acme");
        Step("query", "DROP TABLE sessions", "--workspace", "acme");
        Step("query", "SELECT no_such_column FROM sessions", "--workspace", "acme");
        Step("workspace", "set", "acme", "--time-zone", "Europe/Madrid", "--inactivity-timeout", "45m");
        Step("workspace", "set", "acme", "--time-zone", "Mars/Olympus");
        Step("workspace", "list");
        Step("keys", "create", "--workspace", "acme", "--name", "dashboard", "--scope", "admin");
        Step("keys", "create", "--workspace", "globex");
        Step("keys", "list");
        Step("keys", "revoke", keyIds.FirstOrDefault() ?? "none");
        Step("keys", "revoke", keyIds.FirstOrDefault() ?? "none");
        Step("keys", "revoke", "nosuchkeyidxx");
        Step("lines", "add", "--workspace", "acme", "--phone-number-id", "106540352242922", "--number", "+1 555-078-3881",
            "--display-name", "Acme Support", "--default-conversation", "conv_welcome:3");
        Step("lines", "link", "--phone-number-id", "106540352242922", "--code", "[BF26-IG]", "--campaign", "bf-2026", "--source", "instagram");
        Step("lines", "link", "--phone-number-id", "999", "--code", "[X]", "--campaign", "x");
        Step("lines", "list");
        Step("refresh", "--as-of", "2026-11-21T03:00:00Z");
        Step("status");
        return transcript;
    }

    [Fact]
    public void Every_main_command_prints_the_same_on_duckdb_and_on_postgresql()
    {
        var events = WriteEvents();
        var url = postgres.Url;

        // The two walks touch different stores, so they run side by side.
        var walks = new[] { Path.Combine(_folder, "data", "analytics.duckdb"), url }
            .AsParallel().AsOrdered().WithDegreeOfParallelism(2).Select(db => Walk(db, events)).ToList();
        var (duckDb, postgreSql) = (walks[0], walks[1]);

        Assert.Equal(duckDb.Count, postgreSql.Count);
        for (var i = 0; i < duckDb.Count; i++)
        {
            Assert.Equal(duckDb[i], postgreSql[i]);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
