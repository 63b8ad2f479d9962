using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Subscriptions;

namespace AnalyticsCenter.Core.Alerts;

/// <summary>An alert as it is asked for, before the store gives it an id.</summary>
/// <param name="Workspace">Whose data it watches.</param>
/// <param name="Name">A name for people; not unique.</param>
/// <param name="Source">A saved query or a ready report.</param>
/// <param name="SourceRef">The saved query's id, or the report's name.</param>
/// <param name="Parameters">The report's parameters as JSON text (an object of name to value); <c>{}</c> for none.</param>
/// <param name="Operator">When its condition holds.</param>
/// <param name="Threshold">The number the first row's metric (by default its first numeric value) is compared with.</param>
/// <param name="Channel">Email or webhook.</param>
/// <param name="Target">Comma-separated email addresses, or the webhook's URL.</param>
/// <param name="Metric">The numeric column watched; empty for the first numeric column.</param>
public sealed record NewAlert(
    WorkspaceId Workspace, string Name, SourceKind Source, string SourceRef, string Parameters, AlertOperator Operator, double Threshold,
    ChannelKind Channel, string Target, string Metric = "")
{
    /// <summary>
    /// Refuses what no store keeps: a blank or overlong name, source, parameters or target, an overlong metric, or a threshold
    /// that is no number.
    /// </summary>
    /// <exception cref="ArgumentException">Which field, in words.</exception>
    public void Validate()
    {
        foreach (var (field, text) in new[] { ("name", Name), ("source", SourceRef), ("parameters", Parameters), ("target", Target) })
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > NewSubscription.MaxTextLength)
            {
                throw new ArgumentException($"an alert needs a {field} of 1 to {NewSubscription.MaxTextLength} characters", field);
            }
        }

        if (Metric.Length > NewSubscription.MaxTextLength)
        {
            throw new ArgumentException($"an alert's metric is a column name of at most {NewSubscription.MaxTextLength} characters", nameof(Metric));
        }

        if (!double.IsFinite(Threshold))
        {
            throw new ArgumentException("an alert's threshold must be a finite number", nameof(Threshold));
        }
    }

    /// <summary>The condition in words: "below 90", "above 100", "no rows".</summary>
    public string Condition => Operator == AlertOperator.NoRows
        ? "no rows"
        : $"{AlertOperatorNames.Name(Operator)} {Threshold.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Whether the condition holds for <paramref name="value"/> (null: the query returned no rows).</summary>
    public bool Holds(double? value) => Operator switch
    {
        AlertOperator.Below => value < Threshold,
        AlertOperator.Above => value > Threshold,
        _ => value is null,
    };
}
