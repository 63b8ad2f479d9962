using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The application's check of tenant SQL on PostgreSQL, in front of the database's own wall (the tenant's login role,
/// which can read its own views and nothing else). A lexer reads literals, quoted and Unicode-escaped names, dollar quotes
/// and comments as PostgreSQL does, and an allow-list decides: one statement that reads; every <c>name(</c> (and every
/// keyword the parser calls bare) on <see cref="TenantFunctionList"/>; every relation in FROM, JOIN or TABLE one of
/// <c>sessions</c>, <c>deployments</c>, their fact views or a CTE in lexical scope. It refuses in words, naming what it refuses, before
/// anything is sent; what it lets through still runs as that role, read-only.
/// </summary>
internal static class TenantSqlText
{
    private const string NotValid = "the query is not valid SQL: ";

    /// <summary>The tables a tenant sees, and the views of them with the facts the refresh keeps for the ready reports.</summary>
    private static readonly HashSet<string> s_tables = new(
        ["sessions", "deployments", "tenant_session_facts", "tenant_deployment_facts"], StringComparer.Ordinal);

    private static readonly HashSet<string> s_queryStarts = new(["select", "with", "values", "table"], StringComparer.Ordinal);

    private static readonly HashSet<string> s_joinWords = new(["natural", "cross", "inner", "left", "right", "full", "outer", "join"], StringComparer.Ordinal);

    // The keywords that end a FROM item or its join condition: what follows is no alias and no part of the condition.
    private static readonly HashSet<string> s_clauseWords = new(
        ["where", "group", "having", "window", "order", "limit", "offset", "fetch", "for", "union", "intersect", "except", "into", "on",
         "using", "with", "tablesample", "as", "natural", "cross", "inner", "left", "right", "full", "outer", "join"],
        StringComparer.Ordinal);

    // Words that continue a type name (character varying(n), timestamp with time zone, interval day to second(p)).
    private static readonly HashSet<string> s_typeWords = new(
        ["varying", "precision", "with", "without", "time", "zone", "year", "month", "day", "hour", "minute", "second", "to"], StringComparer.Ordinal);

    private static readonly HashSet<string> s_sampleMethods = new(["system", "bernoulli"], StringComparer.Ordinal);

    /// <summary>
    /// Null and the statement to send (a trailing semicolon cut off) when it may run; otherwise why not, in words.
    /// </summary>
    public static string? Check(string sql, int maxLength, out string statement, IReadOnlySet<string>? uploads = null)
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

        var tokens = new List<Lexeme>();
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
                    return NotValid + "a string, quoted name or comment is not closed";
                case Token.Semicolon:
                    semicolon ??= start;
                    continue;
            }

            if (semicolon is not null)
            {
                return "only one statement may run at a time; remove the extra statements after the first semicolon";
            }

            if (Lexeme.Read(sql, kind, start, end, tokens) is { } problem)
            {
                return problem;
            }
        }

        if (tokens.Count == 0)
        {
            return "the query is empty";
        }

        if (Lexeme.Unescape(sql, tokens) is { } unicode)
        {
            return unicode;
        }

        if (!(tokens[0].Is('(') || tokens[0].Kind == Token.Word && s_queryStarts.Contains(tokens[0].Name)))
        {
            return "only a single SELECT statement may run: statements that change data or settings " +
                "(INSERT, UPDATE, DELETE, CREATE, DROP, SET, COPY, EXPLAIN, DO, CALL…) are refused";
        }

        statement = semicolon is { } cut ? sql[..cut] : sql;
        return Statement.Check(tokens, uploads ?? ImmutableHashSet<string>.Empty);
    }

    /// <summary>A token that is not space: its kind, its name as PostgreSQL normalizes it (for names), and where it starts.</summary>
    private readonly record struct Lexeme(Token Kind, string Name, int Start)
    {
        public bool IsName => Kind is Token.Word or Token.QuotedName;

        /// <summary>Whether this is the unquoted keyword <paramref name="word"/>.</summary>
        public bool Is(string word) => Kind == Token.Word && Name == word;

        public bool Is(char symbol) => Kind == Token.Symbol && Name.Length == 1 && Name[0] == symbol;

        /// <summary>Decodes the Unicode-escaped names that had no UESCAPE clause, with the default escape, a backslash.</summary>
        public static string? Unescape(string sql, List<Lexeme> tokens)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Kind == Token.UnicodeName)
                {
                    if (Unescape(sql, tokens[i].Start, '\\', out var name) is { } problem)
                    {
                        return problem;
                    }

                    tokens[i] = tokens[i] with { Kind = Token.QuotedName, Name = Truncate(name) };
                }
            }

            return null;
        }

        /// <summary>
        /// Adds the token to <paramref name="tokens"/>; a Unicode-escaped name is decoded when its UESCAPE clause is read,
        /// or at the end (<see cref="Unescape(string, List{Lexeme})"/>).
        /// </summary>
        public static string? Read(string sql, Token kind, int start, int end, List<Lexeme> tokens)
        {
            var text = sql[start..end];
            switch (kind)
            {
                case Token.Word when tokens.Count >= 1 && text.Equals("uescape", StringComparison.OrdinalIgnoreCase)
                    && tokens[^1].Kind == Token.UnicodeName:
                    tokens.Add(new Lexeme(Token.Word, "uescape", start));
                    return null;
                case Token.Literal when tokens.Count >= 2 && tokens[^1].Is("uescape") && tokens[^2].Kind == Token.UnicodeName:
                    if (text.Length != 3 || text[0] != '\'' || char.IsAsciiHexDigit(text[1]) || text[1] is '+' or '\'' or '"' || char.IsWhiteSpace(text[1]))
                    {
                        return NotValid + "UESCAPE takes a single character that is no hex digit, sign, quote or space";
                    }

                    tokens.RemoveAt(tokens.Count - 1);
                    if (Unescape(sql, tokens[^1].Start, text[1], out var name) is { } wrong)
                    {
                        return wrong;
                    }

                    tokens[^1] = tokens[^1] with { Kind = Token.QuotedName, Name = Truncate(name) };
                    return null;
                case Token.Word:
                    tokens.Add(new Lexeme(kind, Truncate(string.Create(text.Length, text, (span, t) =>
                    {
                        // PostgreSQL folds only ASCII letters of an unquoted name (in UTF-8 databases).
                        for (var i = 0; i < t.Length; i++)
                        {
                            span[i] = char.IsAsciiLetterUpper(t[i]) ? (char)(t[i] | 0x20) : t[i];
                        }
                    })), start));
                    return null;
                case Token.QuotedName:
                    tokens.Add(new Lexeme(kind, Truncate(text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)), start));
                    return null;
                default:
                    tokens.Add(new Lexeme(kind, text, start));
                    return null;
            }
        }

        /// <summary>The name of the <c>U&amp;"…"</c> at <paramref name="start"/>, its escapes read with <paramref name="escape"/>.</summary>
        private static string? Unescape(string sql, int start, char escape, out string name)
        {
            var (_, _, end) = Quoted(sql, start + 2, '"', false, Token.QuotedName);
            var text = sql[(start + 3)..(end - 1)].Replace("\"\"", "\"", StringComparison.Ordinal);
            var result = new StringBuilder();
            name = "";
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != escape)
                {
                    result.Append(text[i]);
                    continue;
                }

                var digits = At(text, i + 1) == escape ? 0 : At(text, i + 1) == '+' ? 6 : 4;
                var from = digits == 6 ? i + 2 : i + 1;
                if (digits == 0)
                {
                    result.Append(escape);
                    i++;
                }
                else if (from + digits <= text.Length
                    && int.TryParse(text.AsSpan(from, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    && code is > 0 and <= 0x10FFFF && code is < 0xD800 or > 0xDFFF)
                {
                    result.Append(char.ConvertFromUtf32(code));
                    i = from + digits - 1;
                }
                else
                {
                    return NotValid + "a Unicode escape in a U&\"…\" name is not valid";
                }
            }

            name = result.ToString();
            return null;
        }

        /// <summary>The name as PostgreSQL keeps it: at most 63 bytes of UTF-8 (NAMEDATALEN - 1), cut at a character.</summary>
        private static string Truncate(string name)
        {
            if (Encoding.UTF8.GetByteCount(name) <= 63)
            {
                return name;
            }

            var end = name.Length;
            while (Encoding.UTF8.GetByteCount(name.AsSpan(0, end)) > 63)
            {
                end -= char.IsLowSurrogate(name[end - 1]) ? 2 : 1;
            }

            return name[..end];
        }
    }

    /// <summary>
    /// The statement's structure, read from its tokens: each parenthesis is a range checked on its own, with the CTE names
    /// in scope there; a range is an expression, a query (its FROM items are relations) or a FROM item itself.
    /// </summary>
    private sealed class Statement
    {
        private readonly List<Lexeme> _tokens;
        private readonly int[] _pairs;

        private Statement(List<Lexeme> tokens, int[] pairs)
        {
            _tokens = tokens;
            _pairs = pairs;
        }

        private enum State
        {
            Expression,
            Item,
            AfterItem,
            JoinCondition,
        }

        // The check reads each parenthesis by recursion: a bound keeps a deeply nested text from exhausting the stack.
        private const int MaxDepth = 200;

        private static TenantFunctionList Functions => TenantFunctionList.Default;

        // The uploads are names in scope everywhere, like the two tables: a CTE may shadow them, never unshadow another name.
        public static string? Check(List<Lexeme> tokens, IReadOnlySet<string> uploads)
        {
            var pairs = new int[tokens.Count];
            var open = new Stack<int>();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Is('('))
                {
                    open.Push(i);
                    if (open.Count > MaxDepth)
                    {
                        return $"the query nests parentheses more than {MaxDepth} deep; write it flatter (a WITH clause names a subquery)";
                    }
                }
                else if (tokens[i].Is(')'))
                {
                    if (open.Count == 0)
                    {
                        return NotValid + "a parenthesis is closed that was not opened";
                    }

                    pairs[open.Pop()] = i;
                }
            }

            return open.Count > 0
                ? NotValid + "a parenthesis is not closed"
                : new Statement(tokens, pairs).Range(0, tokens.Count, ImmutableHashSet.CreateRange(StringComparer.Ordinal, uploads), fromItem: false);
        }

        /// <summary>Checks a range of tokens.</summary>
        /// <param name="from">The range's first token.</param>
        /// <param name="to">The token after the range.</param>
        /// <param name="ctes">The CTE names in scope.</param>
        /// <param name="fromItem">Whether the range stands where FROM takes an item: a subquery, or a join of items.</param>
        private string? Range(int from, int to, ImmutableHashSet<string> ctes, bool fromItem)
        {
            var i = from;
            var query = false;
            if (i < to && At(i).Is("with"))
            {
                if (With(ref i, to, ref ctes) is { } problem)
                {
                    return problem;
                }

                query = true;
            }

            var state = fromItem && !query && !(i < to && IsQueryStart(i)) ? State.Item : State.Expression;
            var select = false;
            while (i < to)
            {
                var problem = state switch
                {
                    State.Item => Item(ref i, to, ctes, ref state),
                    State.AfterItem => AfterItem(ref i, to, ctes, ref state),
                    _ => Expression(ref i, to, ctes, ref state, ref select),
                };
                if (problem is not null)
                {
                    return problem;
                }
            }

            return null;
        }

        /// <summary>
        /// A WITH list. As PostgreSQL resolves names, a CTE's body sees the CTEs before it (under RECURSIVE, all of the list,
        /// itself included), and the query the WITH belongs to sees them all; nothing outside that query sees any.
        /// </summary>
        private string? With(ref int i, int to, ref ImmutableHashSet<string> ctes)
        {
            i++;
            var recursive = i < to && At(i).Is("recursive");
            i += recursive ? 1 : 0;
            var names = new List<string>();
            var bodies = new List<(int From, int To)>();
            while (true)
            {
                if (i >= to || !At(i).IsName)
                {
                    return NotValid + "WITH must name each of its queries";
                }

                names.Add(At(i++).Name);
                i = i < to && At(i).Is('(') ? _pairs[i] + 1 : i;
                if (i >= to || !At(i++).Is("as"))
                {
                    return NotValid + $"WITH {names[^1]} must be followed by AS (…)";
                }

                i += i < to && At(i).Is("not") ? 1 : 0;
                i += i < to && At(i).Is("materialized") ? 1 : 0;
                if (i >= to || !At(i).Is('('))
                {
                    return NotValid + $"WITH {names[^1]} AS must be followed by a query in parentheses";
                }

                bodies.Add((i + 1, _pairs[i]));
                i = _pairs[i] + 1;

                // SEARCH and CYCLE clauses name columns and constants only; anything else is left to the query's check.
                while (i < to && !At(i).Is(',') && !At(i).Is('(') && !IsQueryStart(i) && !(i + 1 < to && At(i + 1).Is('(')))
                {
                    i++;
                }

                if (i >= to || !At(i).Is(','))
                {
                    break;
                }

                i++;
            }

            for (var k = 0; k < bodies.Count; k++)
            {
                var (from, end) = bodies[k];
                if (from >= end || !(At(from).Is('(') || IsQueryStart(from)))
                {
                    return $"only a single SELECT statement may run: WITH {names[k]} does not read (a WITH that changes data is refused)";
                }

                var scope = ctes.Union(recursive ? names : names.Take(k));
                if (Range(from, end, scope, fromItem: false) is { } problem)
                {
                    return problem;
                }
            }

            ctes = ctes.Union(names);
            return null;
        }

        /// <summary>One step through an expression, a select list or a clause; FROM turns to its items.</summary>
        private string? Expression(ref int i, int to, ImmutableHashSet<string> ctes, ref State state, ref bool select)
        {
            var token = At(i);
            if (state == State.JoinCondition && EndsJoinCondition(i, to))
            {
                state = token.Is(',') ? State.Item : s_joinWords.Contains(token.Name) ? State.AfterItem : State.Expression;
                i += token.Is(',') ? 1 : 0;
                return null;
            }

            if (token.Is("select"))
            {
                select = true;
            }
            else if (token.Is("from") && select && state == State.Expression && !DistinctFrom(i))
            {
                state = State.Item;
                i++;
                return null;
            }
            else if (token.Is("into"))
            {
                return "only a single SELECT statement may run: SELECT … INTO creates a table and is refused";
            }
            else if (token.Is("table") && i + 1 < to && At(i + 1).IsName)
            {
                i++;
                return Relation(ref i, to, ctes);
            }
            else if (token.Is(':') && i + 1 < to && At(i + 1).Is(':'))
            {
                i += 2;
                return Type(ref i, to, ctes);
            }
            else if (token.Is("second") && i > 0 && (At(i - 1).Is("to") || At(i - 1).Kind == Token.Literal))
            {
                // INTERVAL '1' SECOND (3), INTERVAL '1' DAY TO SECOND (3): the field's precision, no call.
                return Type(ref i, to, ctes);
            }
            else if (token.Is("as") && i + 1 < to && At(i + 1).IsName)
            {
                // CAST (x AS numeric(10, 2)); an alias reads the same and is followed by no parenthesis.
                i++;
                return Type(ref i, to, ctes);
            }

            if (token.Is('('))
            {
                var problem = Range(i + 1, _pairs[i], ctes, fromItem: false);
                i = _pairs[i] + 1;
                return problem;
            }

            if (token.IsName)
            {
                var bare = token.Kind == Token.Word && Functions.BareCalls.Contains(token.Name) && !(i > 0 && At(i - 1).Is('.'));
                return Call(ref i, to, ctes, bare);
            }

            i++;
            return null;
        }

        /// <summary>One FROM item: a relation, a function, a subquery or a parenthesized join.</summary>
        private string? Item(ref int i, int to, ImmutableHashSet<string> ctes, ref State state)
        {
            var token = At(i);
            if (token.Is("lateral") || token.Is("only"))
            {
                i++;
                return null;
            }

            state = State.AfterItem;
            if (token.Is("rows") && i + 2 < to && At(i + 1).Is("from") && At(i + 2).Is('('))
            {
                var problem = Range(i + 3, _pairs[i + 2], ctes, fromItem: false);
                i = _pairs[i + 2] + 1;
                return problem;
            }

            if (token.Is('('))
            {
                var problem = Range(i + 1, _pairs[i], ctes, fromItem: true);
                i = _pairs[i] + 1;
                return problem;
            }

            if (!token.IsName)
            {
                return NotValid + $"syntax error: FROM and JOIN take a table, a subquery or a function, not {token.Name}";
            }

            var next = Chain(i, to).Next;
            if (next < to && At(next).Is('('))
            {
                return Call(ref i, to, ctes, bare: false);
            }

            return Relation(ref i, to, ctes);
        }

        /// <summary>What may follow a FROM item: an alias, a sample, a join, the next item, or the end of FROM.</summary>
        private string? AfterItem(ref int i, int to, ImmutableHashSet<string> ctes, ref State state)
        {
            var token = At(i);
            if (token.Is(','))
            {
                state = State.Item;
                i++;
            }
            else if (token.Is("join"))
            {
                state = State.Item;
                i++;
            }
            else if (token.Is("on"))
            {
                state = State.JoinCondition;
                i++;
            }
            else if (token.Is("with") && i + 1 < to && At(i + 1).Is("ordinality"))
            {
                i += 2;
            }
            else if (token.Is("tablesample"))
            {
                return Sample(ref i, to, ctes);
            }
            else if (token.Is("as") || token.Is("using") || token.IsName && !(token.Kind == Token.Word && s_clauseWords.Contains(token.Name)))
            {
                // An alias (AS optional) and its column list, or USING's columns: names and types only, checked all the same
                // so that a keyword this reading takes for an alias hides nothing.
                i += token.Is("as") || token.Is("using") ? 1 : 0;
                i += i < to && At(i).IsName ? 1 : 0;
                if (i < to && At(i).Is('('))
                {
                    var problem = Range(i + 1, _pairs[i], ctes, fromItem: false);
                    i = _pairs[i] + 1;
                    return problem;
                }
            }
            else if (s_joinWords.Contains(token.Name) && token.Kind == Token.Word)
            {
                i++;
            }
            else
            {
                state = State.Expression;
            }

            return null;
        }

        /// <summary>TABLESAMPLE method (…) [REPEATABLE (…)]: the method is a function too, so only the two built-in ones pass.</summary>
        private string? Sample(ref int i, int to, ImmutableHashSet<string> ctes)
        {
            i++;
            if (i >= to || !At(i).IsName || !s_sampleMethods.Contains(At(i).Name))
            {
                return $"TABLESAMPLE {(i < to ? At(i).Name : "")} is not allowed: sample with SYSTEM or BERNOULLI";
            }

            for (i++; i < to && At(i).Is('(') || i + 1 < to && At(i).Is("repeatable") && At(i + 1).Is('(');)
            {
                i += At(i).Is('(') ? 0 : 1;
                if (Range(i + 1, _pairs[i], ctes, fromItem: false) is { } problem)
                {
                    return problem;
                }

                i = _pairs[i] + 1;
            }

            return null;
        }

        /// <summary>A name or qualified name at <paramref name="i"/>: a call when a parenthesis follows, or when it is a bare call.</summary>
        private string? Call(ref int i, int to, ImmutableHashSet<string> ctes, bool bare)
        {
            var (name, qualified, next) = Chain(i, to);
            var unquoted = !qualified && At(i).Kind == Token.Word;
            i = next;
            var call = next < to && At(next).Is('(');
            if ((call || bare) && !Functions.Allows(name, construct: unquoted))
            {
                return qualified
                    ? $"function {name}() is not allowed: call functions by their bare name, without a schema"
                    : $"function {name}() is not allowed: {Functions.WhyRefused(name)}";
            }

            if (!call)
            {
                return null;
            }

            if (unquoted && Unbounded(name, next) is { } unbounded)
            {
                return unbounded;
            }

            var problem = Range(next + 1, _pairs[next], ctes, fromItem: false);
            i = _pairs[next] + 1;
            return problem;
        }

        /// <summary>
        /// Why the call of <paramref name="name"/> with its parenthesis at <paramref name="open"/> could make a value of any
        /// size that no bounded stand-in (Sql/Migrations/010_value_bounds.sql) can check, or null: format's widths (it takes
        /// any type, so no stand-in shadows it) are checked in its literal format.
        /// </summary>
        private string? Unbounded(string name, int open)
        {
            // With nothing between the parentheses there is nothing to bound (and PostgreSQL refuses the call).
            if (open + 1 == _pairs[open])
            {
                return null;
            }

            if (name != "format")
            {
                return null;
            }

            var first = At(open + 1);
            var literal = open + 1 < _pairs[open] && first.Kind == Token.Literal && (At(open + 2).Is(',') || open + 2 == _pairs[open])
                ? FormatWidths.Content(first.Name)
                : null;
            return literal is null
                ? "format() takes its format as one string literal ('…' or $$…$$), so that its widths can be checked"
                : FormatWidths.Check(literal);
        }

        private string? Relation(ref int i, int to, ImmutableHashSet<string> ctes)
        {
            var (name, qualified, next) = Chain(i, to);
            i = next < to && At(next).Is('*') ? next + 1 : next;
            return qualified
                ? $"table \"{name}\" is not available: a query sees only sessions and deployments, unqualified"
                : s_tables.Contains(name) || ctes.Contains(name)
                    ? null
                    : $"table \"{name}\" is not available here: a query sees only sessions, deployments and the CTEs of the WITH clauses around it";
        }

        /// <summary>A type name and its modifiers (after :: or AS): no call, but a modifier's parenthesis is checked as any other.</summary>
        private string? Type(ref int i, int to, ImmutableHashSet<string> ctes)
        {
            i = Chain(i, to).Next;
            while (i < to)
            {
                if (At(i).Is('('))
                {
                    if (Range(i + 1, _pairs[i], ctes, fromItem: false) is { } problem)
                    {
                        return problem;
                    }

                    i = _pairs[i] + 1;
                }
                else if (At(i).Kind == Token.Word && s_typeWords.Contains(At(i).Name))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>The dotted name at <paramref name="i"/>, whether it has more than one part, and the token after it.</summary>
        private (string Name, bool Qualified, int Next) Chain(int i, int to)
        {
            var parts = new List<string> { At(i).Name };
            var next = i + 1;
            while (next + 1 < to && At(next).Is('.') && At(next + 1).IsName)
            {
                parts.Add(At(next + 1).Name);
                next += 2;
            }

            return (string.Join('.', parts), parts.Count > 1, next);
        }

        /// <summary>Whether the token at <paramref name="i"/> ends a join's ON condition: a comma, a join, or a clause.</summary>
        private bool EndsJoinCondition(int i, int to)
        {
            var token = At(i);
            return token.Is(',')
                || token.Kind == Token.Word && s_clauseWords.Contains(token.Name) && !token.Is("as") && !(i + 1 < to && At(i + 1).Is('('));
        }

        /// <summary>Whether the FROM at <paramref name="i"/> is IS [NOT] DISTINCT FROM, an operator and not a clause.</summary>
        private bool DistinctFrom(int i) =>
            i >= 2 && At(i - 1).Is("distinct") && (At(i - 2).Is("is") || At(i - 2).Is("not"));

        private bool IsQueryStart(int i) => At(i).Kind == Token.Word && s_queryStarts.Contains(At(i).Name);

        private Lexeme At(int i) => _tokens[i];
    }

    private enum Token
    {
        Space,
        Word,
        QuotedName,
        UnicodeName,
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

        if ((c is 'u' or 'U') && At(sql, at + 1) == '&' && At(sql, at + 2) == '"')
        {
            // U&"…": a name with Unicode escapes, decoded once its UESCAPE (if any) is read.
            var (kind, _, end) = Quoted(sql, at + 2, '"', false, Token.UnicodeName);
            return (kind, at, end);
        }

        if ((c is 'u' or 'U') && At(sql, at + 1) == '&' && At(sql, at + 2) == '\'')
        {
            var (kind, _, end) = Quoted(sql, at + 2, '\'', false, Token.Literal);
            return (kind, at, end);
        }

        if (char.IsAsciiDigit(c) || c == '.' && char.IsAsciiDigit(At(sql, at + 1)))
        {
            return (Token.Literal, at, Number(sql, at));
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

    /// <summary>The end of the number at <paramref name="at"/>: digits, a point, digits, an exponent.</summary>
    private static int Number(string sql, int at)
    {
        var end = at;
        while (end < sql.Length && char.IsAsciiDigit(sql[end]))
        {
            end++;
        }

        if (At(sql, end) == '.' && At(sql, end + 1) != '.')
        {
            end++;
            while (end < sql.Length && char.IsAsciiDigit(sql[end]))
            {
                end++;
            }
        }

        if (At(sql, end) is 'e' or 'E' && (char.IsAsciiDigit(At(sql, end + 1)) || At(sql, end + 1) is '+' or '-' && char.IsAsciiDigit(At(sql, end + 2))))
        {
            end += 2;
            while (end < sql.Length && char.IsAsciiDigit(sql[end]))
            {
                end++;
            }
        }

        return end;
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
