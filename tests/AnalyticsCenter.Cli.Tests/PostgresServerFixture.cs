using AnalyticsCenter.TestKit.Postgres;

// One PostgreSQL for the whole assembly, for the tests of many processes on one database: starting a server costs more than most tests.
[assembly: AssemblyFixture(typeof(PostgresServer))]
