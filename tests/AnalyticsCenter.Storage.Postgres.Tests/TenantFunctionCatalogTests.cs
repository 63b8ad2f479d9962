using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// The tenant function list against PostgreSQL's own catalog (pg_proc, the functions PUBLIC may execute): each is allowed
/// by name or refused by the store's check wherever a query may call it, so an upgrade that adds a function cannot open
/// a hole unnoticed; the list allows or refuses each by name (so an upgrade's new function fails here until decided),
/// and names nothing PostgreSQL does not have, each as the kind pg_proc says.
/// </summary>
public sealed class TenantFunctionCatalogTests(TenantStore store) : IClassFixture<TenantStore>, IAsyncDisposable
{
    private static readonly TenantFunctionList s_list = TenantFunctionList.Default;
    private readonly TenantQueries _queries = new(store.Store, TenantStore.Options, TimeProvider.System);

    [Fact]
    public async Task Every_function_PUBLIC_may_execute_and_the_list_does_not_allow_is_refused_naming_it()
    {
        var problems = new List<string>();
        var catalog = await CatalogAsync();
        Assert.Contains(catalog, f => f.Name == "set_config");
        foreach (var (schema, name) in catalog.Select(f => (f.Schema, f.Name)).Distinct())
        {
            if (!s_list.Allows(name, construct: false))
            {
                foreach (var call in Calls(Quoted(name)).Concat(IsPlain(name) ? Calls(name) : []))
                {
                    problems.AddRange(await RefusalProblemAsync(call, name));
                }
            }

            // Qualified, the name is refused even when the list allows it bare.
            foreach (var call in Calls($"{Quoted(schema)}.{Quoted(name)}"))
            {
                problems.AddRange(await RefusalProblemAsync(call, $"{schema}.{name}"));
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_allowed_name_passes_the_check_where_a_query_may_call_it()
    {
        var problems = new List<string>();
        foreach (var (name, kind) in s_list.Allowed)
        {
            var calls = kind == TenantFunctionKind.Construct ? [] : Calls(Quoted(name)).ToList();
            if (IsPlain(name))
            {
                calls.Add($"SELECT {name}()");
            }

            problems.AddRange(calls.Select(call => (call, refusal: TenantSqlText.Check(call, 10_000, out _)))
                .Where(c => c.refusal is not null).Select(c => $"{c.call}: refused: {c.refusal}"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_list_decides_every_function_pg_proc_has_and_names_only_those_each_as_the_kind_it_lists()
    {
        var catalog = (await CatalogAsync()).Where(f => f.Schema == "pg_catalog").ToLookup(f => f.Name, f => f.Kind, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, kind) in s_list.Allowed)
        {
            if (kind == TenantFunctionKind.Construct ? catalog.Contains(name) : !catalog[name].Contains(kind))
            {
                problems.Add($"{kind} {name}: pg_catalog lists it as [{string.Join(", ", catalog[name])}]");
            }
        }

        // PostgreSQL's own functions; the store's (in its schema) are refused by the check as any unlisted name is.
        var names = (await CatalogAsync()).Where(f => f.Schema is "pg_catalog" or "information_schema").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(names.Where(n => !s_list.Allowed.ContainsKey(n) && !s_list.Refused.ContainsKey(n))
            .Select(n => $"{n}: PUBLIC may execute it and the list neither allows nor refuses it"));
        problems.AddRange(s_list.Refused.Keys.Where(n => !names.Contains(n)).Select(n => $"refused {n}: PostgreSQL has no such function"));
        problems.AddRange(s_list.Refused.Keys.Where(s_list.Allowed.ContainsKey).Select(n => $"{n} is both allowed and refused"));
        foreach (var name in s_list.BareCalls.Where(n => !s_list.Allows(n, construct: true)))
        {
            problems.AddRange(await RefusalProblemAsync($"SELECT {name}", name));
        }

        Assert.Empty(problems);
    }

    public async ValueTask DisposeAsync() => await _queries.DisposeAsync();

    /// <summary>The statements that call <paramref name="function"/> in a select list, in WHERE and in FROM.</summary>
    private static IEnumerable<string> Calls(string function) =>
    [
        $"SELECT {function}()",
        $"SELECT count(*) FROM sessions WHERE {function}() IS NULL",
        $"SELECT * FROM {function}()",
        $"SELECT * FROM sessions, LATERAL {function}()",
    ];

    private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Whether the name reads the same unquoted (a keyword such as <c>left</c> still calls as a function).</summary>
    private static bool IsPlain(string name) => name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]);

    /// <summary>Every function, aggregate and window function PUBLIC may execute, in any schema, with its kind.</summary>
    private async Task<List<(string Schema, string Name, TenantFunctionKind Kind)>> CatalogAsync()
    {
        await using var connection = await store.Store.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT n.nspname::text, p.proname::text, p.prokind::text, p.proretset
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.prokind IN ('f', 'a', 'w') AND has_function_privilege('public', p.oid, 'EXECUTE')
            ORDER BY 1, 2
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var functions = new List<(string, string, TenantFunctionKind)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var kind = reader.GetString(2) switch
            {
                "a" => TenantFunctionKind.Aggregate,
                "w" => TenantFunctionKind.Window,
                _ => reader.GetBoolean(3) ? TenantFunctionKind.SetReturning : TenantFunctionKind.Scalar,
            };
            functions.Add((reader.GetString(0), reader.GetString(1), kind));
        }

        return functions;
    }

    /// <summary>Nothing when the store refuses <paramref name="sql"/> naming <paramref name="named"/>; otherwise what went wrong.</summary>
    private async Task<IEnumerable<string>> RefusalProblemAsync(string sql, string named)
    {
        try
        {
            await RunAsync(sql);
            return [$"{sql}: ran"];
        }
        catch (QueryRefusedException refusal)
        {
            return refusal.Message.Contains(named, StringComparison.Ordinal) ? [] : [$"{sql}: refused without naming {named}: {refusal.Message}"];
        }
        catch (QueryFailedException failure)
        {
            return [$"{sql}: passed the check and failed in PostgreSQL: {failure.Message}"];
        }
    }

    private Task<IReadOnlyList<Dictionary<string, object?>>> RunAsync(string sql) =>
        _queries.QueryAsync(TenantStore.Acme, sql, new Dictionary<string, object?>(), TestStore.ReadAll, TestContext.Current.CancellationToken);
}
