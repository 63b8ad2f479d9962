using PhoneNumbers;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>GET /api/v1/calling-codes</c>: every country calling code with the region (ISO 3166 code) it belongs to, from
/// libphonenumber's numbering plan, so the web tab can name <c>+52</c> "Mexico" (shared codes such as +1 give the main region).
/// </summary>
internal static class CallingCodeEndpoints
{
    private static readonly Lazy<Dictionary<string, string>> s_regions = new(() => PhoneNumberUtil.GetInstance().GetSupportedCallingCodes()
        .Select(code => (Code: "+" + code, Region: PhoneNumberUtil.GetInstance().GetRegionCodeForCountryCode(code)))
        .Where(pair => pair.Region.Length == 2 && pair.Region != "ZZ" && pair.Region != "001")
        .ToDictionary(pair => pair.Code, pair => pair.Region, StringComparer.Ordinal));

    public static void Map(RouteGroupBuilder api) => api.MapGet("/calling-codes", () => TypedResults.Ok(s_regions.Value))
        .WithSummary("Each country calling code (+52) with its region's ISO 3166 code (MX), to name countries");
}
