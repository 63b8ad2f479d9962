namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// <c>analytics store distribute</c> refuses in one line what it cannot spread over a Citus cluster; the distribution itself
/// is tested on a real cluster in the conformance suite (DistributeInPlaceTests).
/// </summary>
public sealed class StoreCommandTests(PostgresStore postgres) : IClassFixture<PostgresStore>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-store-").FullName;

    [Fact]
    public void A_postgresql_store_without_citus_is_left_as_it_is_and_told_what_the_dba_must_do_first()
    {
        var result = Analytics.Run(_folder, "store", "distribute", "--db", postgres.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("is not a Citus coordinator: a superuser creates the extension there (CREATE EXTENSION citus)", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void A_duckdb_store_is_refused_in_one_line_without_creating_a_file()
    {
        var result = Analytics.Run(_folder, "store", "distribute");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: store distribute needs a PostgreSQL store on a Citus coordinator (--db postgresql://…)", result.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
