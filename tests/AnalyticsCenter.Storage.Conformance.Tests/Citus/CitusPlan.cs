using System.Globalization;
using System.Text.RegularExpressions;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>What a Citus EXPLAIN (text format) says about where a statement runs.</summary>
internal sealed partial class CitusPlan
{
    private CitusPlan(List<int> taskCounts, List<int> ports, bool passesCoordinator)
    {
        TaskCounts = taskCounts;
        Ports = ports;
        PassesCoordinator = passesCoordinator;
    }

    /// <summary>The task count of each distributed scan.</summary>
    public IReadOnlyList<int> TaskCounts { get; }

    /// <summary>The ports of the workers the shown tasks run on.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>
    /// Whether rows go through the coordinator between pieces of the statement: a distributed subplan (its result is
    /// gathered on the coordinator and sent back to the shards), an INSERT … SELECT pulled to the coordinator, or a
    /// repartition.
    /// </summary>
    public bool PassesCoordinator { get; }

    public static CitusPlan Read(string plan)
    {
        var lines = plan.Split('\n');
        var passes = lines.Any(line => line.Contains("Distributed Subplan", StringComparison.Ordinal)
            || line.Contains("pull to coordinator", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Repartition", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Map Task", StringComparison.Ordinal));
        return new CitusPlan(Numbers(lines, TaskCount()), Numbers(lines, NodePort()), passes);
    }

    private static List<int> Numbers(string[] lines, Regex pattern) =>
        lines.Select(line => pattern.Match(line)).Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"^\s*Task Count: (\d+)")]
    private static partial Regex TaskCount();

    [GeneratedRegex(@"Node: host=\S+ port=(\d+)")]
    private static partial Regex NodePort();
}
