using System.Collections.Concurrent;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Query;

/// <summary>
/// A ready-made analysis of the product document: plain tenant SQL over sessions and deployments, one file per store
/// dialect giving the same rows, with named parameters only (<see cref="ReportParameter"/>). <see cref="All"/> is the registry.
/// A report may read tables the workspace uploaded (<see cref="Extras"/>): <see cref="For"/> picks its SQL by the uploads there are.
/// </summary>
public sealed class ReadyReport
{
    private static readonly ConcurrentDictionary<(string Name, SqlDialect Dialect), string> s_sql = new();

    private static readonly ReportParameter[] s_sessionFilters =
    [
        ReportParameter.From, ReportParameter.To, ReportParameter.ConversationId, ReportParameter.ConversationVersion,
        ReportParameter.Country, ReportParameter.Line, ReportParameter.SessionType,
    ];

    private static readonly ReportParameter[] s_deploymentFilters =
    [
        ReportParameter.From, ReportParameter.To, ReportParameter.ConversationId, ReportParameter.ConversationVersion,
        ReportParameter.Country, ReportParameter.Line, ReportParameter.DeliveryStatus,
    ];

    private ReadyReport(string name, string title, string description, IEnumerable<ReportParameter> parameters, params ReportExtra[] extras)
    {
        Name = name;
        Title = title;
        Description = description;
        Parameters = [.. parameters];
        Extras = extras;
    }

    /// <summary>The file name under Reports/DIALECT/, without <c>.sql</c>; kebab-case.</summary>
    public string Name { get; }

    /// <summary>A short title, for people.</summary>
    public string Title { get; }

    /// <summary>One line: the question it answers.</summary>
    public string Description { get; }

    /// <summary>The parameters its SQL uses, each bound on every run (NULL when not given).</summary>
    public IReadOnlyList<ReportParameter> Parameters { get; }

    /// <summary>What it adds with uploaded tables, fewest uploads first: its SQL then reads them.</summary>
    public IReadOnlyList<ReportExtra> Extras { get; }

    /// <summary>Every parameter it may take: its own and its extras'; a value of one its SQL does not use is left out.</summary>
    public IReadOnlyList<ReportParameter> AcceptedParameters => [.. Parameters.Concat(Extras.SelectMany(e => e.Parameters)).Distinct()];

    public static ReadyReport DropOff { get; } = new("drop-off", "Flow drop-off by last node",
        "Where do users leave a flow? A funnel of one conversation version (default: the busiest): its nodes in order, "
        + "the sessions that reached each and stopped there.",
        s_sessionFilters);

    public static ReadyReport MetaAttribution { get; } = new("meta-attribution", "Meta ad and post attribution",
        "Which Click-to-WhatsApp ads and posts start the most sessions, how long they last and how many reach an agent?",
        s_sessionFilters,
        new ReportExtra([ReportUpload.AdSpend], [ReportParameter.TimeZone, ReportParameter.SpendGrain],
            "spend, its currency and cost per session per ad, by day or week if asked"),
        new ReportExtra([ReportUpload.AdSpend, ReportUpload.Conversions], [ReportParameter.TimeZone, ReportParameter.SpendGrain, ReportParameter.WindowDays],
            "the conversions each ad's sessions were credited with, their value and ROAS (value / spend)"));

    public static ReadyReport DurationTrend { get; } = new("duration-trend", "Session duration trend",
        "Is engagement deepening? Average and median duration of finished sessions, and their active part (to the user's last message), by day or week.",
        [.. s_sessionFilters, ReportParameter.TimeZone, ReportParameter.Grain]);

    public static ReadyReport Retention { get; } = new("retention", "User retention by cohort",
        "Do users come back? Return rates on day 1, 3, 7 and 14 of each first-session-day cohort, or in weeks 1 to 4 of each week's.",
        [.. s_sessionFilters, ReportParameter.TimeZone, ReportParameter.Grain]);

    public static ReadyReport InboundSources { get; } = new("inbound-sources", "Inbound sources",
        "Which WhatsApp-link campaigns, ads and posts bring inbound sessions, and how long do those sessions last?",
        s_sessionFilters.Where(p => p != ReportParameter.SessionType));

    public static ReadyReport DeliveryRate { get; } = new("delivery-rate", "Delivery success rate",
        "What share of deployments reach the user, by day, week, conversation, country or line?",
        [.. s_deploymentFilters, ReportParameter.TimeZone, ReportParameter.By]);

    public static ReadyReport FailureReasons { get; } = new("failure-reasons", "Top failure reasons",
        "Why do deployments fail? Failed deployments by status detail, with their share.",
        s_deploymentFilters.Where(p => p != ReportParameter.DeliveryStatus));

    public static ReadyReport OutboundFunnel { get; } = new("outbound-funnel", "Outbound campaign funnel",
        "Which outbound sends spark conversations? Deployments, deliveries and replies by conversation and campaign.",
        s_deploymentFilters);

    public static ReadyReport Countries { get; } = new("countries", "Performance by country",
        "How do countries compare? Delivery rate, sessions created and replies per delivery, and session duration by country code.",
        [.. s_sessionFilters, ReportParameter.DeliveryStatus],
        new ReportExtra([ReportUpload.AudienceTags], [ReportParameter.GroupBy], "grouping by audience tag instead of country (group_by=tag)"),
        new ReportExtra([ReportUpload.AudienceTags, ReportUpload.Conversions], [ReportParameter.GroupBy, ReportParameter.WindowDays],
            "the conversions credited to each group's sessions and their value"));

    public static ReadyReport Conversions { get; } = new("conversions", "Conversions by source",
        "Which inbound sources, Meta ads and outbound campaigns bring the sessions that convert? Each conversion is credited to the "
        + "user's last session that started before it within the window.",
        s_sessionFilters,
        new ReportExtra([ReportUpload.Conversions], [ReportParameter.WindowDays], "the conversions credited to each source, conversion rate and value"));

    /// <summary>Every ready report, in the product document's order.</summary>
    public static IReadOnlyList<ReadyReport> All { get; } =
        [DropOff, MetaAttribution, DurationTrend, Retention, InboundSources, DeliveryRate, FailureReasons, OutboundFunnel, Countries, Conversions];

    /// <summary>The report called <paramref name="name"/>, or null.</summary>
    public static ReadyReport? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>
    /// The report's SQL in <paramref name="dialect"/> (the store's), from the embedded Reports/DIALECT/NAME.sql, with that
    /// dialect's <see cref="SharedFilters"/> written in.
    /// </summary>
    public string Sql(SqlDialect dialect) => Sql(dialect, Name);

    /// <summary>The report as <paramref name="uploads"/> (the workspace's) let it run: the extra with most uploads that are all there, or none.</summary>
    public ReportVariant For(IReadOnlyCollection<UploadInfo> uploads)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        bool Readable(ReportUpload needed) => uploads.Any(u => u.Name == needed.Name && needed.Missing(u).Count == 0);
        var chosen = Extras.LastOrDefault(e => e.Uploads.All(Readable));
        var notes = new List<string>();
        foreach (var extra in Extras.Where(e => !e.Uploads.All(Readable)))
        {
            var lacking = extra.Uploads.Where(u => !Readable(u)).ToList();
            notes.Add($"Uploading {string.Join(" and ", lacking.Select(u => u.Shape))} would add {extra.Adds}.");
        }

        foreach (var upload in Extras.SelectMany(e => e.Uploads).Distinct())
        {
            if (uploads.FirstOrDefault(u => u.Name == upload.Name) is { } there && upload.Missing(there) is { Count: > 0 } missing)
            {
                notes.Add($"The upload {upload.Name} is not read: it has no column {string.Join(", ", missing)}.");
            }
        }

        return new ReportVariant(this, chosen, notes);
    }

    /// <summary>The SQL of Reports/DIALECT/<paramref name="file"/>.sql, the report's own or one of its extras', filters written in.</summary>
    internal static string Sql(SqlDialect dialect, string file) =>
        s_sql.GetOrAdd((file, dialect), static key => SharedFilters.WriteInto(ReportSql.Read(key.Dialect, key.Name), key.Dialect));

    /// <summary>
    /// The report's SQL to read and adapt, in <paramref name="dialect"/>: where the report's own SQL is shaped for speed
    /// (DuckDB's quarter-hour tables), an embedded NAME.readable.sql that gives the same rows plainly; else <see cref="Sql(SqlDialect)"/>.
    /// Its choices (time zone, grain, grouping) are named once at its top.
    /// </summary>
    public string ReadableSql(SqlDialect dialect) =>
        s_sql.GetOrAdd((Name + ".readable", dialect), key => ReportSql.Exists(key.Dialect, key.Name)
            ? SharedFilters.WriteInto(ReportSql.Read(key.Dialect, key.Name), key.Dialect)
            : Sql(key.Dialect));

    /// <summary>
    /// The values to run the report with, in either dialect: exactly its <see cref="Parameters"/> (DuckDB refuses names a
    /// statement does not use and requires every one it does), each from <paramref name="values"/> or NULL. Values of other known
    /// parameters are left out, so one set of filters can be given to every report.
    /// </summary>
    /// <exception cref="ArgumentException">A name no report knows, or a value of the wrong type.</exception>
    public IReadOnlyDictionary<string, object?> Bind(IReadOnlyDictionary<string, object?>? values = null) => Bind(Parameters, values);

    /// <summary>As <see cref="Bind(IReadOnlyDictionary{string, object?})"/>, for <paramref name="parameters"/>.</summary>
    internal static IReadOnlyDictionary<string, object?> Bind(IReadOnlyList<ReportParameter> parameters, IReadOnlyDictionary<string, object?>? values)
    {
        values ??= new Dictionary<string, object?>();
        foreach (var name in values.Keys)
        {
            if (ReportParameter.Find(name) is null)
            {
                throw new ArgumentException(
                    $"unknown report parameter \"{name}\"; the parameters are {string.Join(", ", ReportParameter.All.Select(p => p.Name))}",
                    nameof(values));
            }
        }

        var bound = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            bound[parameter.Name] = parameter.Normalize(values.GetValueOrDefault(parameter.Name));
        }

        return bound;
    }

    public override string ToString() => Name;
}
