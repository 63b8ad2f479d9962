using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;
using Microsoft.Extensions.Configuration;

namespace AnalyticsCenter.Web.Tests;

/// <summary>With an SMTP server configured, invitation and reset links go to their person by email, and the answer says so.</summary>
public sealed class InvitationEmailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TestApi> StartAsync(TestStore store, int smtpPort) =>
        TestApi.StartAsync(store, configure: builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Subscriptions:Smtp:Host"] = "127.0.0.1",
            ["Subscriptions:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Subscriptions:Smtp:Tls"] = "None",
            ["Subscriptions:Smtp:From"] = "analytics@example.com",
        }));

    [Fact]
    public async Task An_invitation_and_a_reset_are_emailed_with_the_link_the_answer_holds()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        var store = new TestStore();
        await using var api = await StartAsync(store, smtp.Port);
        using var admin = api.Client(await api.KeyAsync("acme", KeyScope.Admin));

        using var invited = await admin.PostAsJsonAsync("/api/v1/users", new { email = "ana@example.com", role = "analyst" }, Ct);
        var invitation = await invited.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(invitation.GetProperty("emailed").GetBoolean());
        var first = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(["ana@example.com"], first.Recipients);
        Assert.Equal("Your invitation to the Analytics Center", first.Message.Subject);
        Assert.Contains(invitation.GetProperty("url").GetString()!, first.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("workspace acme as analyst", first.Message.TextBody, StringComparison.Ordinal);

        var id = invitation.GetProperty("user").GetProperty("id").GetString();
        using var reset = await admin.PostAsync(new Uri($"/api/v1/users/{id}/password-reset", UriKind.Relative), null, Ct);
        var resetLink = await reset.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var second = (await smtp.WaitForAsync(2, TimeSpan.FromSeconds(30)))[1];
        Assert.Equal("Reset your Analytics Center password", second.Message.Subject);
        Assert.Contains(resetLink.GetProperty("url").GetString()!, second.Message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_leaves_the_link_in_the_answer_with_the_reason()
    {
        int closedPort;
        await using (var smtp = await LoopbackSmtpServer.StartAsync())
        {
            closedPort = smtp.Port;
        }

        var store = new TestStore();
        await using var api = await StartAsync(store, closedPort);
        using var admin = api.Client(await api.KeyAsync("acme", KeyScope.Admin));

        using var invited = await admin.PostAsJsonAsync("/api/v1/users", new { email = "ben@example.com", role = "viewer" }, Ct);
        var invitation = await invited.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(invitation.GetProperty("emailed").GetBoolean());
        Assert.StartsWith($"SMTP 127.0.0.1:{closedPort}:", invitation.GetProperty("email_problem").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http", invitation.GetProperty("url").GetString(), StringComparison.Ordinal);
    }
}
