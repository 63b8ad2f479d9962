namespace AnalyticsCenter.Query;

/// <summary>
/// A named parameter of the ready reports (<c>$name</c> in their DuckDB SQL, <c>@name</c> in their PostgreSQL SQL); NULL
/// means "no filter" or the default.
/// </summary>
/// <param name="Name">The name without the sigil.</param>
/// <param name="Kind">The kind of value it takes; each dialect's SQL casts it to its own type.</param>
/// <param name="Description">What it does, for people.</param>
public sealed record ReportParameter(string Name, ReportParameterKind Kind, string Description)
{
    public static ReportParameter From { get; } = new("from", ReportParameterKind.Timestamp,
        "Start, inclusive, UTC: of session_started_timestamp for session reports, deployment_timestamp for deployment reports");

    public static ReportParameter To { get; } = new("to", ReportParameterKind.Timestamp, "End, exclusive, UTC, on the same timestamp as from");

    public static ReportParameter ConversationId { get; } = new("conversation_id", ReportParameterKind.Text, "Only this conversation (flow)");

    public static ReportParameter ConversationVersion { get; } = new("conversation_version", ReportParameterKind.WholeNumber, "Only this conversation version");

    public static ReportParameter Country { get; } = new("country", ReportParameterKind.Text, "Only this user_country_code, with its plus sign (+57)");

    public static ReportParameter Line { get; } = new("line", ReportParameterKind.Text, "Only this line_whatsapp_number");

    public static ReportParameter SessionType { get; } = new("session_type", ReportParameterKind.Text, "Only sessions of this type: INBOUND or OUTBOUND");

    public static ReportParameter DeliveryStatus { get; } = new("delivery_status", ReportParameterKind.Text,
        "Only deployments with this status: Delivered, Failed or In Process");

    public static ReportParameter TimeZone { get; } = new("tz", ReportParameterKind.Text,
        "IANA time zone of days and weeks (America/Bogota); default: the workspace's (UTC unless set)")
    {
        Default = "UTC",
    };

    public static ReportParameter Grain { get; } = new("grain", ReportParameterKind.Text, "Period: day or week (weeks start on Monday); default day")
    {
        Default = "day",
        Choices = ["day", "week"],
    };

    /// <summary>
    /// <see cref="Grain"/> of Meta attribution with ad_spend, whose rows are otherwise one per ad over the whole range: a
    /// parameter of its own because its default differs.
    /// </summary>
    public static ReportParameter SpendGrain { get; } = new("grain", ReportParameterKind.Text,
        "Period of Meta attribution with ad_spend: total, day or week (weeks start on Monday); default total (one row per ad)")
    {
        Default = "total",
        Choices = ["total", "day", "week"],
    };

    public static ReportParameter By { get; } = new("by", ReportParameterKind.Text, "Grouping: day, week, conversation, country or line; default day")
    {
        Default = "day",
        Choices = ["day", "week", "conversation", "country", "line"],
    };

    public static ReportParameter WindowDays { get; } = new("window_days", ReportParameterKind.WholeNumber,
        "Conversions: how many days before a conversion the user's last session may have started to be credited with it; default 7");

    public static ReportParameter GroupBy { get; } = new("group_by", ReportParameterKind.Text,
        "Countries with an audience_tags upload: country or tag (a user with several tags counts in each); default country")
    {
        Default = "country",
        Choices = ["country", "tag"],
    };

    /// <summary>The value the SQL takes when none is given (null: no filter).</summary>
    public string? Default { get; init; }

    /// <summary>The only values it takes, or null for any.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>The .NET type of its value.</summary>
    public Type ClrType => Kind switch
    {
        ReportParameterKind.Timestamp => typeof(DateTime),
        ReportParameterKind.WholeNumber => typeof(int),
        _ => typeof(string),
    };

    /// <summary>The kind's name for people and the API: <c>timestamp</c>, <c>text</c> or <c>integer</c>.</summary>
    public string KindName => Kind switch
    {
        ReportParameterKind.Timestamp => "timestamp",
        ReportParameterKind.WholeNumber => "integer",
        _ => "text",
    };

    /// <summary>Every parameter any report takes, filters first; <see cref="SpendGrain"/> is under <see cref="Grain"/>'s name.</summary>
    public static IReadOnlyList<ReportParameter> All { get; } =
        [From, To, ConversationId, ConversationVersion, Country, Line, SessionType, DeliveryStatus, TimeZone, Grain, By, WindowDays, GroupBy];

    /// <summary>The parameter called <paramref name="name"/>, or null.</summary>
    public static ReportParameter? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>Checks that <paramref name="value"/> fits this parameter and returns it as bound (DateTimeOffset as a UTC DateTime).</summary>
    /// <exception cref="ArgumentException">The value is of another type.</exception>
    public object? Normalize(object? value) => value switch
    {
        null => null,
        DateTimeOffset instant when ClrType == typeof(DateTime) => instant.UtcDateTime,
        DateTime time when ClrType == typeof(DateTime) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time,
        _ when ClrType.IsInstanceOfType(value) => value,
        _ => throw new ArgumentException($"parameter {Name} takes a {ClrType.Name}, not a {value.GetType().Name}", nameof(value)),
    };
}
