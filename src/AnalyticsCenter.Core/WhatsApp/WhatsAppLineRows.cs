using System.Data.Common;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>
/// Lines with their link codes from a store's rows, ordered by line: (phone_number_id, workspace_id, number,
/// display_name, conversation_id, conversation_version, code, campaign, source), a line's row repeated for each code.
/// </summary>
public sealed class WhatsAppLineRows
{
    private readonly List<WhatsAppLine> _lines = [];
    private List<WhatsAppLinkCode> _codes = [];

    public IReadOnlyList<WhatsAppLine> Lines => _lines;

    /// <summary>Takes the reader's current row.</summary>
    public void Add(DbDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var phoneNumberId = row.GetString(0);
        if (_lines.Count == 0 || _lines[^1].PhoneNumberId != phoneNumberId)
        {
            _codes = [];
            _lines.Add(new WhatsAppLine
            {
                PhoneNumberId = phoneNumberId,
                Workspace = WorkspaceId.Parse(row.GetString(1)),
                Number = row.GetString(2),
                DisplayName = row.GetString(3),
                DefaultConversation = row.IsDBNull(4) ? null : new ConversationRef(row.GetString(4), row.GetInt32(5)),
                LinkCodes = _codes,
            });
        }

        if (!row.IsDBNull(6))
        {
            _codes.Add(new WhatsAppLinkCode(row.GetString(6), row.GetString(7), row.IsDBNull(8) ? null : row.GetString(8)));
        }
    }
}
