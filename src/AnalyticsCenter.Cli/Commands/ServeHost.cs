namespace AnalyticsCenter.Cli.Commands;

/// <summary>How <c>serve</c> (and <c>demo</c>, when it serves) runs its host.</summary>
/// <param name="Urls">Where to listen, several separated by ';'.</param>
/// <param name="SettingsFile">A JSON settings file (WhatsApp secrets), or null for the environment alone.</param>
/// <param name="JsonLogs">Every output line a JSON log object, for a log collector.</param>
internal sealed record ServeHost(string Urls, string? SettingsFile = null, bool JsonLogs = false);
