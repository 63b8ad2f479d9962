using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>On a DuckDB store, which has no network logins, <c>/api/v1/bi-access</c> says so in words.</summary>
public sealed class BiAccessOnDuckDbTests
{
    [Theory]
    [InlineData("GET", "/api/v1/bi-access")]
    [InlineData("POST", "/api/v1/bi-access")]
    [InlineData("DELETE", "/api/v1/bi-access/metabase")]
    public async Task Every_route_answers_501_naming_the_store_it_needs(string method, string path)
    {
        await using var api = await TestApi.StartAsync(new TestStore());
        using var client = api.Client(await api.KeyAsync("acme", KeyScope.Admin));
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.StartsWith("BI access needs a PostgreSQL store", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
