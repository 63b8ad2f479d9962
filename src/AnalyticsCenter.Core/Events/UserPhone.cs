namespace AnalyticsCenter.Core.Events;

/// <summary>A user's WhatsApp number split by the international numbering plan.</summary>
/// <param name="CountryCode">The dialing code with its plus sign, e.g. <c>+57</c>.</param>
/// <param name="Cellphone">The national number, digits only, e.g. <c>3001234567</c>.</param>
public sealed record UserPhone(string CountryCode, string Cellphone);
