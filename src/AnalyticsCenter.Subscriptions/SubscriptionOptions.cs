namespace AnalyticsCenter.Subscriptions;

/// <summary>How subscriptions deliver, from configuration section <c>Subscriptions</c>.</summary>
public sealed record SubscriptionOptions
{
    /// <summary>How often a server looks for due slots (a slot is sent at most this long after the refresh that covers it).</summary>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows shown in the email's body.</summary>
    public int PreviewRows { get; init; } = 10;

    /// <summary>The largest CSV attached; a longer result is cut after its last whole row, with a note.</summary>
    public int MaxCsvBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>How long a claim holds before another server may take the delivery as abandoned.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Claims of one slot (a first and the retries after crashes) before it is kept as failed.</summary>
    public int MaxClaims { get; init; } = 3;

    /// <summary>How far back a missed slot is still delivered (after downtime, only the latest missed slot is).</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Webhook attempts per delivery, the first included.</summary>
    public int WebhookAttempts { get; init; } = 5;

    /// <summary>The wait before the first webhook retry; each further one doubles it, with up to as much again of random jitter.</summary>
    public TimeSpan WebhookFirstBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one webhook attempt may take before it counts as a timeout (retried).</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
