using System.Globalization;
using System.Security.Cryptography;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Microsoft.AspNetCore.Identity;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// Users' passwords: hashed with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, salted, its current iteration count,
/// the format versioned in the hash), checked with the account lockout and address throttle of <see cref="FailedSignIns"/>.
/// </summary>
internal sealed class Passwords(IWorkspaceUsers users, FailedSignIns failures, IAuditLog audit)
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    private static readonly PasswordHasher<WorkspaceUser> s_hasher = new();

    // Checked when the email matches no user with a password, so that answer takes as long as a real check and response
    // times do not tell which emails have accounts.
    private static readonly Lazy<string> s_decoy = new(() => s_hasher.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    /// <summary>Why <paramref name="password"/> cannot be a password, in words, or null when it can.</summary>
    public static string? Problem(string password) => password.Length is < MinLength or > MaxLength
        ? string.Create(CultureInfo.InvariantCulture, $"A password needs {MinLength} to {MaxLength} characters.")
        : null;

    public static string Hash(WorkspaceUser user, string password) => s_hasher.HashPassword(user, password);

    /// <summary>The user <paramref name="email"/> and <paramref name="password"/> name, or why not in words (with the status to answer).</summary>
    public async Task<(WorkspaceUser? User, string Error, int Status)> CheckAsync(HttpContext context, string email, string password)
    {
        if (failures.LockedFor(email) is { } locked)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(locked.TotalMinutes));
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(locked.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return (null, $"Too many wrong passwords for this account: it is locked for {minutes} min. An admin can reset the password.",
                StatusCodes.Status429TooManyRequests);
        }

        var stored = await users.FindPasswordAsync(email, context.RequestAborted);
        var verified = PasswordVerificationResult.Failed;
        if (stored is { PasswordHash: { } hash })
        {
            verified = s_hasher.VerifyHashedPassword(stored.User, hash, password);
        }
        else
        {
            _ = s_hasher.VerifyHashedPassword(null!, s_decoy.Value, password);
        }

        if (stored is null || verified == PasswordVerificationResult.Failed)
        {
            failures.Failed(context, email);
            if (stored is not null)
            {
                await Audit(stored.User, AuditAction.SignInFailed, AuditOutcome.Refused, "wrong password");
            }

            return (null, "That email and password do not match.", StatusCodes.Status401Unauthorized);
        }

        await Audit(stored.User, AuditAction.SignIn, AuditOutcome.Succeeded, "");
        return (stored.User, "", StatusCodes.Status200OK);
    }

    /// <summary>A sign-in by password, in the user's workspace's audit log (an unknown email belongs to no workspace's).</summary>
    private Task Audit(WorkspaceUser user, AuditAction action, AuditOutcome outcome, string detail) => audit.RecordAsync(
        new AuditRecord(WorkspaceId.Parse(user.Workspace), Actor.User(user.UserId, user.Email), action, user.UserId, user.Email, outcome, detail),
        CancellationToken.None);
}
