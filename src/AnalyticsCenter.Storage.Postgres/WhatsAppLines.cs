using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.WhatsApp;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>WhatsApp lines, and what webhook deliveries leave besides events: statuses awaiting their deployment, rejections.</summary>
internal sealed class WhatsAppLines(NpgsqlDataSource dataSource, TimeProvider time) : IWhatsAppLines
{
    public async Task SaveLineAsync(WhatsAppLine line, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("WhatsApp/SaveLine.sql", cancellationToken,
            ("phone_number_id", line.PhoneNumberId), ("ws", line.Workspace.Value), ("number", line.Number), ("display_name", line.DisplayName),
            ("conversation_id", line.DefaultConversation?.Id), ("conversation_version", line.DefaultConversation?.Version), ("now", Now()));
    }

    public async Task<bool> SaveLinkCodeAsync(string phoneNumberId, WhatsAppLinkCode code, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("WhatsApp/SaveLinkCode.sql", cancellationToken,
            ("phone_number_id", phoneNumberId), ("code", code.Code), ("campaign_name", code.CampaignName), ("campaign_source", code.CampaignSource)) == 1;
    }

    public async Task<IReadOnlyList<WhatsAppLine>> ListLinesAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("WhatsApp/ListLines.sql", ("ws", workspace?.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new WhatsAppLineRows();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader);
        }

        return rows.Lines;
    }

    public async Task KeepWebhookDeliveryAsync(
        IReadOnlyList<WhatsAppStatus> statuses, IReadOnlyList<WebhookRejection> rejections, string source, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var s in statuses)
        {
            await connection.ExecuteAsync("WhatsApp/KeepStatus.sql", cancellationToken,
                ("ws", s.Workspace.Value), ("event_id", StoredText.Show(s.EventId)), ("message_id", StoredText.Show(s.MessageId)),
                ("status", StoredText.Show(s.Status)), ("occurred_at", s.OccurredAt), ("error_code", Shown(s.ErrorCode)),
                ("error_title", Shown(s.ErrorTitle)), ("error_detail", Shown(s.ErrorDetail)), ("now", now));
        }

        foreach (var r in rejections)
        {
            await connection.ExecuteAsync("WhatsApp/KeepRejection.sql", cancellationToken,
                ("ws", r.Workspace?.Value), ("now", now), ("source", source), ("category", StoredText.Show(r.Rejection.Category)),
                ("reason", StoredText.Show(r.Rejection.Reason)), ("raw", StoredText.Show(r.Raw)), ("raw_bytes", StoredText.ExactIfShown(r.Raw)));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string? Shown(string? text) => text is null ? null : StoredText.Show(text);

    private DateTime Now() => StoredTime.Now(time);
}
