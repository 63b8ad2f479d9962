using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using CsCheck;

namespace AnalyticsCenter.Core.Tests;

/// <summary>
/// Whatever a line holds, the parser answers: an event whose every text can be stored, or a rejection with a reason
/// that can. Checked over random bytes and valid lines mutated every way <see cref="PoisonLines"/> knows.
/// </summary>
public sealed class EventParserFuzzTests
{
    [Fact]
    public void No_line_makes_the_parser_throw_and_each_is_accepted_or_rejected_with_a_reason_that_can_be_stored() =>
        PoisonLines.Any.Sample(line =>
        {
            var result = new EventParser().Parse(line);

            Assert.True(result.Event is null != result.Rejection is null, "exactly one of an event and a rejection");
            if (result.Rejection is { } rejection)
            {
                Assert.False(string.IsNullOrWhiteSpace(rejection.Category));
                Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
                Assert.True(PoisonLines.IsValidUnicode(rejection.Reason), $"the reason is not valid Unicode: {rejection.Reason}");
                Assert.True(PoisonLines.IsValidUnicode(rejection.Category), $"the category is not valid Unicode: {rejection.Category}");
            }
            else
            {
                Assert.True(System.Text.Unicode.Utf8.IsValid(line), "a line that is not UTF-8 was accepted");
                var texts = typeof(PlatformEvent).GetProperties().Where(p => p.PropertyType == typeof(string))
                    .Select(p => (p.Name, Text: (string?)p.GetValue(result.Event)));
                foreach (var (name, text) in texts)
                {
                    Assert.True(text is null || PoisonLines.IsValidUnicode(text), $"{name} is not valid Unicode");
                }
            }
        }, iter: 6_000, print: PoisonLines.Print);
}
