using System.Globalization;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>The command line's contract: commands, options, formats and exit codes, through the real program.</summary>
public sealed class CommandLineContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-cli-").FullName;
    private readonly EventLines _user = new();

    private string WriteEvents(params string[] lines)
    {
        var path = Path.Combine(_folder, $"events-{Guid.NewGuid():N}.ndjson");
        File.WriteAllLines(path, lines);
        return path;
    }

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    [Fact]
    public void Ingest_refresh_and_query_work_on_the_default_store_path()
    {
        var file = WriteEvents(_user.Inbound("12:00:00", "hola"),
            _user.Inbound("12:01:00", "bad", id: "x").Replace("2026-11-20T12:01:00Z", "2026-11-20T12:01:00", StringComparison.Ordinal));

        var ingest = Run("ingest", file);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("1 accepted, 0 duplicates, 1 rejected", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("occurred_at has no UTC offset", ingest.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "data", "analytics.duckdb")));

        Assert.Equal(0, Run("refresh", "--as-of", "2026-11-20T18:00:00Z").ExitCode);
        var query = Run("query", "SELECT first_message, session_finished_timestamp FROM sessions", "--workspace", "acme", "--format", "csv");
        Assert.Equal(0, query.ExitCode);
        Assert.Equal("first_message,session_finished_timestamp\r\nhola,2026-11-20T13:00:00Z\r\n", query.Output);
    }

    [Fact]
    public void The_store_path_comes_from_the_option_else_the_environment()
    {
        var file = WriteEvents(_user.Inbound("12:00:00"));
        var fromEnvironment = Path.Combine(_folder, "env.duckdb");
        Assert.Equal(0, Analytics.RunWith(_folder, null, new Dictionary<string, string> { ["ANALYTICS_DB"] = fromEnvironment }, "ingest", file).ExitCode);
        Assert.True(File.Exists(fromEnvironment));

        var fromOption = Path.Combine(_folder, "option.duckdb");
        Assert.Equal(0, Analytics.RunWith(_folder, null, new Dictionary<string, string> { ["ANALYTICS_DB"] = fromEnvironment },
            "ingest", file, "--db", fromOption).ExitCode);
        Assert.True(File.Exists(fromOption));
    }

    [Fact]
    public void Ingest_reads_standard_input_for_a_dash()
    {
        var result = Analytics.RunWith(_folder, _user.Inbound("12:00:00") + "\n" + _user.Inbound("12:01:00") + "\n", null, "ingest", "-");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("stdin: 2 lines read: 2 accepted", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_of_a_missing_file_fails_with_exit_code_1()
    {
        var result = Run("ingest", Path.Combine(_folder, "nope.ndjson"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.ndjson", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_is_one_array_of_row_objects_with_nulls()
    {
        Run("ingest", WriteEvents(_user.Inbound("12:00:00", text: null, kind: "image")));
        Run("refresh", "--as-of", "2026-11-20T12:30:00Z");
        var result = Run("query", "SELECT session_type, first_message, session_finished_timestamp, session_started_timestamp FROM sessions",
            "--workspace", "acme", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList());
        Assert.Equal("INBOUND", row.GetProperty("session_type").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("first_message").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("session_finished_timestamp").ValueKind);
        Assert.Equal("2026-11-20T12:00:00Z", row.GetProperty("session_started_timestamp").GetString());
    }

    [Theory]
    [InlineData("DELETE FROM sessions")]
    [InlineData("SELECT * FROM ac.events")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("SELEKT 1")]
    [InlineData("SELECT missing_column FROM sessions")]
    public void Refused_or_invalid_sql_exits_with_code_2_and_says_why(string sql)
    {
        Run("ingest", WriteEvents(_user.Inbound("12:00:00")));
        var result = Run("query", sql, "--workspace", "acme");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("query", "SELECT 1")]
    [InlineData("frobnicate")]
    [InlineData("query", "SELECT 1", "--workspace", "acme", "--format", "xml")]
    [InlineData("refresh", "--as-of", "2026-11-20T18:00:00")]
    [InlineData("workspace", "set", "acme", "--inactivity-timeout", "soon")]
    [InlineData("query", "SELECT 1", "--workspace", "not a workspace")]
    [InlineData("query", "SELECT 1", "--workspace", "acme", "--timeout", "0s")]
    [InlineData("refresh", "--retention", "forever")]
    [InlineData("workspace", "set", "acme", "--retention", "400d")]
    [InlineData("workspace", "set", "acme", "--retention", "none")]
    public void Bad_usage_exits_with_code_2(params string[] args) => Assert.Equal(2, Run(args).ExitCode);

    [Theory]
    [InlineData("ingest")]
    [InlineData("status")]
    [InlineData("serve")]
    [InlineData("demo")]
    public void A_url_that_is_no_supported_store_exits_with_code_2_says_so_and_creates_no_file(string command)
    {
        var file = WriteEvents(_user.Inbound("12:00:00"));
        var before = Directory.GetFileSystemEntries(_folder, "*", SearchOption.AllDirectories);
        var result = Run(command == "ingest" ? [command, file, "--db", "mysql://x"] : [command, "--db", "mysql://x"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: --db: mysql://… is not a store this program supports; give a DuckDB file path or a postgresql:// URL\n", result.Error);
        Assert.Equal(before, Directory.GetFileSystemEntries(_folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_url_in_the_environment_is_refused_naming_the_variable()
    {
        var result = Analytics.RunWith(_folder, null, new Dictionary<string, string> { ["ANALYTICS_DB"] = "http://example.com/store" }, "status");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ANALYTICS_DB: http://… is not a store this program supports", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Status_says_which_store_it_is_on()
    {
        Run("ingest", WriteEvents(_user.Inbound("12:00:00")));

        var status = Run("status");

        Assert.Equal(0, status.ExitCode);
        Assert.StartsWith($"store: DuckDB file {Path.Combine(_folder, "data", "analytics.duckdb")}\n", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_is_configurable_on_refresh()
    {
        Run("ingest", WriteEvents(_user.Inbound("12:00:00", "old"), _user.Inbound("2026-11-22T12:00:00Z", "new")));
        Assert.Equal(0, Run("refresh", "--as-of", "2026-11-22T12:30:00Z", "--retention", "1d").ExitCode);
        var rows = Run("query", "SELECT first_message FROM sessions", "--workspace", "acme", "--format", "csv");
        Assert.Equal("first_message\r\nnew\r\n", rows.Output);
    }

    [Fact]
    public void Every_command_has_help()
    {
        foreach (var command in new[] { "ingest", "refresh", "query", "rejects", "workspace", "status", "demo", "bench" })
        {
            var help = Run(command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("--db", help.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rejects_lists_the_source_line_reason_and_raw_text()
    {
        var file = WriteEvents(_user.Inbound("12:00:00"), "{not json",
            """{"event_id":"e","type":"msg.in","occurred_at":"2026-11-20T12:00:00Z","workspace_id":"acme"}""");
        Run("ingest", file);
        var result = Run("rejects", "--workspace", "acme", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList());
        Assert.Equal(3, row.GetProperty("line_number").GetInt64());
        Assert.Equal("unknown type \"msg.in\"", row.GetProperty("reason").GetString());
        Assert.Contains("msg.in", row.GetProperty("raw").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(".ndjson", row.GetProperty("source").GetString(), StringComparison.Ordinal);

        var all = Run("rejects", "--format", "csv");
        Assert.Contains("{not json", all.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Poison_lines_among_thousands_of_good_ones_are_kept_as_rejections_and_the_good_ones_are_stored()
    {
        var good = Enumerable.Range(0, 3000).Select(i => _user.Node("12:00:00", "n_menu", id: $"g{i}")).ToList();
        byte[][] poison =
        [
            Encoding.UTF8.GetBytes(_user.Inbound("12:00:30", "X", id: "p1").Replace("\"X\"", "\"cut \\ud83d\"", StringComparison.Ordinal)),
            [.. "{\"event_id\":\"p2\",\"node_id\":\"n"u8, 0xFF, .. "\"}"u8],
            [.. "{\"event_id\":\"p3\",\"node_id\":\"n"u8, 0x00, .. "\"}"u8],
        ];
        var lines = good.Select(Encoding.UTF8.GetBytes).ToList();
        lines.Insert(10, poison[0]);
        lines.Insert(1500, poison[1]);
        lines.Insert(2900, poison[2]);
        var file = Path.Combine(_folder, "poison.ndjson");
        File.WriteAllBytes(file, [.. lines.SelectMany(line => line.Append((byte)'\n'))]);

        var ingest = Run("ingest", file);

        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("3,003 lines read: 3,000 accepted, 0 duplicates, 3 rejected", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("message.text is not valid Unicode", ingest.Output, StringComparison.Ordinal);
        var rejects = Run("rejects", "--format", "json");
        var rows = JsonDocument.Parse(rejects.Output).RootElement.EnumerateArray()
            .Select(r => (Line: r.GetProperty("line_number").GetInt64(), Reason: r.GetProperty("reason").GetString()!, Raw: r.GetProperty("raw").GetString()!))
            .OrderBy(r => r.Line).ToList();
        Assert.Equal([11L, 1501L, 2901L], rows.Select(r => r.Line));
        Assert.StartsWith("message.text is not valid Unicode", rows[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("invalid JSON: the line is not valid UTF-8", rows[1].Reason, StringComparison.Ordinal);
        Assert.EndsWith("\"node_id\":\"n\uFFFD\"}", rows[1].Raw, StringComparison.Ordinal);
        Assert.EndsWith("\"node_id\":\"n\0\"}", rows[2].Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_output_neutralises_text_that_starts_a_formula_unless_asked_for_raw()
    {
        Run("ingest", WriteEvents(_user.Inbound("12:00:00", "=HYPERLINK(\"http://evil.example/\",\"open\")"), "@SUM(1+1)*cmd|' /C calc'!A0"));
        Run("refresh", "--as-of", "2026-11-20T18:00:00Z");
        const string Sql = "SELECT first_message, -1 AS minus_one FROM sessions";

        var neutralised = Run("query", Sql, "--workspace", "acme", "--format", "csv");
        Assert.Equal("first_message,minus_one\r\n\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"open\"\")\",-1\r\n", neutralised.Output);
        var raw = Run("query", Sql, "--workspace", "acme", "--format", "csv", "--csv-raw");
        Assert.Equal("first_message,minus_one\r\n\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"open\"\")\",-1\r\n", raw.Output);

        Assert.Contains(",\"'@SUM(1+1)*cmd|' /C calc'!A0\"\r\n", Run("rejects", "--format", "csv").Output, StringComparison.Ordinal);
        Assert.Contains(",@SUM(1+1)*cmd|' /C calc'!A0\r\n", Run("rejects", "--format", "csv", "--csv-raw").Output, StringComparison.Ordinal);
        Assert.Equal(2, Run("query", Sql, "--server", "http://127.0.0.1:9", "--key", "k", "--format", "csv", "--csv-raw").ExitCode);
    }

    [Fact]
    public void Workspace_settings_and_status_are_listed()
    {
        Run("ingest", WriteEvents(_user.Inbound("12:00:00"), _user.Status("12:00:00", "dep-unknown", "delivered")));
        Assert.Equal(0, Run("workspace", "set", "acme", "--inactivity-timeout", "45m").ExitCode);
        Run("refresh", "--as-of", "2026-11-20T18:00:00Z");
        Assert.Contains("45m", Run("workspace", "list").Output, StringComparison.Ordinal);

        var status = Run("status", "--workspace", "acme");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("2026-11-20T18:00:00Z", status.Output, StringComparison.Ordinal);
        Assert.Matches(@"acme\s*│\s*2026-11-20T18:00:00Z\s*│[^│]*│\s*1\s*│\s*0\s*│\s*0\s*│\s*1\s*│\s*45m", status.Output);
        Assert.Matches(@"acme: refreshed (just now|\d+ minutes? ago), as of 2026-11-20 18:00 UTC", status.Output);
    }

    [Fact]
    public void Workspace_set_changes_the_time_zone_alone_and_list_shows_it()
    {
        Assert.Equal(0, Run("workspace", "set", "acme", "--inactivity-timeout", "45m").ExitCode);
        var set = Run("workspace", "set", "acme", "--time-zone", "Europe/Madrid");
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("acme: time zone Europe/Madrid", set.Output, StringComparison.Ordinal);

        Assert.Matches(@"acme\s*│\s*45m\s*│\s*Europe/Madrid\s*│", Run("workspace", "list").Output);
    }

    [Theory]
    [InlineData("Mars/Olympus", "--time-zone \"Mars/Olympus\" is not an IANA time zone id")]
    [InlineData("Romance Standard Time", "is not an IANA time zone id like Europe/Madrid")]
    public void A_bad_time_zone_exits_2_and_says_why(string zone, string words)
    {
        Run("workspace", "set", "acme", "--inactivity-timeout", "45m");
        var result = Run("workspace", "set", "acme", "--time-zone", zone, "--inactivity-timeout", "2h");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(words, result.Error, StringComparison.Ordinal);
        Assert.Matches(@"acme\s*│\s*45m\s*│\s*UTC\s*│", Run("workspace", "list").Output);
    }

    [Fact]
    public void Workspace_set_without_a_setting_exits_2_and_names_them()
    {
        var result = Run("workspace", "set", "acme");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs --inactivity-timeout DURATION, --time-zone ZONE or --retention DURATION", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Workspace_set_changes_the_retention_window_alone_and_default_gives_the_stores_back()
    {
        Assert.Equal(0, Run("workspace", "set", "acme", "--inactivity-timeout", "45m").ExitCode);
        var set = Run("workspace", "set", "acme", "--retention", "90d");
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("acme: rows kept for 90d; the next refresh applies it", set.Output, StringComparison.Ordinal);
        Assert.Matches(@"acme\s*│\s*45m\s*│\s*UTC\s*│\s*90d\s*│", Run("workspace", "list").Output);

        Assert.Equal(0, Run("workspace", "set", "acme", "--retention", "default").ExitCode);
        Assert.Matches(@"acme\s*│\s*45m\s*│\s*UTC\s*│\s*30d\s*│", Run("workspace", "list").Output);
    }

    [Fact]
    public void A_store_held_by_another_process_is_named_plainly()
    {
        Run("ingest", WriteEvents(_user.Inbound("12:00:00")));
        using var holder = Storage.DuckDb.DuckDbStore.Open(Path.Combine(_folder, "data", "analytics.duckdb"));
        var result = Run("refresh");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in use by another process", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_builds_a_store_and_shows_the_analyses()
    {
        var result = Run("demo", "--events", "20000", "--end", "2026-11-24T00:00:00Z", "--no-serve");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Delivery success rate", result.Output, StringComparison.Ordinal);
        Assert.Contains("Top failure reasons", result.Output, StringComparison.Ordinal);
        Assert.Contains("Flow drop-off", result.Output, StringComparison.Ordinal);

        var sessions = Run("query", "SELECT count(*) AS n FROM sessions", "--workspace", "acme", "--db", "data/demo.duckdb", "--format", "csv");
        Assert.True(long.Parse(sessions.Output.Split("\r\n")[1], System.Globalization.CultureInfo.InvariantCulture) > 100);
    }

    [Fact]
    public void The_benchmark_times_ingest_and_refresh_reports_the_peak_memory_of_each_and_the_floor_the_machine_alone_sets()
    {
        var result = Run("bench", "--events", "20000", "--dir", "bench");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        const string Timing = @"[\d.]+ s \(([\d.]+) CPU-s\)";
        Assert.Matches(@"ingest:\s+[\d,]+ lines, [\d,]+ accepted, [\d,]+ duplicates, [\d,]+ rejected in " + Timing + @", [\d,]+ lines/s", result.Output);
        Assert.Matches(@"refresh: [\d,]+ sessions, [\d,]+ deployments in " + Timing, result.Output);
        var total = System.Text.RegularExpressions.Regex.Match(
            result.Output,
            @"total:\s+" + Timing + @" end to end, [\d,]+ events/s, peak memory ([\d,]+) MB \(working set; ([\d,]+) MB by the end of the ingest\)");
        Assert.True(total.Success, result.Output);
        Assert.True(Megabytes(total.Groups[3].Value) <= Megabytes(total.Groups[2].Value), result.Output);

        var accepted = System.Text.RegularExpressions.Regex.Match(result.Output, @"([\d,]+) accepted").Groups[1].Value;
        var refreshed = System.Text.RegularExpressions.Regex.Match(result.Output, @"refresh: ([\d,]+) sessions, ([\d,]+) deployments");
        var floor = System.Text.RegularExpressions.Regex.Match(
            result.Output,
            $@"floor:\s+the same file, its {accepted} stored events and {refreshed.Groups[1].Value} \+ {refreshed.Groups[2].Value} rows, "
            + @"none of the product's own work: "
            + "reading the JSON " + Timing + ", DuckDB writing the events " + Timing + ", reading them in timeline order " + Timing
            + ", writing the rows " + Timing + "; " + Timing + " in all");
        Assert.True(floor.Success, result.Output);
        var floorCpu = Seconds(floor.Groups[5].Value);
        Assert.True(floorCpu >= Seconds(floor.Groups[1].Value) + Seconds(floor.Groups[2].Value) + Seconds(floor.Groups[4].Value) - 0.03, result.Output);
        var cores = System.Text.RegularExpressions.Regex.Match(
            result.Output, $@"cores:\s+{Environment.ProcessorCount}, so the floor alone needs ([\d.]+) s even with every core busy all along");
        Assert.True(cores.Success, result.Output);
        Assert.InRange(Seconds(cores.Groups[1].Value), (floorCpu / Environment.ProcessorCount) - 0.06, (floorCpu / Environment.ProcessorCount) + 0.06);
        Assert.False(File.Exists(Path.Combine(_folder, "bench", "floor.duckdb")), "the floor's scratch store is deleted");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static double Seconds(string figure) => double.Parse(figure, CultureInfo.InvariantCulture);

    private static long Megabytes(string figure) => long.Parse(figure, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
