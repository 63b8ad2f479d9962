namespace AnalyticsCenter.Demo;

/// <summary>
/// How valid WhatsApp numbers (wa_id: country code then national number, digits only) look in one country.
/// The prefixes were chosen so that every number generated is valid by the international numbering plan
/// (libphonenumber agrees; the tests check it).
/// </summary>
internal sealed class PhonePlan
{
    private static readonly ulong[] s_powersOfTen = BuildPowers();

    private readonly string[] _prefixes;
    private readonly ulong _countryBase;

    private PhonePlan(string iso, int countryCode, int nationalLength, Language language, bool nanp, params string[] prefixes)
    {
        Iso = iso;
        CountryCode = countryCode;
        NationalLength = nationalLength;
        Language = language;
        Nanp = nanp;
        _prefixes = prefixes;
        _countryBase = (ulong)countryCode * s_powersOfTen[nationalLength];
    }

    public string Iso { get; }

    public int CountryCode { get; }

    /// <summary>Digits after the country code (for Argentina the mobile '9' counts here).</summary>
    public int NationalLength { get; }

    public Language Language { get; }

    /// <summary>North American numbering plan: the exchange (digits 4-6) must not start with 0 or 1.</summary>
    private bool Nanp { get; }

    public static PhonePlan Colombia { get; } = new("CO", 57, 10, Language.Spanish, false,
        "300", "301", "302", "304", "305", "310", "311", "312", "313", "314", "315", "316", "317", "318", "319",
        "320", "321", "322", "323", "350", "351");

    public static PhonePlan Mexico { get; } = new("MX", 52, 10, Language.Spanish, false,
        "55", "55", "55", "33", "33", "81", "81", "222", "442", "477", "614", "656", "664", "998");

    public static PhonePlan UnitedStates { get; } = new("US", 1, 10, Language.English, true,
        "415", "212", "305", "646", "718", "312", "213", "617", "202", "713", "786", "469", "347", "917", "408",
        "650", "702", "416", "604", "514");

    public static PhonePlan Ecuador { get; } = new("EC", 593, 9, Language.Spanish, false,
        "99", "99", "98", "990", "991", "995", "984", "987");

    public static PhonePlan Brazil { get; } = new("BR", 55, 11, Language.Portuguese, false,
        "119", "119", "219", "319", "419", "519", "619", "719", "819", "859", "199", "479", "279", "629");

    public static PhonePlan Argentina { get; } = new("AR", 549, 10, Language.Spanish, false,
        "112", "113", "114", "115", "116", "117", "118", "110", "3512", "3513", "3515", "3415", "3416", "2614",
        "2615", "2214");

    public static PhonePlan Peru { get; } = new("PE", 51, 9, Language.Spanish, false, "9");

    public static PhonePlan Chile { get; } = new("CL", 56, 9, Language.Spanish, false, "92", "94", "95", "98");

    public static PhonePlan Spain { get; } = new("ES", 34, 9, Language.Spanish, false, "6");

    public static PhonePlan Guatemala { get; } = new("GT", 502, 8, Language.Spanish, false, "5", "5", "4", "3");

    /// <summary>All plans; a workspace profile weighs them by this order.</summary>
    public static IReadOnlyList<PhonePlan> All { get; } =
        [Colombia, Mexico, UnitedStates, Ecuador, Brazil, Argentina, Peru, Chile, Spain, Guatemala];

    /// <summary>A random valid number, as digits with the country code.</summary>
    public ulong Next(Rng rng)
    {
        var prefix = _prefixes[rng.Next(_prefixes.Length)];
        ulong national = 0;
        foreach (var c in prefix)
        {
            national = (national * 10) + (ulong)(c - '0');
        }

        var remaining = NationalLength - prefix.Length;
        if (Nanp)
        {
            national = (national * 10) + (ulong)rng.Between(2, 9);
            remaining--;
        }

        national = (national * s_powersOfTen[remaining]) + (ulong)rng.NextLong((long)s_powersOfTen[remaining]);
        return _countryBase + national;
    }

    private static ulong[] BuildPowers()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
