using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using static AnalyticsCenter.Core.Tests.Parsing;

namespace AnalyticsCenter.Core.Tests;

/// <summary>
/// Text no string can hold (an escape that is half of a surrogate pair, as a cut emoji leaves) or bytes that are not
/// UTF-8 reject their line with a reason naming the field; they never make the parser throw.
/// </summary>
public sealed class EventParserUnicodeTests
{
    private const string Poison = "POISON";

    /// <summary>The line with the value at <paramref name="field"/> replaced by <paramref name="json"/>, as JSON text.</summary>
    private static string WithRaw(string type, string field, string json) =>
        EventJson.Of(type).With(field, Poison).ToString().Replace($"\"{Poison}\"", json, StringComparison.Ordinal);

    public static TheoryData<string, string, string> LoneSurrogates => new()
    {
        { "message.inbound", "message.text", "\"a cut emoji \\ud83d\"" },
        { "message.inbound", "message.text", "\"\\ude00 a low half first\"" },
        { "message.inbound", "message.text", "\"\\ude00\\ud83d in the wrong order\"" },
        { "message.inbound", "message.text", "\"\\ud800\\u0041 a high half before a letter\"" },
        { "message.inbound", "message.id", "\"\\ud800\"" },
        { "message.inbound", "message.kind", "\"te\\udfffxt\"" },
        { "message.inbound", "event_id", "\"ev-\\ud800\"" },
        { "message.inbound", "type", "\"message.inbound\\ud800\"" },
        { "message.inbound", "occurred_at", "\"2026-11-20T14:03:11Z\\ud800\"" },
        { "message.inbound", "workspace_id", "\"ac\\ud800me\"" },
        { "message.inbound", "line.number", "\"\\ud800\"" },
        { "message.inbound", "line.display_name", "\"Acme \\udbff\"" },
        { "message.inbound", "user.phone", "\"57300\\ud800\"" },
        { "message.inbound", "conversation.id", "\"conv_\\ud800\"" },
        { "message.inbound", "referral.headline", "\"Black Friday \\ud83d\"" },
        { "message.inbound", "whatsapp_link.campaign_name", "\"bf-\\udc00\"" },
        { "message.outbound", "sender", "\"bot\\ud800\"" },
        { "node.reached", "node_id", "\"n_\\ud800\"" },
        { "agent.assigned", "agent_id", "\"\\ud800\"" },
        { "flow.redirected", "to.conversation.id", "\"\\ud800\"" },
        { "deployment.created", "deployment_id", "\"dep-\\ud800\"" },
        { "deployment.created", "campaign.name", "\"Promo \\ud83d\"" },
        { "deployment.status", "status", "\"failed\\ud800\"" },
        { "deployment.status", "error.code", "\"131\\ud800\"" },
        { "deployment.status", "error.title", "\"\\ud800\"" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void A_value_holding_half_of_a_surrogate_pair_is_rejected_naming_its_field(string type, string field, string json)
    {
        var result = Parse(WithRaw(type, field, json));

        Assert.Null(result.Event);
        Assert.Equal($"{field} is not valid Unicode", result.Rejection?.Category);
        Assert.StartsWith($"{field} is not valid Unicode: it holds half of a surrogate pair", result.Rejection?.Reason, StringComparison.Ordinal);
        Assert.Equal(field == "workspace_id" ? null : "acme", result.WorkspaceId);
    }

    [Theory]
    [InlineData("{\"\\ud800\":1,")]
    [InlineData("{\"\\ud800\\ud800\\ud800\":1,")]
    [InlineData("{\"message\":{\"\\udc00\":1,\"kind\":\"text\"},")]
    [InlineData("{\"referral\":{\"x\\ud83d\":\"y\"},")]
    public void A_property_name_holding_half_of_a_surrogate_pair_is_no_field_of_the_contract_and_is_ignored(string start)
    {
        var line = EventJson.Of("message.inbound").Without("message").Without("referral").ToString();

        var e = Accepted(start + line[1..^1] + ",\"message\":{\"id\":\"wamid.1\",\"kind\":\"text\",\"\\ud800\\ud800\":2}}");

        Assert.Equal(("wamid.1", "text"), (e.MessageId, e.MessageKind));
    }

    [Fact]
    public void A_paired_surrogate_escape_is_an_emoji_and_is_accepted()
    {
        var e = Accepted(WithRaw("message.inbound", "message.text", "\"hola \\ud83d\\ude00\""));

        Assert.Equal("hola 😀", e.MessageText);
    }

    [Fact]
    public void A_string_of_the_wrong_type_that_cannot_be_unescaped_is_shown_as_sent()
    {
        var rejection = Rejected(WithRaw("message.inbound", "line", "\"\\ud800\""));

        Assert.Equal("line must be an object", rejection.Category);
        Assert.Equal("line must be an object, not the string \"\\ud800\"", rejection.Reason);
    }

    [Fact]
    public void A_long_string_of_the_wrong_type_is_shortened_without_cutting_an_emoji_in_two()
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("line", new string('x', 39) + "😀 and more").ToString());

        Assert.Equal("line must be an object, not the string \"" + new string('x', 39) + "…\"", rejection.Reason);
        Assert.True(PoisonLines.IsValidUnicode(rejection.Reason));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void A_line_that_is_not_utf8_is_rejected_saying_where_and_that_its_text_is_kept_with_replacement_characters(byte[] bad)
    {
        var good = EventJson.Of("message.inbound").With("message.text", "ab").ToUtf8();
        var at = good.AsSpan().IndexOf("ab"u8) + 1;
        byte[] line = [.. good[..at], .. bad, .. good[at..]];

        var rejection = new EventParser().Parse(line).Rejection;

        Assert.Equal("invalid JSON", rejection?.Category);
        Assert.Equal(
            $"invalid JSON: the line is not valid UTF-8 (byte {at + 1} is 0x{bad[0]:X2}); its raw text is kept with U+FFFD (�) in place of what is not",
            rejection?.Reason);
    }

    [Fact]
    public void Nul_characters_escaped_in_a_text_are_kept()
    {
        var e = Accepted(WithRaw("message.inbound", "message.text", "\"a\\u0000b\""));

        Assert.Equal("a\0b", e.MessageText);
        Assert.Equal(3, Encoding.UTF8.GetByteCount(e.MessageText!));
    }
}
