using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

public sealed class TeamAccessOnDuckDbTests() : TeamAccessTests(new DuckDbStores());
