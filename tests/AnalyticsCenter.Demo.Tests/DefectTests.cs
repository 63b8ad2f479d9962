using System.Text.Json;

namespace AnalyticsCenter.Demo.Tests;

public sealed class DefectTests
{
    [Fact]
    public void Bad_lines_of_every_kind_appear_and_are_counted_in_the_summary()
    {
        var sample = Sample.WithDefects;
        var rejections = Census.WithDefects.Rejections;

        Assert.Equal(sample.Summary.BadLines, rejections.Count);
        Assert.InRange((double)sample.Summary.BadLines / sample.Summary.Lines, 0.001, 0.004);
        Assert.Superset(
            new HashSet<string> { "invalid JSON", "no offset", "unknown type", "invalid phone" },
            rejections.ToHashSet());
        Assert.Contains(rejections, r => r.StartsWith("missing ", StringComparison.Ordinal));
        Assert.Contains(sample.Lines, l => l.Contains("\"type\":\"msg.in\"", StringComparison.Ordinal));
        Assert.Contains(sample.Lines, l => l.Contains("\"phone\":\"12\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicates_are_exact_repeats_and_are_counted_in_the_summary()
    {
        var sample = Sample.WithDefects;
        var repeats = sample.Lines.GroupBy(l => l, StringComparer.Ordinal).Sum(g => g.Count() - 1);

        Assert.True(sample.Summary.DuplicateLines > 0);
        Assert.Equal(sample.Summary.DuplicateLines, repeats);

        // A repeated event id always comes with the very same content.
        var byId = new Dictionary<(string, string), string>();
        foreach (var line in sample.Lines.Where(l => ContractCheck.Reject(l) is null))
        {
            using var document = JsonDocument.Parse(line);
            var key = (document.RootElement.GetProperty("workspace_id").GetString()!, document.RootElement.GetProperty("event_id").GetString()!);
            if (byId.TryGetValue(key, out var earlier))
            {
                Assert.Equal(earlier, line);
            }
            else
            {
                byId[key] = line;
            }
        }

        Assert.Equal(sample.Summary.Events, byId.Count);
    }

    [Fact]
    public void Some_events_arrive_late_and_some_statuses_before_their_deployment()
    {
        var latest = Sample.WithDefects.Start;
        var late = 0;
        foreach (var line in Sample.WithDefects.Lines.Where(l => ContractCheck.Reject(l) is null))
        {
            using var document = JsonDocument.Parse(line);
            var at = ContractCheck.ParseTime(document.RootElement.GetProperty("occurred_at").GetString()!)!.Value;
            if (at < latest - TimeSpan.FromMinutes(10))
            {
                late++;
            }

            latest = at > latest ? at : latest;
        }

        Assert.True(late > 20, $"{late} late lines");
        Assert.True(Census.WithDefects.StatusBeforeCreated > 5);
    }

    [Fact]
    public void No_defects_when_excluded()
    {
        var sample = Sample.WithoutDefects;

        Assert.Equal(0, sample.Summary.BadLines);
        Assert.Equal(0, sample.Summary.DuplicateLines);
        Assert.Equal(sample.Summary.Lines, sample.Summary.Events);
        Assert.Equal(sample.Lines.Length, sample.Lines.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(sample.Lines, l => l.Contains("\"type\":\"msg.in\"", StringComparison.Ordinal));
    }
}
