using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Postgres.Tests;

public sealed class PostgresDatabaseTests(PostgresServer server, PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_test_class_gets_a_database_of_its_own()
    {
        Assert.Equal(database.Name, await Sql.ScalarAsync<string>(database.ConnectionString, "SELECT current_database()"));
        Assert.NotEqual("postgres", database.Name);
    }

    [Fact]
    public async Task Two_classes_databases_are_separate_and_dropped_when_the_classes_are_done()
    {
        var first = new PostgresDatabase(server);
        var second = new PostgresDatabase(server);
        await first.InitializeAsync();
        await second.InitializeAsync();

        await Sql.ScalarAsync<int>(first.ConnectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1); SELECT count(*)::int FROM kept");

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal("kept", await Sql.ScalarAsync<string>(first.ConnectionString, "SELECT to_regclass('kept')::text"));
        Assert.Null(await Sql.ScalarAsync<string>(second.ConnectionString, "SELECT to_regclass('kept')::text"));

        await first.DisposeAsync();
        await second.DisposeAsync();
        var left = await Sql.ScalarAsync<long>(server.ConnectionString,
            $"SELECT count(*) FROM pg_database WHERE datname IN ('{first.Name}', '{second.Name}')");
        Assert.Equal(0, left);
    }
}
