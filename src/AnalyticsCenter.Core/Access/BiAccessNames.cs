using System.Globalization;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Access;

/// <summary>The name a BI login gets when none is given: the same from the command line and the API.</summary>
public static class BiAccessNames
{
    /// <summary>The longest name a store takes (PostgreSQL's identifier limit).</summary>
    public const int MaxLength = 63;

    /// <summary>Whether <paramref name="name"/> is 1 to 63 characters of <c>a-z 0-9 _ -</c>: a name every store takes.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');

    /// <summary>Why <paramref name="name"/> is refused, in words.</summary>
    public static string Malformed(string name) => $"BI access name \"{name}\" is not 1–63 characters of a-z 0-9 _ -";

    /// <summary>Why a second grant under <paramref name="name"/> is refused, in words.</summary>
    public static string Taken(string name) => $"BI access \"{name}\" already exists; revoke it first or choose another name";

    /// <summary>
    /// <c>WORKSPACE-bi</c>, lowercased (a workspace id may hold capitals; a login name may not), with <c>-2</c>, <c>-3</c>…
    /// after it when <paramref name="taken"/> already holds it.
    /// </summary>
    /// <param name="workspace">The workspace the login reads.</param>
    /// <param name="taken">The names already granted in the store.</param>
    public static string Default(WorkspaceId workspace, IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var known = taken.ToHashSet(StringComparer.Ordinal);
        var stem = workspace.Value.ToLowerInvariant() + "-bi";
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : "-" + n.ToString(CultureInfo.InvariantCulture);
            var name = stem[..Math.Min(stem.Length, MaxLength - suffix.Length)] + suffix;
            if (!known.Contains(name))
            {
                return name;
            }
        }
    }
}
