using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests.PostgreSql;

public sealed class UploadReportOnPostgreSql(PostgreSqlStores stores) : UploadReportTests(stores), IClassFixture<PostgreSqlStores>;
