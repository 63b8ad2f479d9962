using System.Security.Cryptography;

namespace AnalyticsCenter.Core.Storage;

/// <summary>The random identifiers and secrets the stores give what they keep.</summary>
public static class RandomIds
{
    /// <summary>A new identifier: 16 lowercase hex characters.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>A new key a webhook's receiver verifies signed bodies with: 64 lowercase hex characters.</summary>
    public static string NewSigningSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
