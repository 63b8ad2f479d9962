using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AnalyticsCenter.Core.Sessions;

/// <summary>
/// A session's id derives from the event that started it (a delivered deployment's from the deployment), so the same
/// events always give the same ids, across refreshes, rebuilds and stores: <c>s_</c> and the first 24 hex digits of the
/// MD5 of the workspace, a U+001F and <c>e:</c> and the event id (or <c>d:</c> and the deployment id), as DuckDB's
/// <c>session_key</c> macro computes it.
/// </summary>
public static class SessionKey
{
    /// <summary>The id of a session started by the event <paramref name="eventId"/>.</summary>
    public static string OfEvent(string workspace, string eventId) => Of(workspace, "e:", eventId);

    /// <summary>The id of the session a delivered deployment <paramref name="deploymentId"/> started.</summary>
    public static string OfDeployment(string workspace, string deploymentId) => Of(workspace, "d:", deploymentId);

    [SuppressMessage(
        "Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "An id derived from data, not a secret: MD5 is the stored ids' definition.")]
    private static string Of(string workspace, string kind, string id)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(string.Concat(workspace, "\u001f", kind, id)));
        return string.Concat("s_", Convert.ToHexStringLower(hash.AsSpan(0, 12)));
    }
}
