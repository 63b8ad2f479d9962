using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Subscriptions;

/// <summary>A subscription as it is asked for, before the store gives it an id.</summary>
/// <param name="Workspace">Whose data it delivers.</param>
/// <param name="Name">A name for people; not unique.</param>
/// <param name="Source">A saved query or a ready report.</param>
/// <param name="SourceRef">The saved query's id, or the report's name.</param>
/// <param name="Parameters">The report's parameters as JSON text (an object of name to value); <c>{}</c> for none.</param>
/// <param name="Schedule">The schedule as written (<c>daily 08:00</c>, <c>weekly mon 08:00</c> or five-field cron), in the workspace's time zone.</param>
/// <param name="Channel">Email or webhook.</param>
/// <param name="Target">Comma-separated email addresses, or the webhook's URL.</param>
/// <param name="CreatedBy">Who asked for it; null for a subscription kept before the store recorded it.</param>
public sealed record NewSubscription(
    WorkspaceId Workspace, string Name, SourceKind Source, string SourceRef, string Parameters, string Schedule, ChannelKind Channel, string Target,
    Actor? CreatedBy = null)
{
    /// <summary>The longest name, source reference, schedule or target kept.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Refuses what no store keeps: a blank or overlong name, source, parameters, schedule or target.</summary>
    /// <exception cref="ArgumentException">Which field, in words.</exception>
    public void Validate()
    {
        foreach (var (field, text) in new[] { ("name", Name), ("source", SourceRef), ("parameters", Parameters), ("schedule", Schedule), ("target", Target) })
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
            {
                throw new ArgumentException($"a subscription needs a {field} of 1 to {MaxTextLength} characters", field);
            }
        }
    }
}
