namespace AnalyticsCenter.Query;

/// <summary>A ready-made analysis of the product document: plain tenant SQL over sessions and deployments.</summary>
/// <param name="Name">The file name under Reports/, without <c>.sql</c>.</param>
/// <param name="Title">What it answers, for people.</param>
public sealed record ReadyReport(string Name, string Title)
{
    public static ReadyReport DropOffByLastNode { get; } = new("drop-off-by-last-node", "Flow drop-off by last node (busiest flow version)");

    public static ReadyReport DeliverySuccessRate { get; } = new("delivery-success-rate", "Delivery success rate");

    public static ReadyReport TopFailureReasons { get; } = new("top-failure-reasons", "Top failure reasons");

    /// <summary>The report's SQL, from the embedded Reports/NAME.sql.</summary>
    public string Sql
    {
        get
        {
            using var stream = typeof(ReadyReport).Assembly.GetManifestResourceStream($"Reports/{Name}.sql")
                ?? throw new InvalidOperationException($"report {Name} is missing from the build");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
