namespace AnalyticsCenter.Core.Events;

/// <summary>Why an input line was not applied.</summary>
/// <param name="Category">The reason without the offending value, for counting by reason (<c>user.phone is not a valid number</c>).</param>
/// <param name="Reason">The reason in words, naming the field and the value (<c>user.phone "12" is not a valid number</c>).</param>
public sealed record Rejection(string Category, string Reason)
{
    /// <summary>A reason whose words carry no value, so category and reason are the same.</summary>
    public static Rejection Of(string reason) => new(reason, reason);
}
