namespace AnalyticsCenter.Demo;

/// <summary>Where one user's story is: whose it is, on which line, and the time it has reached.</summary>
internal sealed class Cursor
{
    public WorkspaceProfile Workspace { get; set; } = null!;

    public UserRecord User { get; set; }

    public byte Line { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long Time { get; set; }
}
