using System.Text;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Demo.Tests;

/// <summary>The generated lines meet the real parser of the event contract: what is valid is accepted, and only the bad lines are rejected.</summary>
public sealed class CoreParserTests
{
    [Fact]
    public void Core_parser_accepts_every_line_without_defects()
    {
        var parser = new EventParser();

        Assert.All(Sample.WithoutDefects.Lines, line =>
        {
            var result = parser.Parse(Encoding.UTF8.GetBytes(line));
            Assert.True(result.Event is not null, $"{result.Rejection?.Reason}: {line}");
        });
    }

    [Fact]
    public void Core_parser_rejects_exactly_the_bad_lines()
    {
        var parser = new EventParser();
        var sample = Sample.WithDefects;
        var rejected = new List<string>();
        foreach (var line in sample.Lines)
        {
            var result = parser.Parse(Encoding.UTF8.GetBytes(line));
            if (result.Event is null)
            {
                rejected.Add(result.Rejection!.Category);
                Assert.NotNull(ContractCheck.Reject(line));
            }
        }

        Assert.Equal(sample.Summary.BadLines, rejected.Count);
    }
}
