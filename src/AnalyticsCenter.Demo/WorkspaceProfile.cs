using System.Text.Json;

namespace AnalyticsCenter.Demo;

/// <summary>
/// One workspace (tenant): its lines, audience by country, ads and posts, WhatsApp links, campaigns and agents,
/// the users it has met so far, and its id counters.
/// </summary>
internal sealed class WorkspaceProfile
{
    private static readonly string[] s_extraBrands = ["Umbrella", "Hooli", "Vandelay", "Soylent", "Stark", "Wayne", "Cyberdyne", "Wonka", "Tyrell", "Oscorp"];

    // Country weights in the order of PhonePlan.All: CO, MX, US, EC, BR, AR, PE, CL, ES, GT.
    private static readonly double[][] s_audiences =
    [
        [8, 50, 15, 2, 3, 4, 3, 2, 5, 8],
        [55, 6, 5, 18, 1, 2, 7, 2, 3, 1],
        [6, 12, 55, 1, 9, 4, 2, 3, 6, 2],
        [3, 3, 10, 1, 60, 10, 2, 5, 4, 2],
        [5, 5, 5, 2, 8, 40, 8, 20, 5, 2],
        [10, 10, 8, 5, 5, 8, 5, 5, 40, 4],
    ];

    private static readonly string[] s_monthsEs = ["enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
    private static readonly string[] s_monthsEn = ["January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"];

    private readonly double[] _lineCumulative;
    private readonly double[] _countryCumulative;
    private readonly double[] _referralCumulative;
    private readonly double[] _linkCumulative;
    private readonly double[] _campaignCumulative;
    private readonly List<UserRecord> _users = [];

    private WorkspaceProfile(
        int index, string id, Language language, (string Number, string Name)[] lines, int audience, string[] agents, Rng rng, DateTimeOffset end)
    {
        Index = index;
        Id = id;
        EncodedId = RawJson.Encode(id);
        Language = language;
        IdStyle = index % 3;
        Salt = rng.NextUInt64();
        Lines = [.. lines.Select(l => RawJson.Object(("number", l.Number), ("display_name", l.Name)))];
        _lineCumulative = Rng.Cumulative([.. lines.Select((_, i) => i == 0 ? 3.0 : 1.0)]);
        _countryCumulative = Rng.Cumulative(s_audiences[audience]);
        Agents = [.. agents.Select(RawJson.Encode)];

        var (referrals, referralWeights) = BuildReferrals(id, language, rng);
        Referrals = referrals;
        _referralCumulative = Rng.Cumulative(referralWeights);

        var year = (end.Year % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        var month = end.Month - 1;
        (string Name, string Source, double Weight)[] links =
        [
            ("bf-" + year, "instagram", 30),
            (language == Language.English ? "promo-" + s_monthsEn[month].ToLowerInvariant() : "promo-" + s_monthsEs[month], "facebook", 20),
            ("brand-search", "google", 15),
            ("reto-" + year, "tiktok", 12),
            ("bio-link", "instagram", 15),
            ("retargeting", "facebook", 8),
        ];
        Links = [.. links.Select(l => RawJson.Object(("campaign_name", l.Name), ("campaign_source", l.Source)))];
        _linkCumulative = Rng.Cumulative([.. links.Select(l => l.Weight)]);

        (string Spanish, string English, int Flow, double Failure, double Weight)[] campaigns =
        [
            ("Promo " + s_monthsEs[month], s_monthsEn[month] + " Promo", FlowCatalog.Promo, 0.10, 35),
            ("Recordatorio de pago", "Payment reminder", FlowCatalog.Billing, 0.07, 20),
            ("Reactivación clientes", "Win-back", FlowCatalog.Promo, 0.24, 15),
            ("Encuesta de satisfacción", "Satisfaction survey", FlowCatalog.Survey, 0.09, 15),
            ("Lanzamiento nuevo catálogo", "New catalog launch", FlowCatalog.Sales, 0.13, 15),
        ];
        Campaigns = [.. campaigns.Select((c, i) => new Campaign(
            RawJson.Object(("name", language == Language.English ? c.English : c.Spanish)), c.Flow, (byte)(i % lines.Length), c.Failure))];
        _campaignCumulative = Rng.Cumulative([.. campaigns.Select(c => c.Weight)]);
    }

    public int Index { get; }

    public string Id { get; }

    public JsonEncodedText EncodedId { get; }

    /// <summary>The language of the workspace's bot, agents and campaigns.</summary>
    public Language Language { get; }

    /// <summary>How event ids look: 0 <c>ev-123</c>, 1 GUID-like, 2 <c>evt_</c> and 16 hex digits.</summary>
    public int IdStyle { get; }

    /// <summary>Mixed into ids so that workspaces do not share them.</summary>
    public ulong Salt { get; }

    /// <summary>Each line as <c>{"number":...,"display_name":...}</c>.</summary>
    public byte[][] Lines { get; }

    /// <summary>Each referral as WhatsApp sends it.</summary>
    public byte[][] Referrals { get; }

    /// <summary>Each WhatsApp-link campaign as <c>{"campaign_name":...,"campaign_source":...}</c>.</summary>
    public byte[][] Links { get; }

    public Campaign[] Campaigns { get; }

    public JsonEncodedText[] Agents { get; }

    public IReadOnlyList<UserRecord> Users => _users;

    public long NextEvent { get; set; } = 1;

    public long NextMessage { get; set; } = 1;

    public long NextDeployment { get; set; } = 1;

    public static WorkspaceProfile Create(int index, int seed, DateTimeOffset end)
    {
        var rng = new Rng(((ulong)(uint)seed << 20) ^ (ulong)index ^ 0x5EED_0000_0000UL);
        return index switch
        {
            0 => new WorkspaceProfile(index, "acme", Language.Spanish,
                [("5215550001111", "Acme Support"), ("5215550002222", "Acme Ventas")], 0,
                ["agent-ana", "agent-luis", "agent-sofia"], rng, end),
            1 => new WorkspaceProfile(index, "globex", Language.Spanish,
                [("573005550100", "Globex Colombia"), ("573005550200", "Globex Cobranzas"), ("593995550300", "Globex Ecuador")], 1,
                ["agent-camilo", "agent-valeria", "agent-jorge", "agent-paula"], rng, end),
            2 => new WorkspaceProfile(index, "initech", Language.English,
                [("14155550123", "Initech Help")], 2,
                ["agent-mike", "agent-jen", "agent-sam"], rng, end),
            _ => Extra(index, rng, end),
        };
    }

    public byte PickLine(Rng rng) => (byte)rng.Pick(_lineCumulative);

    public int PickReferral(Rng rng) => rng.Pick(_referralCumulative);

    public int PickLink(Rng rng) => rng.Pick(_linkCumulative);

    public int PickCampaign(Rng rng) => rng.Pick(_campaignCumulative);

    /// <summary>A user never seen before, remembered from now on.</summary>
    public UserRecord NewUser(Rng rng)
    {
        var planIndex = rng.Pick(_countryCumulative);
        var plan = PhonePlan.All[planIndex];
        var language = plan.Language;
        if (language == Language.English && rng.Chance(0.35))
        {
            language = Language.Spanish;
        }

        var user = new UserRecord(plan.Next(rng), PickLine(rng), language, (byte)planIndex);
        _users.Add(user);
        return user;
    }

    /// <summary>A user met before: mostly recent ones, so that returns within days are common.</summary>
    public UserRecord ReturningUser(Rng rng)
    {
        var count = _users.Count;
        if (rng.Chance(0.3))
        {
            return _users[rng.Next(count)];
        }

        var back = (int)(count * Math.Pow(rng.NextDouble(), 3));
        return _users[count - 1 - back];
    }

    private static WorkspaceProfile Extra(int index, Rng rng, DateTimeOffset end)
    {
        var number = index + 1;
        var brand = s_extraBrands[(number - 4) % s_extraBrands.Length];
        if (number - 4 >= s_extraBrands.Length)
        {
            brand += " " + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var audience = (number - 1) % s_audiences.Length;
        var countryCode = audience switch
        {
            0 => "521",
            1 => "57",
            2 => "1",
            3 => "55",
            4 => "549",
            _ => "34",
        };
        var language = audience == 2 ? Language.English : Language.Spanish;
        var lineCount = 1 + (number % 3);
        string[] suffixes = language == Language.English ? ["Support", "Sales", "Billing"] : ["Soporte", "Ventas", "Pagos"];
        var lines = new (string, string)[lineCount];
        for (var i = 0; i < lineCount; i++)
        {
            var digits = (number * 10 + i + 1).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            lines[i] = (countryCode + "55500" + digits, brand + " " + suffixes[i]);
        }

        return new WorkspaceProfile(index, "ws-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture), language, lines, audience,
            ["agent-1", "agent-2", "agent-3"], rng, end);
    }

    private static (byte[][] Json, double[] Weights) BuildReferrals(string workspace, Language language, Rng rng)
    {
        string[] headlines = language == Language.English
            ? ["Black Friday", "50% off your first order", "Free shipping", "New Pro plan", "Cyber Monday", "Book your appointment"]
            : ["Black Friday", "50% en tu primera compra", "Envío gratis", "Nuevo plan Pro", "Cyber Monday", "Agenda tu cita"];
        string[] bodies = language == Language.English
            ? ["Message us on WhatsApp and get your discount", "Limited time only", "Chat with us now"]
            : ["Escríbenos por WhatsApp y recibe tu descuento", "Solo por tiempo limitado", "Chatea con nosotros ahora"];
        var json = new List<byte[]>();
        var weights = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var isAd = i < 5;
            var isVideo = i % 2 == 1;
            var sourceId = isAd
                ? "1202" + rng.NextLong(100_000_000_000_000L).ToString("D14", System.Globalization.CultureInfo.InvariantCulture)
                : "17" + rng.NextLong(1_000_000_000_000_000L).ToString("D15", System.Globalization.CultureInfo.InvariantCulture);
            var url = isAd
                ? "https://fb.me/" + Token(rng, 9)
                : i % 2 == 0
                    ? "https://www.instagram.com/p/" + Token(rng, 11) + "/"
                    : "https://www.facebook.com/" + workspace + "/posts/" + sourceId;
            var media = "https://scontent.xx.fbcdn.net/v/t45.1600-4/" + sourceId;
            json.Add(RawJson.Object(
                ("source_url", url),
                ("source_type", isAd ? "ad" : "post"),
                ("source_id", sourceId),
                ("headline", headlines[i % headlines.Length]),
                ("body", bodies[i % bodies.Length]),
                ("media_type", isVideo ? "video" : "image"),
                ("image_url", isVideo ? null : media + "_n.jpg"),
                ("video_url", isVideo ? "https://video.xx.fbcdn.net/v/t42.1790-2/" + sourceId + "_n.mp4" : null),
                ("thumbnail_url", media + "_thumb.jpg")));
            weights.Add(1.0 / (i + 1));
        }

        return ([.. json], [.. weights]);
    }

    private static string Token(Rng rng, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, rng, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }
}
