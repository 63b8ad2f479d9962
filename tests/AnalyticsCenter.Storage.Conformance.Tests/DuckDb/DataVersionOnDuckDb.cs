using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.DuckDb;

public sealed class DataVersionOnDuckDb() : DataVersionTests(new DuckDbStores());
