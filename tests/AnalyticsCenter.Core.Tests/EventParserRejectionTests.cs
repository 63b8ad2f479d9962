using AnalyticsCenter.Core.Events;
using static AnalyticsCenter.Core.Tests.Parsing;

namespace AnalyticsCenter.Core.Tests;

public sealed class EventParserRejectionTests
{
    private const string NotAWorkspace = "is not 1–64 characters of A-Z a-z 0-9 _ -";

    public static TheoryData<string> InvalidJson => new()
    {
        EventJson.Of("message.inbound").ToString()[..^1],
        EventJson.Of("message.inbound").ToString()[..40],
        EventJson.Of("message.inbound") + " garbage",
        EventJson.Of("message.inbound") + "}",
        EventJson.Of("message.inbound") + EventJson.Of("message.inbound").ToString(),
        EventJson.Of("message.inbound") + " " + EventJson.Of("node.reached"),
        "{\"event_id\":\"ev-1\",}",
        "{event_id:\"ev-1\"}",
        "{'event_id':'ev-1'}",
        "{\"event_id\":\"ev-1\" /* comment */}",
        "[1,2",
        "{\"x\":" + new string('[', 70) + new string(']', 70) + "}",
    };

    [Theory]
    [MemberData(nameof(InvalidJson))]
    public void Invalid_json_is_rejected_as_invalid_json(string line)
    {
        var rejection = Rejected(line);

        Assert.Equal("invalid JSON", rejection.Category);
        Assert.StartsWith("invalid JSON: ", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message.id")]
    [InlineData("message.text")]
    [InlineData("event_id")]
    [InlineData("line.display_name")]
    [InlineData("conversation.id")]
    public void A_line_that_is_not_valid_utf8_is_rejected_as_invalid_json(string field)
    {
        var line = EventJson.Of("message.inbound").With(field, "bad~byte").ToUtf8();
        line[line.AsSpan().IndexOf("bad~byte"u8) + 3] = 0xFF;

        var result = new EventParser().Parse(line);

        Assert.Null(result.Event);
        Assert.Equal("invalid JSON", result.Rejection?.Category);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("[{\"event_id\":\"ev-1\"}]")]
    [InlineData("42")]
    [InlineData("\"message.inbound\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void A_line_that_is_not_an_object_is_rejected_with_that_reason(string line)
    {
        var rejection = Rejected(line);

        Assert.Equal("the line is not a JSON object", rejection.Category);
        Assert.Equal("the line is not a JSON object", rejection.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t  ")]
    [InlineData(" \r")]
    public void An_empty_or_blank_line_is_rejected_as_empty(string line)
    {
        var result = Parse(line);

        Assert.Null(result.Event);
        Assert.Equal("empty line", result.Rejection?.Category);
        Assert.Equal("empty line", result.Rejection?.Reason);
        Assert.Null(result.WorkspaceId);
    }

    public static TheoryData<string, string, string> MissingFields => new()
    {
        { "message.inbound", "event_id", "event_id is missing" },
        { "message.inbound", "type", "type is missing" },
        { "message.inbound", "occurred_at", "occurred_at is missing" },
        { "message.inbound", "workspace_id", "workspace_id is missing" },
        { "message.inbound", "line", "line is missing" },
        { "message.inbound", "line.number", "line.number is missing" },
        { "message.inbound", "user", "user.phone is missing" },
        { "message.inbound", "user.phone", "user.phone is missing" },
        { "message.inbound", "message", "message is missing" },
        { "message.inbound", "message.kind", "message.kind is missing" },
        { "message.inbound", "conversation.id", "conversation.id is missing" },
        { "message.outbound", "sender", "sender is missing" },
        { "message.outbound", "message", "message is missing" },
        { "node.reached", "node_id", "node_id is missing" },
        { "node.reached", "line", "line is missing" },
        { "agent.closed", "user", "user.phone is missing" },
        { "flow.redirected", "to", "to.conversation is missing" },
        { "flow.redirected", "to.conversation", "to.conversation is missing" },
        { "flow.redirected", "to.conversation.id", "to.conversation.id is missing" },
        { "deployment.created", "deployment_id", "deployment_id is missing" },
        { "deployment.created", "conversation", "conversation is missing" },
        { "deployment.created", "conversation.id", "conversation.id is missing" },
        { "deployment.created", "conversation.version", "conversation.version is missing" },
        { "deployment.status", "deployment_id", "deployment_id is missing" },
        { "deployment.status", "status", "status is missing" },
    };

    [Theory]
    [MemberData(nameof(MissingFields))]
    public void A_missing_required_field_is_rejected_naming_the_field(string type, string field, string expected)
    {
        var rejection = Rejected(EventJson.Of(type).Without(field));

        Assert.Equal(expected, rejection.Category);
        Assert.Equal(expected, rejection.Reason);
    }

    [Theory]
    [InlineData("event_id")]
    [InlineData("occurred_at")]
    [InlineData("line")]
    [InlineData("user")]
    [InlineData("message")]
    public void A_required_field_that_is_null_counts_as_missing(string field)
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With(field, null));

        Assert.EndsWith(" is missing", rejection.Reason, StringComparison.Ordinal);
        Assert.StartsWith(field, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_event_id_is_rejected_as_empty()
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("event_id", ""));

        Assert.Equal("event_id is empty", rejection.Reason);
    }

    public static TheoryData<string, string, string, string> WrongTypes => new()
    {
        { "message.inbound", "event_id", "42", "event_id must be a string, not the number 42" },
        { "message.inbound", "event_id", "{\"id\":1}", "event_id must be a string, not an object" },
        { "message.inbound", "type", "1", "type must be a string, not the number 1" },
        { "message.inbound", "occurred_at", "1763647391", "occurred_at must be a string, not the number 1763647391" },
        { "message.inbound", "workspace_id", "true", "workspace_id must be a string, not true" },
        { "message.inbound", "line", "\"5215550001111\"", "line must be an object, not the string \"5215550001111\"" },
        { "message.inbound", "line.number", "5215550001111", "line.number must be a string, not the number 5215550001111" },
        { "message.inbound", "user", "[\"573001234567\"]", "user must be an object, not an array" },
        { "message.inbound", "user.phone", "573001234567", "user.phone must be a string, not the number 573001234567" },
        { "message.inbound", "message.text", "7", "message.text must be a string, not the number 7" },
        { "message.inbound", "conversation.version", "\"3\"", "conversation.version must be a whole number, not the string \"3\"" },
        { "message.inbound", "referral", "\"ad\"", "referral must be an object, not the string \"ad\"" },
        { "flow.redirected", "to.conversation.version", "\"7\"", "to.conversation.version must be a whole number, not the string \"7\"" },
        { "deployment.status", "error.code", "{\"n\":131026}", "error.code must be a number or a string, not an object" },
        { "deployment.status", "error.code", "true", "error.code must be a number or a string, not true" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_field_of_the_wrong_type_is_rejected_naming_the_field_and_what_it_was(string type, string field, string json, string expected)
    {
        var rejection = Rejected(EventJson.Of(type).WithJson(field, json));

        Assert.Equal(expected, rejection.Reason);
        Assert.Equal(expected[..expected.IndexOf(", not ", StringComparison.Ordinal)], rejection.Category);
    }

    [Fact]
    public void A_fractional_conversation_version_is_rejected_as_not_a_whole_number()
    {
        var rejection = Rejected(EventJson.Of("message.inbound").WithJson("conversation.version", "3.5"));

        Assert.Equal("conversation.version must be a whole number", rejection.Category);
        Assert.StartsWith("conversation.version must be a whole number", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fractional_conversation_version_is_rejected_naming_the_value()
    {
        var rejection = Rejected(EventJson.Of("message.inbound").WithJson("conversation.version", "3.5"));

        Assert.Contains("conversation.version", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("3.5", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_type_is_rejected_naming_it()
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("type", "msg.in"));

        Assert.Equal("unknown type", rejection.Category);
        Assert.Equal("unknown type \"msg.in\"", rejection.Reason);
    }

    [Theory]
    [InlineData("Message.Inbound")]
    [InlineData("message.inbound ")]
    [InlineData("")]
    public void A_type_is_matched_exactly(string type)
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("type", type));

        Assert.Equal($"unknown type \"{type}\"", rejection.Reason);
    }

    [Theory]
    [InlineData("2026-11-20T14:03:11")]
    [InlineData("2026-11-20T14:03:11.250")]
    public void An_occurred_at_without_offset_is_rejected_with_that_reason(string occurredAt)
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("occurred_at", occurredAt));

        Assert.Equal("occurred_at has no UTC offset", rejection.Category);
        Assert.Contains("occurred_at has no UTC offset", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains($"\"{occurredAt}\"", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13-20T14:03:11Z")]
    [InlineData("2026-11-31T14:03:11Z")]
    [InlineData("2026-11-20T14:03Z")]
    [InlineData("2026-11-20 14:03:11")]
    [InlineData("20 Nov 2026 14:03:11 GMT")]
    [InlineData("")]
    public void A_malformed_occurred_at_is_rejected_naming_the_value(string occurredAt)
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("occurred_at", occurredAt));

        Assert.Equal("occurred_at is not an RFC 3339 timestamp", rejection.Category);
        Assert.Equal($"occurred_at \"{occurredAt}\" is not an RFC 3339 timestamp", rejection.Reason);
    }

    [Theory]
    [InlineData("ac me")]
    [InlineData("acme!")]
    [InlineData("")]
    [InlineData("ácme")]
    public void An_ill_formed_workspace_id_is_rejected_naming_it_and_not_reported_as_the_workspace(string workspace)
    {
        var result = Parse(EventJson.Of("message.inbound").With("workspace_id", workspace));

        Assert.Null(result.Event);
        Assert.Null(result.WorkspaceId);
        Assert.Equal($"workspace_id {NotAWorkspace}", result.Rejection?.Category);
        Assert.Equal($"workspace_id \"{workspace}\" {NotAWorkspace}", result.Rejection?.Reason);
    }

    [Fact]
    public void A_workspace_id_of_65_characters_is_rejected_and_one_of_64_is_accepted()
    {
        var longest = new string('w', 64);

        Assert.Equal(longest, Accepted(EventJson.Of("message.inbound").With("workspace_id", longest)).WorkspaceId);
        var rejection = Rejected(EventJson.Of("message.inbound").With("workspace_id", longest + "w"));
        Assert.Equal($"workspace_id \"{longest}w\" {NotAWorkspace}", rejection.Reason);
    }

    [Fact]
    public void A_too_short_user_phone_is_rejected_naming_the_value()
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("user.phone", "12"));

        Assert.Equal("user.phone is not a valid number", rejection.Category);
        Assert.Equal("user.phone \"12\" is not a valid number", rejection.Reason);
    }

    [Theory]
    [InlineData("57300ABC4567")]
    [InlineData("57(300)1234567")]
    [InlineData("573001234567+")]
    [InlineData("999123")]
    [InlineData("9991234567")]
    [InlineData("57300123456789012345")]
    [InlineData("")]
    [InlineData("+")]
    public void An_unparseable_user_phone_is_rejected_naming_the_value(string phone)
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("user.phone", phone));

        Assert.Equal("user.phone is not a valid number", rejection.Category);
        Assert.Equal($"user.phone \"{phone}\" is not a valid number", rejection.Reason);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("52155500O1111")]
    [InlineData("1234567890123456")]
    public void An_unparseable_line_number_is_rejected_naming_the_value(string number)
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("line.number", number));

        Assert.Equal("line.number is not a phone number with country code", rejection.Category);
        Assert.Equal($"line.number \"{number}\" is not a phone number with country code", rejection.Reason);
    }

    [Theory]
    [InlineData("gif")]
    [InlineData("TEXT")]
    [InlineData("")]
    public void A_message_kind_outside_the_list_is_rejected_naming_it(string kind)
    {
        var rejection = Rejected(EventJson.Of("message.inbound").With("message.kind", kind));

        Assert.Equal("message.kind is not a known kind", rejection.Category);
        Assert.StartsWith($"message.kind \"{kind}\" is not one of text, image, audio,", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("robot")]
    [InlineData("Bot")]
    public void An_outbound_sender_other_than_bot_or_agent_is_rejected_naming_it(string sender)
    {
        var rejection = Rejected(EventJson.Of("message.outbound").With("sender", sender));

        Assert.Equal("sender is not bot or agent", rejection.Category);
        Assert.Equal($"sender \"{sender}\" is not bot or agent", rejection.Reason);
    }

    [Fact]
    public void A_status_outside_whatsapps_values_is_rejected_naming_it()
    {
        var rejection = Rejected(EventJson.Of("deployment.status").With("status", "bounced"));

        Assert.Equal("status is not sent, delivered, read or failed", rejection.Category);
        Assert.Equal("status \"bounced\" is not sent, delivered, read or failed", rejection.Reason);
    }

    public static TheoryData<string> RejectedLinesOfWorkspaceAcme => new()
    {
        EventJson.Of("message.inbound").ToString()[..^1],
        EventJson.Of("message.inbound").Without("event_id").ToString(),
        EventJson.Of("message.inbound").With("type", "msg.in").ToString(),
        EventJson.Of("message.inbound").With("occurred_at", "2026-11-20T14:03:11").ToString(),
        EventJson.Of("message.inbound").WithJson("event_id", "42").ToString(),
        EventJson.Of("message.inbound").With("user.phone", "12").ToString(),
        EventJson.Of("message.inbound").With("line.number", "12").ToString(),
        EventJson.Of("message.inbound").With("message.kind", "gif").ToString(),
        EventJson.Of("node.reached").Without("node_id").ToString(),
        EventJson.Of("deployment.status").With("status", "bounced").ToString(),
    };

    [Theory]
    [MemberData(nameof(RejectedLinesOfWorkspaceAcme))]
    public void A_rejection_still_reports_the_valid_workspace_the_line_named(string line)
    {
        var result = Parse(line);

        Assert.Null(result.Event);
        Assert.NotNull(result.Rejection);
        Assert.Equal("acme", result.WorkspaceId);
    }

    [Fact]
    public void A_rejection_reports_no_workspace_when_the_line_named_none()
    {
        var result = Parse(EventJson.Of("message.inbound").Without("workspace_id").With("user.phone", "12"));

        Assert.Null(result.WorkspaceId);
    }

    [Fact]
    public void An_invalid_json_line_does_not_report_an_ill_formed_workspace()
    {
        var line = EventJson.Of("message.inbound").With("workspace_id", "ac me").ToString()[..^1];

        var result = Parse(line);

        Assert.Equal("invalid JSON", result.Rejection?.Category);
        Assert.Null(result.WorkspaceId);
    }

    [Fact]
    public void The_first_problem_of_a_line_is_the_one_reported()
    {
        var rejection = Rejected(EventJson.Of("message.inbound")
            .WithJson("event_id", "42")
            .Without("occurred_at")
            .With("user.phone", "12"));

        Assert.Equal("event_id must be a string, not the number 42", rejection.Reason);
    }
}
