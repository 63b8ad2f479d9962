using System.Text;
using AnalyticsCenter.Core.WhatsApp;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// WhatsApp lines and what webhook deliveries leave besides events (statuses awaiting their deployment, rejections), on
/// whichever connection the store hands it: the writer's to change them, a reader's own to list lines.
/// </summary>
internal sealed class WhatsAppRepository(DuckDBConnection connection, TimeProvider time)
{
    public void SaveLine(WhatsAppLine line) => connection.Execute(
        SqlScripts.Get("WhatsApp/SaveLine.sql"),
        ("phone_number_id", line.PhoneNumberId), ("ws", line.Workspace.Value), ("number", line.Number), ("display_name", line.DisplayName),
        ("conversation_id", line.DefaultConversation?.Id), ("conversation_version", line.DefaultConversation?.Version), ("now", Now()));

    public bool SaveLinkCode(string phoneNumberId, WhatsAppLinkCode code) => connection.Execute(
        SqlScripts.Get("WhatsApp/SaveLinkCode.sql"),
        ("phone_number_id", phoneNumberId), ("code", code.Code), ("campaign_name", code.CampaignName), ("campaign_source", code.CampaignSource)) == 1;

    public IReadOnlyList<WhatsAppLine> List()
    {
        // A store last written before lines existed, opened read-only, has none.
        if (connection.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'ac' AND table_name = 'line_link_codes'") == 0)
        {
            return [];
        }

        using var command = connection.Prepare(SqlScripts.Get("WhatsApp/ListLines.sql"));
        using var reader = command.ExecuteReader();
        var rows = new WhatsAppLineRows();
        while (reader.Read())
        {
            rows.Add(reader);
        }

        return rows.Lines;
    }

    /// <summary>Keeps the statuses (once each) and the rejections in one transaction.</summary>
    public void Keep(IReadOnlyList<WhatsAppStatus> statuses, IReadOnlyList<WebhookRejection> rejections, string source)
    {
        var now = Now();
        using var transaction = connection.BeginTransaction();
        foreach (var s in statuses)
        {
            connection.Execute(
                SqlScripts.Get("WhatsApp/KeepStatus.sql"),
                ("ws", s.Workspace.Value), ("event_id", s.EventId), ("message_id", s.MessageId), ("status", s.Status), ("occurred_at", s.OccurredAt),
                ("error_code", s.ErrorCode), ("error_title", s.ErrorTitle), ("error_detail", s.ErrorDetail), ("now", now));
        }

        foreach (var r in rejections)
        {
            connection.Execute(
                SqlScripts.Get("WhatsApp/KeepRejection.sql"),
                ("ws", r.Workspace?.Value), ("now", now), ("source", source),
                ("category", Encoding.UTF8.GetBytes(r.Rejection.Category)),
                ("reason", Encoding.UTF8.GetBytes(r.Rejection.Reason)), ("raw", Encoding.UTF8.GetBytes(r.Raw)));
        }

        transaction.Commit();
    }

    private DateTime Now() => Refresher.Truncate(time.GetUtcNow().UtcDateTime);
}
