using AnalyticsCenter.TestKit.Postgres;

// One PostgreSQL for the whole assembly, for the dialect twins: starting a server costs more than most tests.
[assembly: AssemblyFixture(typeof(PostgresServer))]
