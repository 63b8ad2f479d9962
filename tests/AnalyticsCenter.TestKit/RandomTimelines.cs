using System.Globalization;
using CsCheck;

namespace AnalyticsCenter.TestKit;

/// <summary>
/// Random event streams over three timelines of a workspace, for properties that compare refreshes and stores: every
/// event type, statuses before, after or without their deployment, ties in time.
/// </summary>
public static class RandomTimelines
{
    private static int s_counter;

    /// <summary>One random event: a kind (0–13), a timeline (0–2), a minute after the start, a deployment and a status (0–3).</summary>
    public sealed record Spec(int Kind, int Timeline, int Minute, int Deployment, int Status);

    /// <summary>Events within <paramref name="minutes"/> minutes of the start.</summary>
    public static Gen<Spec> Specs(int minutes) =>
        Gen.Select(Gen.Int[0, 13], Gen.Int[0, 2], Gen.Int[0, minutes], Gen.Int[0, 3], Gen.Int[0, 3])
            .Select((kind, timeline, minute, deployment, status) => new Spec(kind, timeline, minute, deployment, status));

    /// <summary>
    /// The lines of <paramref name="specs"/> in <paramref name="workspace"/>, minutes counted from <paramref name="start"/>, as
    /// the contract allows them: each deployment.created has an id of its own, while statuses may still come before, after
    /// or without their deployment.
    /// </summary>
    public static List<string> Lines(IReadOnlyList<Spec> specs, string workspace, DateTime start) => Lines(specs, _ => workspace, start);

    /// <summary>
    /// <see cref="Lines(IReadOnlyList{Spec}, string, DateTime)"/> with each event in a workspace of its own choosing:
    /// <paramref name="workspaceOf"/> is given its index.
    /// </summary>
    public static List<string> Lines(IReadOnlyList<Spec> specs, Func<int, string> workspaceOf, DateTime start)
    {
        ArgumentNullException.ThrowIfNull(workspaceOf);
        var created = specs.Count(s => s.Kind == 11);
        var next = 0;
        return specs.Select((s, i) => s.Kind switch
        {
            11 => Line(s, $"dep-u{next++}", workspaceOf(i), start),
            >= 12 => Line(s, created == 0 ? "dep-none" : $"dep-u{s.Deployment % created}", workspaceOf(i), start),
            _ => Line(s, workspaceOf(i), start),
        }).ToList();
    }

    /// <summary>
    /// The line of one spec in <paramref name="workspace"/>, its deployment named by its number alone, so two
    /// deployment.created may share an id, which the contract does not allow (<c>Lines</c> keeps to it).
    /// </summary>
    public static string Line(Spec spec, string workspace, DateTime start) => Line(spec, $"dep-{spec.Deployment}", workspace, start);

    private static string Line(Spec spec, string deployment, string workspace, DateTime start)
    {
        var timelines = new[]
        {
            new EventLines(workspace, phone: "573001234567"),
            new EventLines(workspace, line: "5215550002222", phone: "573001234567"),
            new EventLines(workspace, phone: "14155552671"),
        };
        var t = timelines[spec.Timeline];
        var at = start.AddMinutes(spec.Minute).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var id = $"e{Interlocked.Increment(ref s_counter):D7}";
        return spec.Kind switch
        {
            0 or 1 or 2 => t.Inbound(at, $"m{spec.Minute}", id: id, conversation: ("conv_welcome", 3)),
            3 => t.Inbound(at, null, kind: "image", id: id),
            4 => t.Outbound(at, id: id),
            5 => t.Node(at, $"n{spec.Status}", id: id),
            6 => t.AgentAssigned(at, id: id),
            7 => t.RatingRequested(at, id: id),
            8 => t.AgentClosed(at, id: id),
            9 => t.Overwritten(at, id: id),
            10 => t.Redirected(at, "conv_sales", spec.Status, id: id),
            11 => t.DeploymentCreated(at, deployment, id: id, campaign: spec.Status == 0 ? null : $"Promo {spec.Status}"),
            _ => t.Status(at, deployment, spec.Status switch { 0 => "sent", 1 => "delivered", 2 => "read", _ => "failed" },
                spec.Minute % 2 == 0 ? 131026 : null, spec.Minute % 3 == 0 ? null : "Message undeliverable", id: id),
        };
    }
}
