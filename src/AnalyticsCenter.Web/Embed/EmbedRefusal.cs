namespace AnalyticsCenter.Web.Embed;

/// <summary>Why an embed token opens nothing: the status and the words of the page the frame shows instead.</summary>
internal sealed record EmbedRefusal(int Status, string Title, string Message)
{
    public static EmbedRefusal Invalid(string message) => new(StatusCodes.Status401Unauthorized, "This tab could not sign you in", message);

    public static EmbedRefusal Refused(string message) => new(StatusCodes.Status403Forbidden, "This tab refused the sign-in", message);
}
