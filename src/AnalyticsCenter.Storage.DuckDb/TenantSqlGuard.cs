using System.Collections.Immutable;
using System.Text.Json;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Decides whether a tenant's SQL may run, from DuckDB's own parse tree (<c>json_serialize_sql</c>), not from its text:
/// one SELECT, reading only <c>sessions</c>, <c>deployments</c> and the CTEs in scope where it names them, calling only
/// the functions <see cref="TenantFunctionList"/> allows (in FROM, only its generators).
/// </summary>
internal static class TenantSqlGuard
{
    /// <summary>The tables a tenant sees.</summary>
    public static readonly IReadOnlySet<string> Tables = new HashSet<string>(["sessions", "deployments"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> s_allowedFromTypes = new(
        ["BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EMPTY", "EXPRESSION_LIST", "PIVOT"], StringComparer.Ordinal);

    private static readonly HashSet<string> s_queryNodeTypes = new(["SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE"], StringComparer.Ordinal);

    /// <summary>
    /// The bare names DuckDB's binder reads as a function call when no column has the name (GetSQLValueFunctionName in
    /// bind_columnref_expression.cpp): the parse shows them as column references, so the guard checks the call they become.
    /// </summary>
    private static readonly Dictionary<string, string> s_sqlValueFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["current_catalog"] = "current_catalog",
        ["current_date"] = "current_date",
        ["current_role"] = "current_role",
        ["current_schema"] = "current_schema",
        ["current_time"] = "get_current_time",
        ["current_timestamp"] = "get_current_timestamp",
        ["current_user"] = "current_user",
        ["localtime"] = "current_localtime",
        ["localtimestamp"] = "current_localtimestamp",
        ["session_user"] = "session_user",
        ["user"] = "user",
    };

    private static TenantFunctionList Functions => TenantFunctionList.Default;

    /// <summary>Null when the statement may run; otherwise why not, in words.</summary>
    /// <param name="serialized">What <c>json_serialize_sql</c> returned for the statement.</param>
    /// <param name="uploads">The workspace's uploaded tables, which it may read too.</param>
    public static string? Check(string serialized, IReadOnlySet<string> uploads)
    {
        using var document = JsonDocument.Parse(serialized, new JsonDocumentOptions { MaxDepth = 4096 });
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? "" : "";
            return message.Contains("Only SELECT", StringComparison.OrdinalIgnoreCase)
                ? "only a single SELECT statement may run: statements that change data or settings " +
                    "(INSERT, UPDATE, DELETE, CREATE, DROP, SET, ATTACH, COPY, EXPORT, INSTALL, LOAD, PRAGMA, CHECKPOINT…) are refused"
                : "the query is not valid SQL: " + message;
        }

        var statements = root.GetProperty("statements");
        if (statements.GetArrayLength() != 1)
        {
            return statements.GetArrayLength() == 0
                ? "the query is empty"
                : "only one statement may run at a time; remove the extra statements after the first semicolon";
        }

        // The uploads are names in scope everywhere, as the two tables are: a CTE may shadow them, never unshadow another name.
        return Visit(statements[0], ImmutableHashSet.CreateRange(StringComparer.OrdinalIgnoreCase, uploads));
    }

    /// <summary>Checks <paramref name="element"/> and all it holds, with <paramref name="ctes"/> the CTE names in scope there.</summary>
    private static string? Visit(JsonElement element, ImmutableHashSet<string> ctes)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Visit(item, ctes) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Object:
                return element.TryGetProperty("cte_map", out var cteMap)
                    ? VisitQuery(element, cteMap, ctes)
                    : CheckNode(element, ctes) ?? VisitProperties(element, ctes, null, ctes);
            default:
                return null;
        }
    }

    /// <summary>
    /// A query (SELECT, set operation, recursive CTE) and its WITH. Names resolve as DuckDB resolves them (measured on
    /// 1.5): a CTE is visible to the CTEs after it in the same WITH, to the query the WITH belongs to and to everything
    /// nested in those, and nowhere else; a CTE's own body, and any CTE before it, see the table of that name instead (so
    /// do the CTEs before it under RECURSIVE), except that a recursive CTE sees itself in its recursive term (right).
    /// </summary>
    private static string? VisitQuery(JsonElement node, JsonElement cteMap, ImmutableHashSet<string> ctes)
    {
        var type = node.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type is null || !s_queryNodeTypes.Contains(type))
        {
            return $"{type?.Replace('_', ' ').ToLowerInvariant() ?? "this query"} is not allowed in a query; write a SELECT";
        }

        if (cteMap.TryGetProperty("map", out var map))
        {
            foreach (var entry in map.EnumerateArray())
            {
                if (Visit(entry.GetProperty("value"), ctes) is { } problem)
                {
                    return problem;
                }

                ctes = ctes.Add(entry.GetProperty("key").GetString() ?? "");
            }
        }

        var recursiveTerm = type == "RECURSIVE_CTE_NODE" ? ctes.Add(node.GetProperty("cte_name").GetString() ?? "") : ctes;
        return VisitProperties(node, ctes, "right", recursiveTerm);
    }

    /// <summary>Visits every property but <c>cte_map</c>, the one named <paramref name="special"/> with its own scope.</summary>
    private static string? VisitProperties(JsonElement node, ImmutableHashSet<string> ctes, string? special, ImmutableHashSet<string> specialCtes)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (!property.NameEquals("cte_map")
                && Visit(property.Value, special is not null && property.NameEquals(special) ? specialCtes : ctes) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckNode(JsonElement node, ImmutableHashSet<string> ctes)
    {
        var type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var expressionClass = node.TryGetProperty("class", out var c) ? c.GetString() : null;
        if (expressionClass is null && type is not null && node.TryGetProperty("query_location", out _) && node.TryGetProperty("sample", out _)
            && !s_allowedFromTypes.Contains(type))
        {
            return $"{type.Replace('_', ' ').ToLowerInvariant()} is not allowed in a query; read from sessions and deployments";
        }

        return (expressionClass, type) switch
        {
            (null, "BASE_TABLE") => CheckTable(node, ctes),
            (null, "TABLE_FUNCTION") => CheckTableFunction(node.GetProperty("function")),
            ("FUNCTION" or "WINDOW", _) => CheckFunction(node),
            ("COLUMN_REF", _) => CheckColumn(node),
            _ => null,
        };
    }

    private static string? CheckTable(JsonElement node, ImmutableHashSet<string> ctes)
    {
        var table = node.GetProperty("table_name").GetString() ?? "";
        var schema = node.TryGetProperty("schema_name", out var s) ? s.GetString() : "";
        var catalog = node.TryGetProperty("catalog_name", out var c) ? c.GetString() : "";
        if (!string.IsNullOrEmpty(schema) || !string.IsNullOrEmpty(catalog))
        {
            var qualified = string.Join('.', new[] { catalog, schema, table }.Where(p => !string.IsNullOrEmpty(p)));
            return $"table \"{qualified}\" is not available: a query sees only sessions and deployments, unqualified";
        }

        return Tables.Contains(table) || ctes.Contains(table)
            ? null
            : $"table \"{table}\" is not available here: a query sees only sessions, deployments, the workspace's uploaded tables "
              + "and the CTEs of the WITH clauses around it";
    }

    private static string? CheckTableFunction(JsonElement function)
    {
        var name = function.TryGetProperty("function_name", out var n) ? n.GetString() ?? "" : "";
        return Functions.AllowsInFrom(name) && QualifiedName(function) is null
            ? null
            : $"table function {QualifiedName(function) ?? name}() is not allowed: " +
                "a query reads only sessions, deployments, its CTEs and range(), generate_series() and unnest()";
    }

    private static string? CheckFunction(JsonElement node)
    {
        var name = node.TryGetProperty("function_name", out var n) ? n.GetString() ?? "" : "";
        if (QualifiedName(node) is { } qualified
            && !(qualified == "main." + name && Functions.ParserQualified.Contains(name)))
        {
            return $"function {qualified}() is not allowed: call functions by their bare name, without a schema or catalog";
        }

        if (!Functions.Allows(name))
        {
            return $"function {name}() is not allowed: {Functions.WhyRefused(name)}";
        }

        return node.TryGetProperty("export_state", out var exportState) && exportState.ValueKind == JsonValueKind.True
            ? $"EXPORT_STATE on {name}() is not allowed: it returns the aggregate's internal state, not a value"
            : null;
    }

    private static string? CheckColumn(JsonElement node)
    {
        // The binder tries the map on the last part of a name (qualified by alias, or in a table function's arguments), so
        // the last part is checked wherever it stands.
        var names = node.GetProperty("column_names");
        var last = names[names.GetArrayLength() - 1].GetString() ?? "";
        return s_sqlValueFunctions.TryGetValue(last, out var function) && !Functions.Allows(function)
            ? $"{last} is not allowed: DuckDB reads it as the function {function}(), and {Functions.WhyRefused(function)}"
            : null;
    }

    /// <summary>The name with its schema and catalog when the call has either, else null.</summary>
    private static string? QualifiedName(JsonElement function)
    {
        var name = function.TryGetProperty("function_name", out var n) ? n.GetString() ?? "" : "";
        var schema = function.TryGetProperty("schema", out var s) ? s.GetString() : null;
        var catalog = function.TryGetProperty("catalog", out var c) ? c.GetString() : null;
        return string.IsNullOrEmpty(schema) && string.IsNullOrEmpty(catalog)
            ? null
            : string.Join('.', new[] { catalog, schema, name }.Where(p => !string.IsNullOrEmpty(p)));
    }
}
