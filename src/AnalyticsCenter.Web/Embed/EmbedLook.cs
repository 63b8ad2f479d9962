using System.Text.RegularExpressions;

namespace AnalyticsCenter.Web.Embed;

/// <summary>
/// How an embedded tab follows its host: the person's locale and time zone, light or dark, an accent colour, and whether
/// its own top bar shows. Each value is checked here, so a page may print it as it is.
/// </summary>
internal sealed partial record EmbedLook(string? Locale, string? TimeZone, string? Theme, string? Accent, bool HideTopbar)
{
    public static readonly EmbedLook None = new(null, null, null, null, false);

    /// <summary>The values a host sent, each kept only when well-formed (an unknown time zone, a colour that is not #hex, … is dropped).</summary>
    public static EmbedLook Of(string? locale, string? timeZone, string? theme, string? accent, bool hideTopbar) => new(
        locale is { Length: <= 35 } && LocaleShape().IsMatch(locale) ? locale : null,
        Core.Storage.WorkspaceTimeZone.TryParse(timeZone, out var zone) ? zone.Id : null,
        theme is "light" or "dark" ? theme : null,
        accent is not null && AccentShape().IsMatch(accent) ? accent : null,
        hideTopbar);

    /// <summary>This look with each value <paramref name="other"/> has and this one lacks.</summary>
    public EmbedLook Or(EmbedLook other) =>
        new(Locale ?? other.Locale, TimeZone ?? other.TimeZone, Theme ?? other.Theme, Accent ?? other.Accent, HideTopbar || other.HideTopbar);

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LocaleShape();

    [GeneratedRegex("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex AccentShape();
}
