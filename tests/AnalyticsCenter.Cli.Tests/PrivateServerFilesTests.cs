using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// A served store's files, its server marker and its sign-in keys are the owner's alone, under a permissive umask and
/// when an older version left them readable. Alone in the process: it sets the umask its child processes inherit.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(nameof(PrivateServerFilesTests))]
[CollectionDefinition(nameof(PrivateServerFilesTests), DisableParallelization = true)]
public sealed class PrivateServerFilesTests : IDisposable
{
    private readonly uint _umask = StoreFileModes.SetUmask(StoreFileModes.PermissiveUmask);
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-private-").FullName;

    [Fact]
    public async Task Serving_keeps_the_store_its_marker_and_its_sign_in_keys_private()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows has no file modes");
        using var served = new ServedStore(_folder);
        File.SetUnixFileMode(served.Database, StoreFileModes.Shared);
        File.SetUnixFileMode(Directory.CreateDirectory(served.Database + ".signin-keys").FullName, StoreFileModes.SharedFolder);
        File.WriteAllText(served.Database + ".server", "");
        File.SetUnixFileMode(served.Database + ".server", StoreFileModes.Shared);

        await served.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = served.Url };
            (await http.GetAsync(new Uri("/signin", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

            var entries = StoreFileModes.Entries(served.Database);
            Assert.Contains(entries, entry => entry.Name.EndsWith(".server", StringComparison.Ordinal));
            Assert.Contains(entries, entry => entry.FullName.Contains(".signin-keys/", StringComparison.Ordinal));
            Assert.All(entries, entry => Assert.True(StoreFileModes.IsPrivate(entry), $"{entry.FullName} is {entry.UnixFileMode}"));
        }
        finally
        {
            await served.KillAsync();
        }
    }

    [Fact]
    public void The_demo_keeps_its_generated_events_private_as_well_as_its_store()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows has no file modes");
        var database = Path.Combine(_folder, "demo.duckdb");

        var demo = Analytics.Run(_folder, "demo", "--events", "3000", "--end", "2026-11-24T00:00:00Z", "--no-serve", "--db", database);

        Assert.Equal(0, demo.ExitCode);
        var entries = new DirectoryInfo(_folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).ToList();
        Assert.Contains(entries, entry => entry.Name == "demo.events.ndjson");
        Assert.All(entries, entry => Assert.True(StoreFileModes.IsPrivate(entry), $"{entry.FullName} is {entry.UnixFileMode}"));
    }

    public void Dispose()
    {
        _ = StoreFileModes.SetUmask(_umask);
        Directory.Delete(_folder, recursive: true);
    }
}
