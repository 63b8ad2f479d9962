using System.CommandLine;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics store distribute --db postgresql://…</c>: the store itself, as a whole.</summary>
internal static class StoreCommand
{
    private const string NeedsCitus = "store distribute needs a PostgreSQL store on a Citus coordinator (--db postgresql://…)";

    public static Command Create() =>
        new("store", "The store as a whole: distribute (spread a PostgreSQL store over its Citus cluster)") { DistributeCommand() };

    private static Command DistributeCommand()
    {
        var command = new Command("distribute",
            "Spread an existing PostgreSQL store over the Citus cluster of its database, in place and with its rows: events, sessions "
            + "and deployments sharded by workspace; settings copied to every node");
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            if (CliOptions.Target(parse).FilePath is not null)
            {
                throw new UsageException(NeedsCitus);
            }

            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (store is not IStoreDistribution distribution)
            {
                throw new UsageException(NeedsCitus);
            }

            try
            {
                Console.WriteLine(await distribution.DistributeAsync(ct)
                    ? $"distributed {store.Description}: its tables are sharded by workspace over the cluster's workers"
                    : $"{store.Description} is already distributed: nothing to do");
                return ExitCodes.Success;
            }
            catch (InvalidOperationException ex)
            {
                return CommandRunner.Fail(ex.Message, ExitCodes.Failure);
            }
        }));
        return command;
    }
}
