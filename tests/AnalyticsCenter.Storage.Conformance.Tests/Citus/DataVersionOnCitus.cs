using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Citus;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

public sealed class DataVersionOnCitus(CitusStores stores) : DataVersionTests(stores), IClassFixture<CitusStores>;
