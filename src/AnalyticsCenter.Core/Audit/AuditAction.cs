namespace AnalyticsCenter.Core.Audit;

/// <summary>What an audit entry records: a closed set. Stored by name; never rename a member.</summary>
public enum AuditAction
{
    /// <summary>A person signed in to the web tab.</summary>
    SignIn,

    /// <summary>A sign-in with a known email and a wrong password.</summary>
    SignInFailed,

    /// <summary>A host's token opened an embedded session.</summary>
    EmbedSessionOpened,

    /// <summary>A host's token was refused (the detail says why).</summary>
    EmbedTokenRefused,

    /// <summary>A saved query was created.</summary>
    SavedQueryCreated,

    /// <summary>A saved query's text was saved again.</summary>
    SavedQueryChanged,

    /// <summary>A saved query was deleted.</summary>
    SavedQueryDeleted,

    /// <summary>A subscription was added.</summary>
    SubscriptionAdded,

    /// <summary>A subscription was removed.</summary>
    SubscriptionRemoved,

    /// <summary>A subscription was delivered now, on request.</summary>
    SubscriptionRunNow,

    /// <summary>An alert was added.</summary>
    AlertAdded,

    /// <summary>An alert was removed.</summary>
    AlertRemoved,

    /// <summary>An API key was created.</summary>
    ApiKeyCreated,

    /// <summary>An API key was revoked.</summary>
    ApiKeyRevoked,

    /// <summary>An embed signing key was created.</summary>
    EmbedKeyCreated,

    /// <summary>An embed signing key was revoked.</summary>
    EmbedKeyRevoked,

    /// <summary>BI access (a database login) was granted.</summary>
    BiAccessGranted,

    /// <summary>BI access was revoked.</summary>
    BiAccessRevoked,

    /// <summary>An uploaded table was kept.</summary>
    UploadKept,

    /// <summary>An uploaded table was deleted.</summary>
    UploadDeleted,

    /// <summary>The workspace's retention changed.</summary>
    RetentionChanged,

    /// <summary>The workspace's time zone changed.</summary>
    TimeZoneChanged,

    /// <summary>A person was invited to the workspace.</summary>
    UserInvited,

    /// <summary>A person's role changed.</summary>
    RoleChanged,

    /// <summary>A person was removed from the workspace.</summary>
    UserRemoved,
}
