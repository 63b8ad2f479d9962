using System.Text.RegularExpressions;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// <c>analytics audit</c> through the real program: what the command line changed in a workspace is listed newest first,
/// as the operating-system user that ran it, within --limit and --since, and never another workspace's.
/// </summary>
public sealed partial class AuditCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-audit-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    [GeneratedRegex(@"^created key ([a-z2-7]{12}) ", RegexOptions.Multiline)]
    private static partial Regex CreatedKey();

    [Fact]
    public void Keys_and_settings_changed_from_the_command_line_are_listed_newest_first_as_its_user()
    {
        var created = Run("keys", "create", "--workspace", "acme", "--name", "nightly");
        var keyId = CreatedKey().Match(created.Output).Groups[1].Value;
        Assert.Equal(0, Run("workspace", "set", "acme", "--time-zone", "Europe/Madrid", "--retention", "7d").ExitCode);
        Assert.Equal(0, Run("keys", "revoke", keyId).ExitCode);

        var all = Run("audit", "--workspace", "acme");
        var newest = Run("audit", "--workspace", "acme", "--limit", "1");
        var recent = Run("audit", "--workspace", "acme", "--since", "1h");
        var none = Run("audit", "--workspace", "acme", "--since", "2999-01-01T00:00:00Z");

        Assert.Equal(0, all.ExitCode);
        var actions = new[] { "ApiKeyRevoked", "RetentionChanged", "TimeZoneChanged", "ApiKeyCreated" };
        Assert.Equal(actions, actions.OrderBy(a => all.Output.IndexOf(a, StringComparison.Ordinal)));
        Assert.Contains("Europe/Madrid", all.Output, StringComparison.Ordinal);
        Assert.Contains("cli:" + Environment.UserName, all.Output, StringComparison.Ordinal);
        Assert.Contains($"nightly ({keyId})", all.Output, StringComparison.Ordinal);
        Assert.Contains("ApiKeyRevoked", newest.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiKeyCreated", newest.Output, StringComparison.Ordinal);
        Assert.Contains("ApiKeyCreated", recent.Output, StringComparison.Ordinal);
        Assert.Contains("no audit entries in that time", none.Output, StringComparison.Ordinal);
        Assert.Contains("workspace globex has no audit entries", Run("audit", "--workspace", "globex").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_limit_out_of_range_is_a_usage_error() => Assert.NotEqual(0, Run("audit", "--workspace", "acme", "--limit", "0").ExitCode);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
