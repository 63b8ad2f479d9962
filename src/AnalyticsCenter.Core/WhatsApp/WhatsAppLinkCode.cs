namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>
/// A WhatsApp-link campaign: a link (<c>wa.me/NUMBER?text=...</c>) whose prefilled text carries <paramref name="Code"/>.
/// A text message containing the code (ignoring case) is attributed to the campaign.
/// </summary>
/// <param name="Code">The text the link prefills, or a distinctive part of it (<c>[BF26-IG]</c>).</param>
/// <param name="CampaignName">The events' <c>whatsapp_link.campaign_name</c>.</param>
/// <param name="CampaignSource">Where the link was placed (<c>instagram</c>), or null.</param>
public sealed record WhatsAppLinkCode(string Code, string CampaignName, string? CampaignSource);
