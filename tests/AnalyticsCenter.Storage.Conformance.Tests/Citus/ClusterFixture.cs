using AnalyticsCenter.TestKit.Citus;

// One Citus cluster for the whole assembly: starting its three servers costs more than most tests; classes get databases of their own.
[assembly: AssemblyFixture(typeof(CitusCluster))]
