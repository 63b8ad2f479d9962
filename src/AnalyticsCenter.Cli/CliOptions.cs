using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    public const string DefaultDatabase = "data/analytics.duckdb";
    public const string DatabaseVariable = "ANALYTICS_DB";

    /// <summary>
    /// <c>--db PATH|URL</c> on every command. It has no default value of its own: help shows an option's default, and
    /// ANALYTICS_DB may hold a password; <see cref="Target"/> falls back to the variable, then to data/analytics.duckdb.
    /// </summary>
    public static Option<string?> Database { get; } = new("--db")
    {
        Description = $"The store: a DuckDB file (default {DefaultDatabase}, or ${DatabaseVariable} when set; " +
            $"for demo, {Commands.DemoCommand.DefaultDatabase}) " +
            "or a PostgreSQL database (postgresql://user:password@host:5432/database, or Npgsql's Host=...;Database=...)",
        Recursive = true,
        HelpName = "PATH|URL",
    };

    /// <summary>The store <see cref="Database"/> names, else ANALYTICS_DB, else data/analytics.duckdb; checked.</summary>
    /// <exception cref="UsageException">It names no store this program supports.</exception>
    public static StoreTarget Target(ParseResult parse) =>
        parse.GetValue(Database) is { } given ? StoreTarget.Parse(given, "--db")
        : Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } fromEnvironment ? StoreTarget.Parse(fromEnvironment, DatabaseVariable)
        : StoreTarget.Parse(DefaultDatabase, "--db");

    public static Option<ResultFormat> Format() => new("--format")
    {
        Description = "table (a readable grid, the default), csv (RFC 4180 with a header) or json (an array of row objects)",
        HelpName = "table|csv|json",
        DefaultValueFactory = _ => ResultFormat.Table,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "table";
            if (Enum.TryParse<ResultFormat>(text, ignoreCase: true, out var format) && !int.TryParse(text, out _))
            {
                return format;
            }

            result.AddError($"--format must be table, csv or json, not \"{text}\"");
            return ResultFormat.Table;
        },
    };

    /// <summary><c>--csv-raw</c>: CSV text written as it is, without neutralising what a spreadsheet would run as a formula.</summary>
    public static Option<bool> CsvRaw() => new("--csv-raw")
    {
        Description = "With --format csv, write text exactly as stored, even text a spreadsheet would run as a formula "
            + "(by default a text cell beginning with = + - @, a tab or a carriage return gets a leading ' so that it opens as text)",
    };

    /// <summary>The result writer's options for <see cref="CsvRaw"/>'s value.</summary>
    public static ResultWriterOptions Writing(bool csvRaw) => csvRaw ? new ResultWriterOptions { RawCsv = true } : ResultWriterOptions.Default;
}
