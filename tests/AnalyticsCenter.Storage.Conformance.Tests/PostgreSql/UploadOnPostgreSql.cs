using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests.PostgreSql;

public sealed class UploadOnPostgreSql(PostgreSqlStores stores) : UploadTests(stores), IClassFixture<PostgreSqlStores>;
