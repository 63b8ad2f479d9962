using AnalyticsCenter.TestKit.Postgres;

// One PostgreSQL for the whole assembly: starting a server costs more than most tests; classes get databases of their own.
[assembly: AssemblyFixture(typeof(PostgresServer))]
