using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Subscriptions;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web;

/// <summary>
/// Subscriptions and alerts in the host: options from configuration section <c>Subscriptions</c> (the SMTP server under
/// <c>Subscriptions:Smtp</c>: Host, Port, Tls, User, Password, From), both channels, and the schedulers that
/// <see cref="ScheduledDeliveries"/> runs.
/// </summary>
public static class SubscriptionServices
{
    /// <summary>The delivery options configured, or the defaults.</summary>
    public static SubscriptionOptions Options(IConfiguration configuration) =>
        configuration.GetSection("Subscriptions").Get<SubscriptionOptions>() ?? new SubscriptionOptions();

    /// <summary>The SMTP server configured; an unconfigured one fails each email delivery in words.</summary>
    public static SmtpSettings Smtp(IConfiguration configuration) =>
        configuration.GetSection("Subscriptions:Smtp").Get<SmtpSettings>() ?? new SmtpSettings();

    internal static void Add(IServiceCollection services, IAnalyticsStore store)
    {
        services.AddSingleton(s => Options(s.GetRequiredService<IConfiguration>()));
        services.AddSingleton(s => SubscriptionContent.Over(store, s.GetRequiredService<SubscriptionOptions>()));

        // One client for the process: webhooks go to few hosts, and a client per delivery would leave sockets behind.
        var http = new HttpClient();
        services.AddSingleton(s => SubscriptionScheduler.Create(store, s.GetRequiredService<SubscriptionOptions>(),
            Smtp(s.GetRequiredService<IConfiguration>()), http, s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => AlertScheduler.Create(store, s.GetRequiredService<SubscriptionOptions>(),
            Smtp(s.GetRequiredService<IConfiguration>()), http, s.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ScheduledDeliveries>();
        services.AddSingleton(s => new PasswordLinkMail(new SmtpMailer(Smtp(s.GetRequiredService<IConfiguration>()))));
    }
}
