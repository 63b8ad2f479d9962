namespace AnalyticsCenter.Core.Sessions;

/// <summary>
/// One deployment as its statuses left it. Its text columns come from its <c>deployment.created</c> event
/// (<see cref="CreatedSeq"/>) and, when it failed, from the failing status (<see cref="OutcomeSeq"/>).
/// A delivered deployment's session is the one whose <see cref="SessionRecord.IdSeq"/> is <see cref="CreatedSeq"/>.
/// </summary>
public sealed class DeploymentRecord
{
    public required long CreatedSeq { get; init; }
    public required long CreatedAtMicros { get; init; }
    public DeliveryStatus Status { get; internal set; } = DeliveryStatus.InProcess;

    /// <summary>The status event that made it Delivered or Failed.</summary>
    public long? OutcomeSeq { get; internal set; }

    /// <summary>When it became Delivered or Failed.</summary>
    public long? OutcomeAtMicros { get; internal set; }
}
