namespace AnalyticsCenter.Subscriptions;

/// <summary>How one delivery ended: delivered, or failed with the reason kept in its history.</summary>
public sealed record SendOutcome(bool Delivered, string? Reason)
{
    public static SendOutcome Ok(string? remark = null) => new(true, remark);

    public static SendOutcome Failed(string reason) => new(false, reason);

    /// <summary>A delivery claimed <paramref name="claims"/> times, each cut off by its server stopping: not tried again.</summary>
    public static SendOutcome Interrupted(int claims) =>
        Failed($"interrupted {claims - 1} times (the server stopped while sending); not tried again");
}
