namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// The keys that protect the web tab's sign-in cookies (ASP.NET Core Data Protection's key ring, as XML elements), kept in
/// the store itself, so that every server on the store accepts a sign-in any of them made, and a restart keeps them. Only
/// a store that several servers share offers it; a file store keeps its keys in a folder beside the file.
/// </summary>
public interface ISignInKeyRing
{
    /// <summary>Every key element ever stored, oldest first (expired and revoked ones included: Data Protection decides).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<string>> ReadSignInKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the key element <paramref name="xml"/> under <paramref name="name"/> (its id); a name already stored keeps its first element.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task StoreSignInKeyAsync(string name, string xml, CancellationToken cancellationToken = default);
}
