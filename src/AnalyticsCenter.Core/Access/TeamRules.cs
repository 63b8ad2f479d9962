
namespace AnalyticsCenter.Core.Access;

/// <summary>What every store checks the same way before it keeps a user or a link.</summary>
public static class TeamRules
{
    /// <summary>The longest email address allowed (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>How long an invitation link stays usable unless the host says otherwise.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>How long a password reset link stays usable unless the host says otherwise.</summary>
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// <paramref name="email"/> trimmed and lowercased, as stored and looked up: addresses are compared without case, as
    /// people type them.
    /// </summary>
    /// <exception cref="ArgumentException">It is not one <c>@</c> between a non-empty local part and domain, or too long.</exception>
    public static string Email(string? email)
    {
        var trimmed = email?.Trim().ToLowerInvariant() ?? "";
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (trimmed.Length > MaxEmailLength || at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1
            || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"\"{email}\" is not an email address", nameof(email));
        }

        return trimmed;
    }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is not a role.</exception>
    public static WorkspaceRole Role(WorkspaceRole role) =>
        Enum.IsDefined(role) ? role : throw new ArgumentOutOfRangeException(nameof(role), role, "not a workspace role");

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not positive.</exception>
    public static TimeSpan Lifetime(TimeSpan lifetime) =>
        lifetime > TimeSpan.Zero ? lifetime : throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "a link must live a while");

    /// <exception cref="ArgumentException">The report name is blank or the filters are longer than <see cref="ShareLink.MaxFiltersLength"/>.</exception>
    public static void Share(string report, string filters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(report);
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Length > ShareLink.MaxFiltersLength)
        {
            throw new ArgumentException($"a share link's filters take at most {ShareLink.MaxFiltersLength} characters", nameof(filters));
        }
    }

    /// <summary>Where on the web tab's server a password link opens: the same for the API and the command line.</summary>
    public static string PasswordPath(string token) => "/password/" + token;
}
