using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// What only PostgreSQL adds to the settings and keys the conformance suite checks on both stores: its own list of time
/// zones, and a key kept in the database, so another process opening it sees it and its revocation.
/// </summary>
public sealed class SettingsAndRecordsTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private PgTestStore _store = null!;
    private PostgresStore _other = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await PgTestStore.CreateAsync(server);
        _other = await _store.OpenAnotherAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _other.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_zone_postgresql_does_not_know_is_refused_in_words()
    {
        var unknown = WorkspaceTimeZone.FromStored("Mars/Olympus_Mons");

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => _store.Store.SetTimeZoneAsync(s_acme, unknown, Ct));

        Assert.StartsWith("PostgreSQL does not know the time zone \"Mars/Olympus_Mons\"", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.Store.GetStatusAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task A_key_authenticates_in_another_process_as_its_workspace_until_it_is_revoked()
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "ingest bot", KeyScope.Ingest, Ct);

        var found = await _other.AuthenticateAsync(created.Key, Ct);
        Assert.Equal(("acme", "ingest bot", KeyScope.Ingest, _store.Time.Now.UtcDateTime), (found!.Workspace, found.Name, found.Scope, found.CreatedAtUtc));
        Assert.Null(await _other.AuthenticateAsync(created.Key[..^1] + (created.Key[^1] == 'a' ? 'b' : 'a'), Ct));

        Assert.True(await _other.RevokeKeyAsync(found.KeyId, Ct));
        Assert.False(await _store.Store.RevokeKeyAsync(found.KeyId, Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(created.Key, Ct));
        var listed = Assert.Single(await _store.Store.ListKeysAsync(s_acme, Ct));
        Assert.Equal((found.KeyId, _store.Time.Now.UtcDateTime), (listed.KeyId, listed.RevokedAtUtc));
        Assert.Empty(await _store.Store.ListKeysAsync(s_globex, Ct));
    }
}
