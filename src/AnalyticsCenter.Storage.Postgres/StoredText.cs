using System.Text;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// PostgreSQL text cannot hold NUL (U+0000), which a line or a JSON string may. Where the store keeps text that may hold
/// one, it shows each as U+2400 (␀), and keeps the exact text beside it where it must not be lost (rejections' raw_bytes).
/// </summary>
internal static class StoredText
{
    private const char Nul = '\0';
    private const char Shown = '\u2400';
    private const string NulEscape = "\\u0000";
    private const string ShownEscape = "\\u2400";

    public static string Show(string text) => text.Contains(Nul, StringComparison.Ordinal) ? text.Replace(Nul, Shown) : text;

    /// <summary>The exact UTF-8 of <paramref name="text"/> when it holds a NUL that <see cref="Show"/> replaced; otherwise null.</summary>
    public static byte[]? ExactIfShown(string text) => text.Contains(Nul, StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(text) : null;

    /// <summary>
    /// JSON text with every <c>\u0000</c> escape (one preceded by an even number of backslashes: not an escaped backslash
    /// followed by <c>u0000</c>) written <c>\u2400</c>, so jsonb can read it.
    /// </summary>
    public static string ShowInJson(string json)
    {
        var at = json.IndexOf(NulEscape, StringComparison.Ordinal);
        if (at < 0)
        {
            return json;
        }

        var shown = new StringBuilder(json.Length);
        var from = 0;
        for (; at >= 0; at = json.IndexOf(NulEscape, at + 1, StringComparison.Ordinal))
        {
            var backslashes = 0;
            while (at - backslashes - 1 >= 0 && json[at - backslashes - 1] == '\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 0)
            {
                shown.Append(json, from, at - from).Append(ShownEscape);
                from = at + NulEscape.Length;
            }
        }

        return shown.Append(json, from, json.Length - from).ToString();
    }
}
