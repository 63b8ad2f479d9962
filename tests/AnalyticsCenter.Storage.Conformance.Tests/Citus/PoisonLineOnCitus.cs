using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Citus;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

public sealed class PoisonLineOnCitus(CitusStores stores) : PoisonLineTests(stores), IClassFixture<CitusStores>
{
    /// <summary>
    /// PostgreSQL text cannot hold NUL: the store shows it as U+2400 SYMBOL FOR NULL in the raw text and the reason (the
    /// exact bytes are kept beside them, which the PostgreSQL-only PoisonLineTests check).
    /// </summary>
    protected override string Kept(string text) => text.Replace('\0', '\u2400');
}
