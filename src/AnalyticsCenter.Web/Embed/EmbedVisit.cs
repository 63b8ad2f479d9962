using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.Embed;

/// <summary>Who a checked embed token says the visitor is, and how the host wants the tab to look.</summary>
/// <param name="Host">The host platform (the token's <c>iss</c>), whose key signed it.</param>
/// <param name="KeyId">The key that signed it (<c>kid</c>): revoking it ends the session.</param>
/// <param name="Workspace">The workspace the session acts in.</param>
/// <param name="Role">What the visitor may do there.</param>
/// <param name="Subject">The host's id of the person (<c>sub</c>).</param>
/// <param name="Name">Their name as the host shows it.</param>
/// <param name="Email">Their email address.</param>
/// <param name="Look">Locale, time zone and theme.</param>
internal sealed record EmbedVisit(
    string Host, string KeyId, WorkspaceId Workspace, WorkspaceRole Role, string Subject, string Name, string Email, EmbedLook Look);
