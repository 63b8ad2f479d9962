using System.Globalization;
using System.Text.RegularExpressions;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>What a Citus EXPLAIN (text format) says about where a statement runs.</summary>
internal sealed partial class CitusPlan
{
    private CitusPlan(List<int> taskCounts, List<int> ports, bool pullsDistributedRows)
    {
        TaskCounts = taskCounts;
        Ports = ports;
        PullsDistributedRows = pullsDistributedRows;
    }

    /// <summary>The task count of each distributed scan.</summary>
    public IReadOnlyList<int> TaskCounts { get; }

    /// <summary>The ports of the workers the shown tasks run on.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>
    /// Whether distributed rows are brought to the coordinator to be planned on: a distributed subplan that itself scans
    /// distributed tables, or a repartition. A subplan of the coordinator's own tables only ships their rows to the shards.
    /// </summary>
    public bool PullsDistributedRows { get; }

    public static CitusPlan Read(string plan)
    {
        var lines = plan.Split('\n');
        var pulls = lines.Any(line => line.Contains("Repartition", StringComparison.OrdinalIgnoreCase) || line.Contains("Map Task", StringComparison.Ordinal));
        for (var i = 0; i < lines.Length && !pulls; i++)
        {
            if (lines[i].Contains("Distributed Subplan", StringComparison.Ordinal))
            {
                var indent = Indent(lines[i]);
                pulls = lines.Skip(i + 1).TakeWhile(line => Indent(line) > indent).Any(line => line.Contains("Custom Scan (Citus", StringComparison.Ordinal));
            }
        }

        return new CitusPlan(Numbers(lines, TaskCount()), Numbers(lines, NodePort()), pulls);
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static List<int> Numbers(string[] lines, Regex pattern) =>
        lines.Select(line => pattern.Match(line)).Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"^\s*Task Count: (\d+)")]
    private static partial Regex TaskCount();

    [GeneratedRegex(@"Node: host=\S+ port=(\d+)")]
    private static partial Regex NodePort();
}
