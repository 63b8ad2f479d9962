namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The application's check of tenant SQL on PostgreSQL, in front of the database's own wall (the tenant's login role,
/// which can read its two views and nothing else): a lexer that reads literals, quoted names, dollar quotes and comments
/// as PostgreSQL does, so it can refuse in words, before anything is sent, what the database would refuse less clearly.
/// It is not the wall: what it lets through still runs as that role, read-only.
/// </summary>
internal static class TenantSqlText
{
    private static readonly HashSet<string> s_statementStarts = new(["select", "with", "values", "table"], StringComparer.OrdinalIgnoreCase);

    // Names that only reach the server's catalog, files, settings or other roles; the role could not use most of them
    // anyway, and the rest (pg_class, current_setting…) tell about the server, not the workspace.
    private static readonly string[] s_refusedPrefixes = ["pg_", "lo_", "dblink"];

    private static readonly HashSet<string> s_refusedNames = new(
        ["information_schema", "analytics", "tenant", "set_config", "current_setting", "query_to_xml", "query_to_xml_and_xmlschema",
         "query_to_xmlschema", "cursor_to_xml", "cursor_to_xmlschema", "table_to_xml", "table_to_xml_and_xmlschema", "table_to_xmlschema",
         "schema_to_xml", "database_to_xml", "xpath_table", "txid_current", "version", "inet_server_addr", "inet_server_port",
         "inet_client_addr", "inet_client_port", "current_database", "current_catalog", "current_schema", "current_schemas",
         "current_user", "current_role", "session_user", "user", "has_table_privilege", "has_schema_privilege", "to_regclass"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Null and the statement to send (a trailing semicolon cut off) when it may run; otherwise why not, in words.
    /// </summary>
    public static string? Check(string sql, int maxLength, out string statement)
    {
        statement = sql;
        if (string.IsNullOrWhiteSpace(sql))
        {
            return "the query is empty";
        }

        if (sql.Length > maxLength)
        {
            return $"the query is {sql.Length:N0} characters long and at most {maxLength:N0} may run; shorten it";
        }

        var first = true;
        int? semicolon = null;
        for (var position = 0; position < sql.Length;)
        {
            var (kind, start, end) = Next(sql, position);
            position = end;
            switch (kind)
            {
                case Token.Space:
                    continue;
                case Token.Unterminated:
                    return "the query is not valid SQL: a string, quoted name or comment is not closed";
                case Token.Semicolon:
                    semicolon ??= start;
                    continue;
            }

            if (semicolon is not null)
            {
                return "only one statement may run at a time; remove the extra statements after the first semicolon";
            }

            var word = kind switch
            {
                Token.Word => sql[start..end],
                Token.QuotedName => sql[(start + 1)..(end - 1)].Replace("\"\"", "\"", StringComparison.Ordinal),
                _ => null,
            };
            if (first && !(kind == Token.Symbol && sql[start] == '(' || kind == Token.Word && s_statementStarts.Contains(word!)))
            {
                return "only a single SELECT statement may run: statements that change data or settings " +
                    "(INSERT, UPDATE, DELETE, CREATE, DROP, SET, COPY, EXPLAIN, DO, CALL…) are refused";
            }

            first = false;
            if (word is not null && (s_refusedNames.Contains(word) || s_refusedPrefixes.Any(p => word.StartsWith(p, StringComparison.OrdinalIgnoreCase))))
            {
                return $"\"{word}\" is not allowed: a query reads only sessions and deployments, never the server's catalog, settings, files or roles";
            }
        }

        if (first)
        {
            return "the query is empty";
        }

        statement = semicolon is { } cut ? sql[..cut] : sql;
        return null;
    }

    private enum Token
    {
        Space,
        Word,
        QuotedName,
        Literal,
        Semicolon,
        Symbol,
        Unterminated,
    }

    /// <summary>The token at <paramref name="at"/>: its kind and span. Comments and whitespace are <see cref="Token.Space"/>.</summary>
    private static (Token Kind, int Start, int End) Next(string sql, int at)
    {
        var c = sql[at];
        if (char.IsWhiteSpace(c))
        {
            return (Token.Space, at, at + 1);
        }

        if (c == '-' && At(sql, at + 1) == '-')
        {
            var end = sql.IndexOf('\n', at);
            return (Token.Space, at, end < 0 ? sql.Length : end + 1);
        }

        if (c == '/' && At(sql, at + 1) == '*')
        {
            return BlockComment(sql, at);
        }

        if (c == '\'')
        {
            // An E'…' string takes backslash escapes; the E was read as a word just before, so look back for it.
            var escapes = at > 0 && sql[at - 1] is 'e' or 'E' && (at == 1 || !IsWordChar(sql[at - 2]));
            return Quoted(sql, at, '\'', escapes, Token.Literal);
        }

        if (c == '"')
        {
            return Quoted(sql, at, '"', false, Token.QuotedName);
        }

        if (c == '$' && DollarTag(sql, at) is { } tag)
        {
            var close = sql.IndexOf(tag, at + tag.Length, StringComparison.Ordinal);
            return close < 0 ? (Token.Unterminated, at, sql.Length) : (Token.Literal, at, close + tag.Length);
        }

        if (char.IsAsciiLetter(c) || c == '_' || c > 127)
        {
            var end = at + 1;
            while (end < sql.Length && IsWordChar(sql[end]))
            {
                end++;
            }

            // E'…', U&'…', B'…', X'…': the prefix is read with the literal that follows.
            return end < sql.Length && sql[end] == '\'' && end - at == 1 ? (Token.Literal, at, at + 1) : (Token.Word, at, end);
        }

        return (c == ';' ? Token.Semicolon : Token.Symbol, at, at + 1);
    }

    private static (Token, int, int) BlockComment(string sql, int at)
    {
        // PostgreSQL's block comments nest.
        var depth = 0;
        for (var i = at; i < sql.Length - 1; i++)
        {
            if (sql[i] == '/' && sql[i + 1] == '*')
            {
                depth++;
                i++;
            }
            else if (sql[i] == '*' && sql[i + 1] == '/')
            {
                i++;
                if (--depth == 0)
                {
                    return (Token.Space, at, i + 1);
                }
            }
        }

        return (Token.Unterminated, at, sql.Length);
    }

    private static (Token, int, int) Quoted(string sql, int at, char quote, bool backslashEscapes, Token kind)
    {
        for (var i = at + 1; i < sql.Length; i++)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                if (At(sql, i + 1) != quote)
                {
                    return (kind, at, i + 1);
                }

                i++;
            }
        }

        return (Token.Unterminated, at, sql.Length);
    }

    /// <summary>The opening <c>$tag$</c> at <paramref name="at"/>, or null for a <c>$1</c> parameter or a lone dollar.</summary>
    private static string? DollarTag(string sql, int at)
    {
        var end = at + 1;
        while (end < sql.Length && sql[end] != '$')
        {
            if (!IsWordChar(sql[end]) || char.IsAsciiDigit(sql[end]) && end == at + 1)
            {
                return null;
            }

            end++;
        }

        return end < sql.Length ? sql[at..(end + 1)] : null;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$' || c > 127;

    private static char At(string sql, int index) => index < sql.Length ? sql[index] : '\0';
}
