using PhoneNumbers;

namespace AnalyticsCenter.Core.Events;

/// <summary>
/// Splits WhatsApp numbers (<c>wa_id</c>s) into country code and national number with libphonenumber's real numbering plan.
/// A number is refused when it has no known country code or is too short or too long for any number of that country;
/// legacy forms WhatsApp still sends (Mexico's <c>521…</c>) are kept as given after the country code.
/// Results are cached per distinct number: parsing costs microseconds, and events repeat users.
/// Not thread-safe: one per parsing thread.
/// </summary>
internal sealed class PhoneNumberSplitter
{
    private const int MaxCachedNumbers = 1 << 20;
    private const int MinDigits = 4;
    private const int MaxDigits = 17;
    private const string UnknownRegion = "ZZ";
    private static readonly PhoneNumberUtil s_util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Split numbers by their value: with no leading zero, the value names the digits. A number key hashes and compares in
    /// one step, where a string key walks its characters twice and reads the string from memory again to compare.
    /// </summary>
    private readonly Dictionary<ulong, UserPhone?> _cache = [];
    private readonly Dictionary<int, string> _countryCodes = [];

    /// <summary>Splits digits (already stripped of <c>+</c>, spaces and dashes); null when not a valid number.</summary>
    public UserPhone? Split(ReadOnlySpan<char> digits)
    {
        // No country code begins with 0, and a number of fewer than 4 or more than 17 digits is refused without a
        // lookup (E.164 numbers have at most 15; the margin leaves the judgement to the numbering plan).
        if (digits.Length is < MinDigits or > MaxDigits || digits[0] == '0')
        {
            return null;
        }

        var key = ulong.Parse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var split = SplitUncached(digits.ToString());
        if (_cache.Count < MaxCachedNumbers)
        {
            _cache[key] = split;
        }

        return split;
    }

    private UserPhone? SplitUncached(string digits)
    {
        // Country codes are prefix-free (ITU E.164), so the first known 1-, 2- or 3-digit prefix is the code: the
        // library's own extraction, without its per-region parsing regexes (they thrash its cache when countries mix).
        for (var length = 1; length <= 3; length++)
        {
            var countryCode = int.Parse(digits.AsSpan(0, length), System.Globalization.CultureInfo.InvariantCulture);
            if (s_util.GetRegionCodeForCountryCode(countryCode) == UnknownRegion)
            {
                continue;
            }

            var national = digits[length..];
            var builder = new PhoneNumber.Builder()
                .SetCountryCode(countryCode)
                .SetNationalNumber(ulong.Parse(national, System.Globalization.CultureInfo.InvariantCulture));
            var leadingZeros = national.Length - national.TrimStart('0').Length;
            if (leadingZeros > 0)
            {
                builder.SetNumberOfLeadingZeros(leadingZeros);
            }

            var number = builder.Build();
            if (!IsPossible(number) && !IsLegacyMexicanMobile(number))
            {
                return null;
            }

            if (!_countryCodes.TryGetValue(countryCode, out var code))
            {
                code = "+" + countryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _countryCodes[countryCode] = code;
            }

            return new UserPhone(code, national);
        }

        return null;
    }

    private static bool IsPossible(PhoneNumber number) =>
        s_util.IsPossibleNumberWithReason(number) is PhoneNumberUtil.ValidationResult.IS_POSSIBLE or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY;

    /// <summary>
    /// WhatsApp still names many Mexican mobiles 521 + ten digits (the "1" Mexico dropped in 2019), as the event
    /// contract's own example does; today's plan calls that too long, so it is checked without the "1" and kept as sent.
    /// </summary>
    private static bool IsLegacyMexicanMobile(PhoneNumber number)
    {
        const long LegacyPrefix = 10_000_000_000;
        if (number.CountryCode != 52 || number.NationalNumber / LegacyPrefix != 1)
        {
            return false;
        }

        var modern = new PhoneNumber.Builder().SetCountryCode(52).SetNationalNumber(number.NationalNumber % LegacyPrefix).Build();
        return IsPossible(modern);
    }

}
