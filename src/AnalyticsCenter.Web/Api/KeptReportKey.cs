using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>What an answer is kept by: the workspace, the report as it ran (its variant), the format and the values it was bound to.</summary>
internal readonly record struct KeptReportKey(WorkspaceId Workspace, string Report, ResultFormat Format, string Values);
