using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Query.Tests.Reports;

public sealed class SharedFiltersTests
{
    [Fact]
    public void A_placeholder_line_becomes_the_filters_clauses_whatever_the_line_endings()
    {
        var sql = SharedFilters.WriteInto(
            "SELECT *\r\nFROM sessions s\r\nWHERE {session_filters:s}\r\n  AND s.session_type = 'INBOUND'\r\n", SqlDialect.DuckDb);

        Assert.DoesNotContain("{", sql);
        Assert.Contains("WHERE ($from::TIMESTAMP IS NULL OR s.session_started_timestamp >= $from::TIMESTAMP)\n  AND ($to::TIMESTAMP", sql);
        Assert.Contains("AND ($line::VARCHAR IS NULL OR s.line_whatsapp_number = $line::VARCHAR)\n  AND s.session_type = 'INBOUND'", sql);
    }

    [Fact]
    public void Each_dialect_gets_its_own_filters()
    {
        var sql = SharedFilters.WriteInto("SELECT *\nFROM deployments d\nWHERE {deployment_filters:d}\n", SqlDialect.PostgreSql);

        Assert.Contains("WHERE (@from::timestamp IS NULL OR d.deployment_timestamp >= @from::timestamp)\n  AND (@to::timestamp", sql);
        Assert.DoesNotContain("$", sql);
    }

    [Fact]
    public void A_placeholder_that_is_not_a_line_of_its_own_is_refused_rather_than_sent_to_the_database()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => SharedFilters.WriteInto("SELECT * FROM deployments WHERE {deployment_filters}", SqlDialect.PostgreSql));

        Assert.Contains("not on a line of its own", error.Message);
    }
}
