using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;

namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>Email reaches a real SMTP server on loopback: subject, both bodies with the first rows, the CSV, and the Message-ID of its slot.</summary>
public sealed class EmailDeliveryTests
{
    private const string Sql = "SELECT user_cellphone, session_type FROM sessions ORDER BY user_cellphone";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_now_arrives_with_the_first_rows_in_its_body_every_row_attached_and_its_idempotency_key_as_message_id()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        using var db = new TestStore();
        await Rig.IngestSessionsAsync(db.Store, "10:00:00", 12);
        await db.RefreshAsync("12:00:00");
        var rig = new Rig(db.Store, db.Time, db.Time, smtp: smtp);
        var subscription = await rig.SubscribeAsync(Sql, "daily 08:00", ChannelKind.Email, "team@example.com, lead@example.com");

        var delivery = await rig.Scheduler.RunNowAsync(subscription, Ct);

        var email = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(SendStatus.Delivered, delivery.Status);
        Assert.Equal(["team@example.com", "lead@example.com"], email.Recipients);
        Assert.Equal("morning phones: phones", email.Message.Subject);
        Assert.Equal($"{delivery.IdempotencyKey}@{EmailChannel.MessageIdDomain}", email.Message.MessageId);
        var csv = email.CsvAttachment()!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, csv.Length);
        Assert.Equal("user_cellphone,session_type", csv[0]);
        Assert.All(csv[1..], row => Assert.EndsWith(",INBOUND", row, StringComparison.Ordinal));
        Assert.Contains("12 rows", email.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains(csv[10].Replace(",", " | ", StringComparison.Ordinal), email.Message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(csv[11].Split(',')[0], email.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<td>{csv[1].Split(',')[0]}</td>", email.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(SendStatus.Delivered, Assert.Single(await db.Store.ListDeliveriesAsync(Rig.Acme, subscription.Id, 10, Ct)).Status);
    }

    [Fact]
    public async Task A_csv_past_its_size_limit_is_cut_after_a_whole_row_with_a_note()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        using var db = new TestStore();
        await Rig.IngestSessionsAsync(db.Store, "10:00:00", 12);
        await db.RefreshAsync("12:00:00");
        var rig = new Rig(db.Store, db.Time, db.Time, new SubscriptionOptions { MaxCsvBytes = 100, PreviewRows = 3 }, smtp);
        var subscription = await rig.SubscribeAsync(Sql, "daily 08:00", ChannelKind.Email, "team@example.com");

        await rig.Scheduler.RunNowAsync(subscription, Ct);

        var email = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        var csv = email.CsvAttachment()!;
        Assert.True(csv.Length <= 100);
        Assert.EndsWith("INBOUND\r\n", csv, StringComparison.Ordinal);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.Contains($"holds the first {rows} of 12 rows", email.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"holds the first {rows} of 12 rows", email.Message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_smtp_server_is_kept_as_failed_with_its_reason()
    {
        int port;
        await using (var gone = await LoopbackSmtpServer.StartAsync())
        {
            port = gone.Port;
        }

        using var db = new TestStore();
        var channel = new EmailChannel(new SmtpSettings { Host = "127.0.0.1", Port = port, Tls = SmtpTls.None, From = "a@example.com", Password = "s3cret" });
        var subscription = SubscriptionRows.Create(
            new NewSubscription(Rig.Acme, "n", SourceKind.SavedQuery, "q", "{}", "daily 08:00", ChannelKind.Email, "team@example.com"), DateTime.UtcNow);
        var delivery = new Delivery(subscription.Id, new DateTime(2026, 11, 20, 7, 0, 0, DateTimeKind.Utc), SendStatus.Sending, 1, null, "t/1", default);

        var outcome = await channel.SendAsync(subscription, delivery, new ResultAttachment("t", ["a"], [], 0, "a\r\n"u8.ToArray(), 0), Ct);

        Assert.False(outcome.Delivered);
        Assert.Contains($"127.0.0.1:{port}", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", outcome.Reason, StringComparison.Ordinal);
    }
}
