using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>
/// The tenant function list against DuckDB's own catalog (duckdb_functions(), as a tenant's connection to the store sees
/// it): every function DuckDB knows is allowed or refused by name, so an upgrade that adds one cannot open a hole
/// unnoticed, and the list names nothing DuckDB does not know.
/// </summary>
public sealed class TenantFunctionCatalogTests : IDisposable
{
    private static readonly TenantFunctionList s_list = TenantFunctionList.Default;
    private readonly TestStore _store = new();

    [Fact]
    public async Task Every_function_DuckDB_knows_and_the_list_does_not_allow_is_refused_naming_it()
    {
        var problems = new List<string>();
        foreach (var (name, type) in Catalog())
        {
            if (type is "table" or "table_macro")
            {
                if (!s_list.AllowsInFrom(name))
                {
                    problems.AddRange(await RefusalProblemAsync($"SELECT * FROM \"{name}\"()", name));
                    problems.AddRange(await RefusalProblemAsync($"SELECT * FROM sessions, LATERAL \"{name}\"()", name));
                }
            }
            else if (!s_list.Allows(name))
            {
                problems.AddRange(await RefusalProblemAsync($"SELECT \"{name}\"()", name));
                problems.AddRange(await RefusalProblemAsync($"SELECT count(*) FROM sessions WHERE \"{name}\"() IS NULL", name));
                if (type != "pragma" && !s_list.Refused.Any(r => r.Matches(name)))
                {
                    problems.Add($"{type} {name}: neither allowed nor refused with a reason in TenantFunctions.txt");
                }
            }

            if (type == "pragma")
            {
                // A statement of its own: refused whatever it names.
                problems.AddRange(await RefusalProblemAsync($"PRAGMA {name}", null));
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Every_allowed_function_passes_the_guard_where_it_may_be_called()
    {
        var problems = new List<string>();
        foreach (var (name, kind) in s_list.Allowed)
        {
            problems.AddRange(await PassProblemAsync($"SELECT \"{name}\"()"));
            if (kind == TenantFunctionKind.Generator)
            {
                problems.AddRange(await PassProblemAsync($"SELECT * FROM \"{name}\"(1)"));
            }
        }

        foreach (var name in s_list.ParserQualified)
        {
            problems.AddRange(await PassProblemAsync($"SELECT main.\"{name}\"()"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_list_names_only_functions_DuckDB_knows_each_as_the_kind_DuckDB_lists()
    {
        var catalog = Catalog().ToLookup(f => f.Name, f => f.Type, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var (name, kind) in s_list.Allowed)
        {
            string[] types = kind switch
            {
                TenantFunctionKind.Scalar => ["scalar", "macro"],
                TenantFunctionKind.Aggregate => ["aggregate", "macro"],
                TenantFunctionKind.Window => ["aggregate"],
                _ => ["table"],
            };
            if (!catalog[name].Intersect(types).Any())
            {
                problems.Add($"allowed {kind} {name}: DuckDB lists it as [{string.Join(", ", catalog[name])}]");
            }
        }

        problems.AddRange(s_list.ParserQualified.Where(name => !s_list.Allows(name)).Select(name => $"main.{name} is not allowed unqualified"));
        foreach (var refusal in s_list.Refused)
        {
            var matched = catalog.Select(g => g.Key).Where(refusal.Matches).ToList();
            if (matched.Count == 0)
            {
                problems.Add($"refused {refusal.Pattern}: DuckDB has no such function");
            }

            problems.AddRange(matched.Where(s_list.Allows).Select(name => $"{name} is both allowed and refused ({refusal.Pattern})"));
        }

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("abs")]
    [InlineData("[allow scalar]\nabs\n[allow everything]\nstats")]
    [InlineData("[allow scalar]\nabs\nabs")]
    [InlineData("[refuse]\nstats")]
    [InlineData("[allow scalar]\nstats now")]
    [InlineData("[allow 1]\nstats")]
    public void A_list_that_does_not_follow_the_format_is_an_error(string text) =>
        Assert.Throws<FormatException>(() => TenantFunctionList.Parse(text));

    /// <summary>Every (name, type) the store's catalog lists, types as duckdb_functions() spells them.</summary>
    private List<(string Name, string Type)> Catalog()
    {
        // The same connection string as the store's own readers: DuckDB.NET hands them the one open database.
        using var connection = new DuckDBConnection(DuckDbStore.ConnectionString(_store.DatabasePath, readOnly: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT function_name, function_type FROM duckdb_functions() ORDER BY ALL";
        using var reader = command.ExecuteReader();
        var functions = new List<(string, string)>();
        while (reader.Read())
        {
            functions.Add((reader.GetString(0), reader.GetString(1)));
        }

        return functions;
    }

    /// <summary>Nothing when the store refuses <paramref name="sql"/> with a message naming <paramref name="named"/> (if given);
    /// otherwise what went wrong.</summary>
    private async Task<IEnumerable<string>> RefusalProblemAsync(string sql, string? named)
    {
        try
        {
            await _store.RowsAsync(sql);
            return [$"{sql}: ran"];
        }
        catch (QueryRefusedException refusal)
        {
            return named is null || refusal.Message.Contains(named, StringComparison.OrdinalIgnoreCase)
                ? []
                : [$"{sql}: refused without naming {named}: {refusal.Message}"];
        }
        catch (QueryFailedException failure)
        {
            return [$"{sql}: passed the guard and failed in DuckDB: {failure.Message}"];
        }
    }

    /// <summary>Nothing unless the guard refuses <paramref name="sql"/> (DuckDB may still fail it: the calls have no arguments).</summary>
    private async Task<IEnumerable<string>> PassProblemAsync(string sql)
    {
        try
        {
            await _store.RowsAsync(sql);
        }
        catch (QueryRefusedException refusal)
        {
            return [$"{sql}: refused: {refusal.Message}"];
        }
        catch (QueryFailedException)
        {
            // Binding fails for most calls without arguments; the guard let them through, which is what this checks.
        }

        return [];
    }

    public void Dispose() => _store.Dispose();
}
