using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Citus;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

public sealed class UploadReportOnCitus(CitusStores stores) : UploadReportTests(stores), IClassFixture<CitusStores>;
