using System.Xml.Linq;
using AnalyticsCenter.Core.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// Data Protection's key ring kept in the store (<see cref="ISignInKeyRing"/>). Data Protection asks synchronously, and
/// rarely: when it first needs the ring, when a key is due, and when a cookie names a key it has not seen.
/// </summary>
internal sealed class StoredSignInKeys(ISignInKeyRing ring) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        ring.ReadSignInKeysAsync().GetAwaiter().GetResult().Select(xml => XElement.Parse(xml)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        ring.StoreSignInKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
