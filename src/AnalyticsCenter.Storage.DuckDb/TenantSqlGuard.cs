using System.Text.Json;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Decides whether a tenant's SQL may run, from DuckDB's own parse tree (<c>json_serialize_sql</c>), not from its text:
/// one SELECT, reading only <c>sessions</c>, <c>deployments</c> and its own CTEs, with no table functions but a few
/// harmless generators and no function that reaches settings, the environment or sequences.
/// </summary>
internal static class TenantSqlGuard
{
    /// <summary>The tables a tenant sees.</summary>
    public static readonly IReadOnlySet<string> Tables = new HashSet<string>(["sessions", "deployments"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> s_allowedTableFunctions = new(["range", "generate_series", "unnest"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> s_refusedFunctions = new(
        ["getenv", "current_setting", "nextval", "currval", "setseed", "query", "query_table", "read_text", "read_blob", "sql_auto_complete",
         "json_serialize_sql", "json_deserialize_sql", "json_serialize_plan", "json_execute_serialized_sql", "which_secret",
         "getvariable", "checkpoint", "force_checkpoint"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> s_allowedFromTypes = new(
        ["BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EMPTY", "EXPRESSION_LIST", "PIVOT"], StringComparer.Ordinal);

    /// <summary>Null when the statement may run; otherwise why not, in words.</summary>
    /// <param name="serialized">What <c>json_serialize_sql</c> returned for the statement.</param>
    public static string? Check(string serialized)
    {
        using var document = JsonDocument.Parse(serialized, new JsonDocumentOptions { MaxDepth = 4096 });
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? "" : "";
            return message.Contains("Only SELECT", StringComparison.OrdinalIgnoreCase)
                ? "only a single SELECT statement may run: statements that change data or settings (INSERT, UPDATE, DELETE, CREATE, DROP, SET, ATTACH, COPY, EXPORT, INSTALL, LOAD, PRAGMA, CHECKPOINT…) are refused"
                : "the query is not valid SQL: " + message;
        }

        var statements = root.GetProperty("statements");
        if (statements.GetArrayLength() != 1)
        {
            return statements.GetArrayLength() == 0
                ? "the query is empty"
                : "only one statement may run at a time; remove the extra statements after the first semicolon";
        }

        var cteNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        CollectCteNames(statements[0], cteNames);
        return Visit(statements[0], cteNames);
    }

    private static void CollectCteNames(JsonElement element, HashSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("cte_map") && property.Value.TryGetProperty("map", out var map))
                    {
                        foreach (var entry in map.EnumerateArray())
                        {
                            if (entry.TryGetProperty("key", out var key) && key.GetString() is { } name)
                            {
                                names.Add(name);
                            }
                        }
                    }

                    CollectCteNames(property.Value, names);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectCteNames(item, names);
                }

                break;
        }
    }

    private static string? Visit(JsonElement element, HashSet<string> cteNames)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (Visit(item, cteNames) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (CheckNode(element, cteNames) is { } refusal)
        {
            return refusal;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Visit(property.Value, cteNames) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckNode(JsonElement node, HashSet<string> cteNames)
    {
        var type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var isExpression = node.TryGetProperty("class", out _);
        if (!isExpression && type is not null && node.TryGetProperty("query_location", out _) && node.TryGetProperty("sample", out _)
            && !s_allowedFromTypes.Contains(type))
        {
            return $"{type.Replace('_', ' ').ToLowerInvariant()} is not allowed in a query; read from sessions and deployments";
        }

        switch (type)
        {
            case "BASE_TABLE":
                var table = node.GetProperty("table_name").GetString() ?? "";
                var schema = node.TryGetProperty("schema_name", out var s) ? s.GetString() : "";
                var catalog = node.TryGetProperty("catalog_name", out var c) ? c.GetString() : "";
                if (!string.IsNullOrEmpty(schema) || !string.IsNullOrEmpty(catalog))
                {
                    var qualified = string.Join('.', new[] { catalog, schema, table }.Where(p => !string.IsNullOrEmpty(p)));
                    return $"table \"{qualified}\" is not available: a query sees only sessions and deployments, unqualified";
                }

                if (!Tables.Contains(table) && !cteNames.Contains(table))
                {
                    return $"table \"{table}\" is not available: a query sees only sessions and deployments";
                }

                return null;
            case "TABLE_FUNCTION":
                var function = node.GetProperty("function");
                var name = function.TryGetProperty("function_name", out var n) ? n.GetString() ?? "" : "";
                return s_allowedTableFunctions.Contains(name) && IsUnqualified(function)
                    ? null
                    : $"table function {name}() is not allowed: a query reads only sessions and deployments (range, generate_series and unnest are allowed)";
            case "FUNCTION" when isExpression:
                var functionName = node.TryGetProperty("function_name", out var fn) ? fn.GetString() ?? "" : "";
                if (!IsUnqualified(node))
                {
                    return $"function {functionName}() may not be named with a schema or catalog other than the built-in ones";
                }

                if (s_refusedFunctions.Contains(functionName) || functionName.StartsWith("duckdb_", StringComparison.OrdinalIgnoreCase)
                    || functionName.StartsWith("pragma_", StringComparison.OrdinalIgnoreCase))
                {
                    return $"function {functionName}() is not allowed: it reaches settings, the environment or the database itself";
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Unqualified, or qualified only with the built-in schemas (DuckDB's parser itself writes <c>AT TIME ZONE</c> as
    /// <c>main.timezone</c>); the name rules apply either way.
    /// </summary>
    private static bool IsUnqualified(JsonElement function)
    {
        var schema = function.TryGetProperty("schema", out var s) ? s.GetString() : null;
        var catalog = function.TryGetProperty("catalog", out var c) ? c.GetString() : null;
        return (string.IsNullOrEmpty(schema) || schema is "main" or "pg_catalog") && (string.IsNullOrEmpty(catalog) || catalog == "system");
    }
}
