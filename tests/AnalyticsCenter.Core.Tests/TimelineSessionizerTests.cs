using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using static AnalyticsCenter.Core.Tests.Timeline;

namespace AnalyticsCenter.Core.Tests;

public sealed class TimelineSessionizerTests
{
    private static InactivityTimeout Hour => InactivityTimeout.Default;

    [Fact]
    public void An_inbound_message_with_no_session_open_starts_an_inbound_bot_session()
    {
        var s = Assert.Single(Run(At(30), Hour, Inbound(1, At(0))).Sessions);

        Assert.Equal(1, s.IdSeq);
        Assert.Null(s.ParentIdSeq);
        Assert.Equal(At(0), s.StartedAtMicros);
        Assert.Equal(SessionType.Inbound, s.Type);
        Assert.Equal(SessionStatus.Bot, s.Status);
        Assert.Equal(1, s.FirstMessageSeq);
        Assert.Equal(1, s.LastMessageSeq);
        Assert.Null(s.LastNodeSeq);
        Assert.Null(s.FinishedAtMicros);
        Assert.Null(s.EndReason);
    }

    [Fact]
    public void An_event_exactly_at_last_activity_plus_timeout_closes_the_session_first_and_a_message_starts_a_new_one()
    {
        var sessions = Run(At(90), Hour, Inbound(1, At(0)), Inbound(2, At(60))).Sessions;

        Assert.Equal(2, sessions.Count);
        Assert.Equal(At(60), sessions[0].FinishedAtMicros);
        Assert.Equal(SessionEndReason.Inactivity, sessions[0].EndReason);
        Assert.Equal(1, sessions[0].LastMessageSeq);
        Assert.Equal(2, sessions[1].IdSeq);
        Assert.Equal(At(60), sessions[1].StartedAtMicros);
        Assert.Equal(SessionType.Inbound, sessions[1].Type);
        Assert.Null(sessions[1].FinishedAtMicros);
    }

    [Fact]
    public void An_event_one_microsecond_before_the_timeout_continues_the_session()
    {
        var s = Assert.Single(Run(At(90), Hour, Inbound(1, At(0)), Inbound(2, At(60) - 1)).Sessions);

        Assert.Equal(1, s.FirstMessageSeq);
        Assert.Equal(2, s.LastMessageSeq);
        Assert.Equal(At(60) - 1, s.LastActivityMicros);
        Assert.Null(s.FinishedAtMicros);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Day)]
    public void A_session_whose_timeout_has_passed_at_the_as_of_time_is_closed_at_last_activity_plus_timeout(long afterTimeout)
    {
        var s = Assert.Single(Run(At(70) + afterTimeout, Hour, Inbound(1, At(0)), Node(2, At(10))).Sessions);

        Assert.Equal(At(70), s.FinishedAtMicros);
        Assert.Equal(SessionEndReason.Inactivity, s.EndReason);
    }

    [Fact]
    public void A_session_still_within_its_timeout_at_the_as_of_time_stays_open()
    {
        var s = Assert.Single(Run(At(70) - 1, Hour, Inbound(1, At(0)), Node(2, At(10))).Sessions);

        Assert.Null(s.FinishedAtMicros);
        Assert.Null(s.EndReason);
    }

    [Fact]
    public void With_no_timeout_a_session_never_closes_for_inactivity()
    {
        var s = Assert.Single(Run(At(20 * 24 * 60), InactivityTimeout.None, Inbound(1, At(0)), Inbound(2, At(10 * 24 * 60))).Sessions);

        Assert.Equal(2, s.LastMessageSeq);
        Assert.Null(s.FinishedAtMicros);
    }

    [Fact]
    public void A_timeout_is_counted_from_any_activity_not_only_messages()
    {
        var sessions = Run(At(200), Hour, Inbound(1, At(0)), Outbound(2, At(50)), Node(3, At(100)), Inbound(4, At(150))).Sessions;

        var s = Assert.Single(sessions);
        Assert.Equal(4, s.LastMessageSeq);
        Assert.Equal(3, s.LastNodeSeq);
    }

    [Fact]
    public void A_timed_out_session_closes_at_its_timeout_even_when_the_next_event_is_not_a_message()
    {
        var sessions = Run(At(200), Hour, Inbound(1, At(0)), Node(2, At(70)), AgentClosed(3, At(80))).Sessions;

        var s = Assert.Single(sessions);
        Assert.Equal(At(60), s.FinishedAtMicros);
        Assert.Equal(SessionEndReason.Inactivity, s.EndReason);
        Assert.Null(s.LastNodeSeq);
    }

    [Theory]
    [InlineData(EventType.MessageOutbound)]
    [InlineData(EventType.NodeReached)]
    [InlineData(EventType.AgentAssigned)]
    [InlineData(EventType.RatingRequested)]
    [InlineData(EventType.AgentClosed)]
    [InlineData(EventType.FlowRedirected)]
    [InlineData(EventType.FlowOverwritten)]
    public void An_event_with_no_session_open_changes_nothing(EventType type)
    {
        var sessionizer = Run(At(600), Hour, Of(type, 1, At(0)), Of(type, 2, At(200)));

        Assert.Empty(sessionizer.Sessions);
        Assert.Empty(sessionizer.Deployments);
    }

    [Fact]
    public void After_a_session_ends_only_a_new_message_starts_another()
    {
        var sessions = Run(At(100), Hour,
            Inbound(1, At(0)), AgentClosed(2, At(5)), Node(3, At(6)), Redirected(4, At(7)), Outbound(5, At(8)), Inbound(6, At(9))).Sessions;

        Assert.Equal(2, sessions.Count);
        Assert.Equal(At(5), sessions[0].FinishedAtMicros);
        Assert.Null(sessions[0].LastNodeSeq);
        Assert.Equal(6, sessions[1].IdSeq);
        Assert.Null(sessions[1].ParentIdSeq);
        Assert.Equal(At(9), sessions[1].StartedAtMicros);
    }

    [Fact]
    public void Activity_updates_the_last_node_and_the_status()
    {
        var s = Assert.Single(Run(At(30), Hour,
            Inbound(1, At(0)), Node(2, At(1)), Node(3, At(2)), AgentAssigned(4, At(3)), Inbound(5, At(4))).Sessions);

        Assert.Equal(3, s.LastNodeSeq);
        Assert.Equal(SessionStatus.Agents, s.Status);
        Assert.Equal(1, s.FirstMessageSeq);
        Assert.Equal(5, s.LastMessageSeq);

        var rated = Assert.Single(Run(At(30), Hour, Inbound(1, At(0)), AgentAssigned(2, At(1)), RatingRequested(3, At(2))).Sessions);
        Assert.Equal(SessionStatus.Rating, rated.Status);
    }

    [Theory]
    [InlineData(EventType.AgentClosed, SessionEndReason.AgentClosed)]
    [InlineData(EventType.FlowOverwritten, SessionEndReason.Overwritten)]
    public void An_agent_close_or_an_overwrite_ends_the_session_with_its_reason(EventType type, SessionEndReason reason)
    {
        var s = Assert.Single(Run(At(30), Hour, Inbound(1, At(0)), Of(type, 2, At(5))).Sessions);

        Assert.Equal(At(5), s.FinishedAtMicros);
        Assert.Equal(reason, s.EndReason);
    }

    [Fact]
    public void A_redirect_ends_the_session_and_starts_a_child_of_the_same_type()
    {
        var sessions = Run(At(30), Hour,
            Inbound(1, At(0)), Node(2, At(1)), AgentAssigned(3, At(2)), Redirected(4, At(5)), Inbound(5, At(6))).Sessions;

        Assert.Equal(2, sessions.Count);
        var (parent, child) = (sessions[0], sessions[1]);
        Assert.Equal(At(5), parent.FinishedAtMicros);
        Assert.Equal(SessionEndReason.Redirected, parent.EndReason);
        Assert.Equal(4, child.IdSeq);
        Assert.Equal(1, child.ParentIdSeq);
        Assert.Equal(At(5), child.StartedAtMicros);
        Assert.Equal(SessionType.Inbound, child.Type);
        Assert.Equal(SessionStatus.Bot, child.Status);
        Assert.Null(child.LastNodeSeq);
        Assert.Equal(5, child.FirstMessageSeq);
        Assert.Null(child.FinishedAtMicros);
    }

    [Fact]
    public void A_redirected_outbound_session_has_an_outbound_child_and_its_own_child_names_it()
    {
        var sessions = Run(At(30), Hour,
            Created(1, At(0)), Status(2, At(1), 1, DeliveryReport.Delivered), Redirected(3, At(2)), Redirected(4, At(3))).Sessions;

        Assert.Equal([1L, 3L, 4L], sessions.Select(s => s.IdSeq));
        Assert.Equal([null, 1L, 3L], sessions.Select(s => s.ParentIdSeq));
        Assert.All(sessions, s => Assert.Equal(SessionType.Outbound, s.Type));
    }

    [Fact]
    public void A_child_session_times_out_from_its_own_start()
    {
        var sessions = Run(At(200), Hour, Inbound(1, At(0)), Redirected(2, At(50))).Sessions;

        Assert.Equal(At(110), sessions[1].FinishedAtMicros);
        Assert.Equal(SessionEndReason.Inactivity, sessions[1].EndReason);
    }

    [Fact]
    public void A_delivered_deployment_replaces_the_open_session_with_an_outbound_one_named_by_its_creation()
    {
        var sessionizer = Run(At(30), Hour, Inbound(1, At(0)), Created(2, At(5)), Status(3, At(6), 2, DeliveryReport.Delivered));

        Assert.Equal(2, sessionizer.Sessions.Count);
        var (replaced, outbound) = (sessionizer.Sessions[0], sessionizer.Sessions[1]);
        Assert.Equal(At(6), replaced.FinishedAtMicros);
        Assert.Equal(SessionEndReason.Replaced, replaced.EndReason);
        Assert.Equal(2, outbound.IdSeq);
        Assert.Equal(SessionType.Outbound, outbound.Type);
        Assert.Equal(At(6), outbound.StartedAtMicros);
        Assert.Null(outbound.FirstMessageSeq);

        var d = Assert.Single(sessionizer.Deployments);
        Assert.Equal(2, d.CreatedSeq);
        Assert.Equal(At(5), d.CreatedAtMicros);
        Assert.Equal(DeliveryStatus.Delivered, d.Status);
        Assert.Equal(3, d.OutcomeSeq);
        Assert.Equal(At(6), d.OutcomeAtMicros);
    }

    [Theory]
    [InlineData(DeliveryReport.Delivered)]
    [InlineData(DeliveryReport.Read)]
    public void Delivered_or_read_alone_delivers_the_deployment_and_starts_its_session(DeliveryReport report)
    {
        var sessionizer = Run(At(30), Hour, Created(1, At(0)), Status(2, At(1), 1, report));

        var s = Assert.Single(sessionizer.Sessions);
        Assert.Equal(1, s.IdSeq);
        Assert.Equal(SessionType.Outbound, s.Type);
        Assert.Equal(At(1), s.StartedAtMicros);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(sessionizer.Deployments).Status);
    }

    [Fact]
    public void The_users_first_reply_is_the_first_message_of_an_outbound_session()
    {
        var s = Assert.Single(Run(At(30), Hour, Created(1, At(0)), Status(2, At(1), 1, DeliveryReport.Delivered), Inbound(3, At(2))).Sessions);

        Assert.Equal(1, s.IdSeq);
        Assert.Equal(3, s.FirstMessageSeq);
        Assert.Equal(3, s.LastMessageSeq);
    }

    [Fact]
    public void A_sent_status_keeps_the_deployment_in_process()
    {
        var sessionizer = Run(At(30), Hour, Created(1, At(0)), Status(2, At(1), 1, DeliveryReport.Sent));

        var d = Assert.Single(sessionizer.Deployments);
        Assert.Equal(DeliveryStatus.InProcess, d.Status);
        Assert.Null(d.OutcomeSeq);
        Assert.Null(d.OutcomeAtMicros);
        Assert.Empty(sessionizer.Sessions);
    }

    [Fact]
    public void A_failed_status_fails_the_deployment_and_starts_no_session()
    {
        var sessionizer = Run(At(30), Hour, Inbound(1, At(0)), Created(2, At(1)), Status(3, At(2), 2, DeliveryReport.Failed));

        var d = Assert.Single(sessionizer.Deployments);
        Assert.Equal(DeliveryStatus.Failed, d.Status);
        Assert.Equal(3, d.OutcomeSeq);
        Assert.Equal(At(2), d.OutcomeAtMicros);
        var s = Assert.Single(sessionizer.Sessions);
        Assert.Null(s.EndReason);
    }

    [Theory]
    [InlineData(DeliveryReport.Failed)]
    [InlineData(DeliveryReport.Read)]
    [InlineData(DeliveryReport.Delivered)]
    public void A_status_after_delivery_changes_nothing(DeliveryReport later)
    {
        var sessionizer = Run(At(30), Hour, Created(1, At(0)), Status(2, At(1), 1, DeliveryReport.Delivered), Status(3, At(2), 1, later));

        var d = Assert.Single(sessionizer.Deployments);
        Assert.Equal(DeliveryStatus.Delivered, d.Status);
        Assert.Equal(2, d.OutcomeSeq);
        Assert.Equal(At(1), d.OutcomeAtMicros);
        var s = Assert.Single(sessionizer.Sessions);
        Assert.Null(s.FinishedAtMicros);
    }

    [Fact]
    public void A_delivery_after_failure_changes_nothing()
    {
        var sessionizer = Run(At(30), Hour, Created(1, At(0)), Status(2, At(1), 1, DeliveryReport.Failed), Status(3, At(2), 1, DeliveryReport.Delivered));

        Assert.Equal(DeliveryStatus.Failed, Assert.Single(sessionizer.Deployments).Status);
        Assert.Empty(sessionizer.Sessions);
    }

    [Fact]
    public void A_status_before_its_deployment_is_created_is_applied_at_the_creation_instant()
    {
        var sessionizer = Run(At(30), Hour, Inbound(1, At(0)), Status(2, At(3), 3, DeliveryReport.Delivered), Created(3, At(5)));

        var d = Assert.Single(sessionizer.Deployments);
        Assert.Equal(DeliveryStatus.Delivered, d.Status);
        Assert.Equal(2, d.OutcomeSeq);
        Assert.Equal(At(5), d.OutcomeAtMicros);
        Assert.Equal(2, sessionizer.Sessions.Count);
        Assert.Equal(At(5), sessionizer.Sessions[0].FinishedAtMicros);
        Assert.Equal(SessionEndReason.Replaced, sessionizer.Sessions[0].EndReason);
        Assert.Equal(3, sessionizer.Sessions[1].IdSeq);
        Assert.Equal(At(5), sessionizer.Sessions[1].StartedAtMicros);
    }

    [Fact]
    public void Early_statuses_apply_in_their_order_once_the_deployment_is_created()
    {
        var sessionizer = Run(At(30), Hour,
            Status(1, At(0), 4, DeliveryReport.Sent), Status(2, At(1), 4, DeliveryReport.Failed),
            Status(3, At(2), 4, DeliveryReport.Delivered), Created(4, At(3)));

        var d = Assert.Single(sessionizer.Deployments);
        Assert.Equal(DeliveryStatus.Failed, d.Status);
        Assert.Equal(2, d.OutcomeSeq);
        Assert.Empty(sessionizer.Sessions);
    }

    [Fact]
    public void A_status_whose_deployment_never_comes_changes_nothing()
    {
        var sessionizer = Run(At(30), Hour, Inbound(1, At(0)), Status(2, At(1), 99, DeliveryReport.Delivered));

        Assert.Empty(sessionizer.Deployments);
        var s = Assert.Single(sessionizer.Sessions);
        Assert.Null(s.EndReason);
    }

    [Fact]
    public void A_session_timed_out_before_a_delivery_ends_for_inactivity_not_replacement()
    {
        var sessions = Run(At(200), Hour, Inbound(1, At(0)), Created(2, At(10)), Status(3, At(70), 2, DeliveryReport.Delivered)).Sessions;

        Assert.Equal(SessionEndReason.Inactivity, sessions[0].EndReason);
        Assert.Equal(At(60), sessions[0].FinishedAtMicros);
        Assert.Equal(At(70), sessions[1].StartedAtMicros);
    }

    [Fact]
    public void Sessions_and_deployments_that_began_before_the_retention_cutoff_are_dropped()
    {
        var cutoff = At(1000);
        var sessionizer = Run(At(2000), Hour, cutoff,
            Inbound(1, At(0)),
            Created(2, At(500)), Status(3, At(999), 2, DeliveryReport.Sent),
            Created(4, At(999)), Status(5, cutoff, 4, DeliveryReport.Delivered),
            Created(6, cutoff),
            Inbound(7, At(1500)));

        Assert.Equal([4L, 7L], sessionizer.Sessions.Select(s => s.IdSeq));
        Assert.Equal([6L], sessionizer.Deployments.Select(d => d.CreatedSeq));
    }

    [Fact]
    public void A_sessionizer_reused_for_another_timeline_starts_afresh()
    {
        var sessionizer = new TimelineSessionizer(At(30), Hour, At(-100));
        sessionizer.Run([Inbound(1, At(0)), Created(2, At(1))]);

        sessionizer.Run([Node(3, At(0)), Status(4, At(1), 2, DeliveryReport.Delivered)]);

        Assert.Empty(sessionizer.Sessions);
        Assert.Empty(sessionizer.Deployments);
    }

    [Fact]
    public void The_worked_example_of_sessionization_md_gives_its_three_sessions()
    {
        // 13:00 created, 13:00:04 delivered, 13:02 "Sí", 13:03 node, 13:05 redirect, 13:06 image, 13:10 agent,
        // 13:20 agent message, 15:00 "hola?"; as of 18:00, timeout 60 minutes.
        var second = 1_000_000L;
        var sessionizer = Run(At(18 * 60), Hour,
            Created(1, At(13 * 60)),
            Status(2, At(13 * 60) + (4 * second), 1, DeliveryReport.Delivered),
            Inbound(3, At((13 * 60) + 2)),
            Node(4, At((13 * 60) + 3)),
            Redirected(5, At((13 * 60) + 5)),
            Inbound(6, At((13 * 60) + 6)),
            AgentAssigned(7, At((13 * 60) + 10)),
            Outbound(8, At((13 * 60) + 20)),
            Inbound(9, At(15 * 60)));

        var (s1, s2, s3) = (sessionizer.Sessions[0], sessionizer.Sessions[1], sessionizer.Sessions[2]);
        Assert.Equal(3, sessionizer.Sessions.Count);

        Assert.Equal((1L, (long?)null, SessionType.Outbound, SessionStatus.Bot), (s1.IdSeq, s1.ParentIdSeq, s1.Type, s1.Status));
        Assert.Equal((At(13 * 60) + (4 * second), At((13 * 60) + 5)), (s1.StartedAtMicros, s1.FinishedAtMicros));
        Assert.Equal(((long?)3, (long?)3, (long?)4, SessionEndReason.Redirected), (s1.FirstMessageSeq, s1.LastMessageSeq, s1.LastNodeSeq, s1.EndReason));

        Assert.Equal((5L, (long?)1, SessionType.Outbound, SessionStatus.Agents), (s2.IdSeq, s2.ParentIdSeq, s2.Type, s2.Status));
        Assert.Equal((At((13 * 60) + 5), At((14 * 60) + 20)), (s2.StartedAtMicros, s2.FinishedAtMicros));
        Assert.Equal(((long?)6, (long?)6, (long?)null, SessionEndReason.Inactivity), (s2.FirstMessageSeq, s2.LastMessageSeq, s2.LastNodeSeq, s2.EndReason));

        Assert.Equal((9L, (long?)null, SessionType.Inbound, SessionStatus.Bot), (s3.IdSeq, s3.ParentIdSeq, s3.Type, s3.Status));
        Assert.Equal((At(15 * 60), At(16 * 60)), (s3.StartedAtMicros, s3.FinishedAtMicros));
        Assert.Equal(SessionEndReason.Inactivity, s3.EndReason);

        var d = Assert.Single(sessionizer.Deployments);
        Assert.Equal((DeliveryStatus.Delivered, (long?)2, (long?)(At(13 * 60) + (4 * second))), (d.Status, d.OutcomeSeq, d.OutcomeAtMicros));
    }
}
