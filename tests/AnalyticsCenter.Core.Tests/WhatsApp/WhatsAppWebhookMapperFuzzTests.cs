using System.Text;
using System.Text.Json.Nodes;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.WhatsApp;
using AnalyticsCenter.TestKit;
using CsCheck;

namespace AnalyticsCenter.Core.Tests.WhatsApp;

/// <summary>
/// Whatever a signed delivery holds, the mapper answers: event lines the parser reads, statuses, and rejections whose
/// reason and raw text can be stored. Checked over Meta's documented bodies mutated every way <see cref="PoisonLines"/> knows.
/// </summary>
public sealed class WhatsAppWebhookMapperFuzzTests
{
    private static readonly string[] s_payloads =
    [
        "text", "image", "referral-video", "text-from-whatsapp-link", "batched", "status-delivered",
        "status-read", "status-failed-131026", "status-failed-131049",
    ];

    private static readonly WhatsAppWebhookMapper s_mapper = new([WhatsAppPayloads.AcmeLine, WhatsAppPayloads.GlobexLine]);

    /// <summary>Each body compact, so that mutations find its string values right after their colon.</summary>
    private static readonly Gen<byte[]> s_bodies = Gen.OneOf(s_payloads)
        .Select(name => Encoding.UTF8.GetBytes(JsonNode.Parse(WhatsAppPayloads.Read(name))!.ToJsonString()))
        .SelectMany(PoisonLines.MutatedFrom);

    [Fact]
    public void No_delivery_makes_the_mapper_throw_and_every_part_becomes_a_readable_line_a_status_or_a_rejection_that_can_be_stored() =>
        s_bodies.Sample(body =>
        {
            var mapping = s_mapper.Map(body);

            foreach (var rejection in mapping.Rejections)
            {
                Assert.False(string.IsNullOrWhiteSpace(rejection.Rejection.Reason));
                Assert.True(PoisonLines.IsValidUnicode(rejection.Rejection.Reason), $"the reason is not valid Unicode: {rejection.Rejection.Reason}");
                Assert.True(PoisonLines.IsValidUnicode(rejection.Raw), $"the raw text is not valid Unicode: {rejection.Raw}");
            }

            foreach (var line in mapping.Events.SelectMany(e => e.Lines))
            {
                Assert.True(PoisonLines.IsValidUnicode(line), $"the event line is not valid Unicode: {line}");
                var parsed = new EventParser().Parse(Encoding.UTF8.GetBytes(line));
                Assert.True(parsed.Event is not null || parsed.Rejection is not null);
            }

            foreach (var status in mapping.Statuses)
            {
                Assert.All(new[] { status.EventId, status.MessageId, status.Status, status.ErrorCode, status.ErrorTitle, status.ErrorDetail },
                    text => Assert.True(text is null || PoisonLines.IsValidUnicode(text), $"a status's text is not valid Unicode: {text}"));
            }
        }, iter: 3_000, print: PoisonLines.Print);
}
