using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace AnalyticsCenter.Demo.Tests;

/// <summary>
/// The rejection rules of events.md, as a test oracle: a line is either a valid event or rejected for a reason.
/// Phones are checked with libphonenumber.
/// </summary>
internal static partial class ContractCheck
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "message.inbound", "message.outbound", "node.reached", "agent.assigned", "rating.requested",
        "agent.closed", "flow.redirected", "flow.overwritten", "deployment.created", "deployment.status",
    };

    private static readonly PhoneNumberUtil s_phones = PhoneNumberUtil.GetInstance();

    public static bool IsValidPhone(string raw)
    {
        var digits = raw.StartsWith('+') ? raw[1..] : raw;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        try
        {
            return s_phones.IsValidNumber(s_phones.Parse("+" + digits, null));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    public static int CountryCode(string raw) => s_phones.Parse("+" + raw.TrimStart('+'), null).CountryCode;

    /// <summary>RFC 3339 with 'Z' or an offset; null when the text is not one.</summary>
    public static DateTimeOffset? ParseTime(string text) =>
        Rfc3339().IsMatch(text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None)
            : null;

    /// <summary>Why the contract rejects the line, or null when it is a valid event.</summary>
    public static string? Reject(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return "invalid JSON";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not an object";
            }

            foreach (var field in (string[])["event_id", "type", "occurred_at", "workspace_id"])
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
                {
                    return "missing " + field;
                }
            }

            var type = root.GetProperty("type").GetString()!;
            if (!Types.Contains(type))
            {
                return "unknown type";
            }

            var occurredAt = root.GetProperty("occurred_at").GetString()!;
            if (ParseTime(occurredAt) is null)
            {
                return occurredAt.Length == 19 ? "no offset" : "bad occurred_at";
            }

            if (!WorkspaceId().IsMatch(root.GetProperty("workspace_id").GetString()!))
            {
                return "bad workspace_id";
            }

            if (type != "deployment.status")
            {
                if (!root.TryGetProperty("line", out var lineObject) || !lineObject.TryGetProperty("number", out var number)
                    || !number.GetString()!.All(char.IsAsciiDigit))
                {
                    return "missing line";
                }

                if (!root.TryGetProperty("user", out var user) || !user.TryGetProperty("phone", out var phone))
                {
                    return "missing user";
                }

                if (!IsValidPhone(phone.GetString()!))
                {
                    return "invalid phone";
                }
            }

            if (type.StartsWith("deployment.", StringComparison.Ordinal) && !root.TryGetProperty("deployment_id", out _))
            {
                return "missing deployment_id";
            }

            if (type == "deployment.created" && !root.TryGetProperty("conversation", out _))
            {
                return "missing conversation";
            }

            return null;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex WorkspaceId();
}
