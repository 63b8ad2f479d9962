namespace AnalyticsCenter.Demo;

/// <summary>
/// One run of the generator. Time moves forward: visits (a user writing in) and campaign blasts (deployments)
/// are started in time order at the instants an <see cref="IntensityCurve"/> gives, each plays out a user's
/// story as events, and the events wait in a priority queue until nothing earlier can come any more, then are
/// written. The queue only holds the events of stories still playing, so memory stays bounded whatever the count.
/// </summary>
internal sealed class Simulation
{
    private const long Second = 1000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;
    private const long NoKey = long.MinValue;

    private const double LateChance = 0.003;
    private const double DuplicateChance = 0.003;
    private const double BadChance = 0.002;
    private const double StatusFirstChance = 0.03;

    // Weights by MessageKind: Text, Image, Audio, Video, Sticker, Document, Location, Contacts, Interactive, Button, Reaction, Unknown.
    private static readonly double[] s_firstKinds = Rng.Cumulative(72, 6, 7, 2, 3, 2, 2, 1, 1, 2, 1, 1);
    private static readonly double[] s_freeKinds = Rng.Cumulative(84, 3, 5, 1, 3, 1, 1, 0.3, 0, 0, 1.5, 0.2);

    // Relative traffic by local hour (UTC-5), midnight first.
    private static readonly double[] s_visitHours =
        [0.35, 0.2, 0.12, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.1, 1.25, 1.3, 1.2, 1.1, 1.15, 1.2, 1.2, 1.15, 1.1, 1.15, 1.25, 1.15, 0.9, 0.6];

    private static readonly double[] s_blastHours =
        [0, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.8, 1.5, 1.0, 0.6, 0.5, 0.8, 1.4, 1.0, 0.7, 0.4, 0.2, 0, 0, 0, 0];

    private readonly DemoOptions _options;
    private readonly Rng _rng;
    private readonly WorkspaceProfile[] _workspaces;
    private readonly double[] _workspaceCumulative;
    private readonly long _start;
    private readonly long _end;
    private readonly long _firstSecond;
    private readonly long _lastSecond;
    private readonly bool _defects;
    private readonly int _blastMean;
    private readonly PriorityQueue<int, EventKey> _queue = new();
    private readonly Stack<int> _free = new();
    private readonly Cursor _cursor = new();
    private DemoEvent[] _slots = new DemoEvent[4096];
    private int _slotCount;
    private long _sequence;
    private long _lines;
    private long _badLines;
    private long _duplicateLines;
    private long _episodeLines;
    private EventRenderer? _renderer;

    public Simulation(DemoOptions options)
    {
        _options = options;
        _rng = new Rng((ulong)(uint)options.Seed * 0x2545F4914F6CDD1DUL + 0x1234_5678UL);
        _workspaces = new WorkspaceProfile[options.Workspaces];
        var weights = new double[options.Workspaces];
        for (var i = 0; i < _workspaces.Length; i++)
        {
            _workspaces[i] = WorkspaceProfile.Create(i, options.Seed, options.End);
            weights[i] = 1.0 / (1.0 + (0.6 * i));
        }

        _workspaceCumulative = Rng.Cumulative(weights);
        _end = options.End.ToUnixTimeMilliseconds();
        var startTicks = options.End.UtcTicks - options.Period.Ticks - DateTimeOffset.UnixEpoch.UtcTicks;
        _start = (startTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        _firstSecond = (_start + Second - 1) / Second * Second;
        _lastSecond = Math.Max(_firstSecond, _end / Second * Second);
        _defects = options.IncludeDefects;
        _blastMean = (int)Math.Clamp(options.Events / 5000, 1, 300);
    }

    public IReadOnlyList<string> WorkspaceIds => [.. _workspaces.Select(w => w.Id)];

    public DemoSummary Run(Stream output)
    {
        using var renderer = new EventRenderer(output, _workspaces);
        _renderer = renderer;
        var target = _options.Events;
        if (target > 0)
        {
            var visitCurve = new IntensityCurve(_firstSecond, _lastSecond, VisitDensity);
            var blastCurve = new IntensityCurve(_firstSecond, _lastSecond, BlastDensity);
            var blastBudget = (long)(target * _options.OutboundShare);
            var visitBudget = target - blastBudget;
            long visitLines = 0;
            long blastLines = 0;
            while (true)
            {
                var nextVisit = visitLines < visitBudget ? visitCurve.At((double)visitLines / visitBudget) : long.MaxValue;
                var nextBlast = blastLines < blastBudget ? blastCurve.At((double)blastLines / blastBudget) : long.MaxValue;
                if (nextVisit == long.MaxValue && nextBlast == long.MaxValue)
                {
                    break;
                }

                _episodeLines = 0;
                if (nextVisit <= nextBlast)
                {
                    // Nothing that comes later starts before nextVisit: everything queued up to it can be written.
                    WriteUpTo(nextVisit);
                    Visit(Jitter(nextVisit, 45));
                    visitLines += Math.Max(1, _episodeLines);
                }
                else
                {
                    WriteUpTo(nextBlast);
                    Blast(Jitter(nextBlast, 120));
                    blastLines += Math.Max(1, _episodeLines);
                }
            }
        }

        WriteUpTo(long.MaxValue);
        renderer.Flush();
        _renderer = null;
        return new DemoSummary(_lines, _lines - _badLines - _duplicateLines, _badLines, _duplicateLines, WorkspaceIds);
    }

    private long Jitter(long instant, int maxSeconds) => Math.Min(instant + (_rng.Next(maxSeconds + 1) * Second), _lastSecond);

    private double VisitDensity(long instant)
    {
        var local = instant - (5 * Hour);
        var day = Math.DivRem(local, Day, out var within);
        if (within < 0)
        {
            day--;
            within += Day;
        }

        var weekday = (int)(((day + 4) % 7 + 7) % 7); // 1970-01-01 was a Thursday; Sunday is 0.
        var weekdayFactor = weekday switch
        {
            0 => 0.65,
            6 => 0.8,
            _ => 1.0,
        };
        var noise = 0.8 + (0.4 * (Rng.Mix((ulong)day ^ ((ulong)(uint)_options.Seed << 32)) >> 11) * (1.0 / (1UL << 53)));
        var trend = 1.0 + (0.25 * (instant - _firstSecond) / Math.Max(1, _lastSecond - _firstSecond));
        return s_visitHours[within / Hour] * weekdayFactor * noise * trend;
    }

    private double BlastDensity(long instant)
    {
        var local = instant - (5 * Hour);
        var day = Math.DivRem(local, Day, out var within);
        if (within < 0)
        {
            day--;
            within += Day;
        }

        var weekday = (int)(((day + 4) % 7 + 7) % 7);
        var hour = (int)(within / Hour);
        return weekday switch
        {
            0 => 0,
            6 => hour is >= 10 and <= 12 ? 0.4 : 0,
            _ => s_blastHours[hour],
        };
    }

    private WorkspaceProfile PickWorkspace() => _workspaces[_rng.Pick(_workspaceCumulative)];

    // ---------------------------------------------------------------- inbound visits

    private void Visit(long start)
    {
        var ws = PickWorkspace();
        var user = ws.Users.Count > 0 && _rng.Chance(0.42) ? ws.ReturningUser(_rng) : ws.NewUser(_rng);
        var c = _cursor;
        c.Workspace = ws;
        c.User = user;
        c.Line = _rng.Chance(0.9) ? user.Line : ws.PickLine(_rng);
        c.Time = start;

        sbyte referral = -1;
        sbyte link = -1;
        int flow;
        var roll = _rng.NextDouble();
        if (roll < 0.16)
        {
            referral = (sbyte)ws.PickReferral(_rng);
            flow = Pick3(FlowCatalog.Sales, 0.5, FlowCatalog.Promo, 0.3, FlowCatalog.Welcome);
        }
        else if (roll < 0.27)
        {
            link = (sbyte)ws.PickLink(_rng);
            flow = Pick3(FlowCatalog.Welcome, 0.5, FlowCatalog.Sales, 0.4, FlowCatalog.Promo);
        }
        else
        {
            var f = _rng.NextDouble();
            flow = f switch
            {
                < 0.48 => FlowCatalog.Welcome,
                < 0.68 => FlowCatalog.Sales,
                < 0.93 => FlowCatalog.Support,
                < 0.95 => FlowCatalog.Billing,
                _ => -1,
            };
        }

        var kind = (MessageKind)_rng.Pick(s_firstKinds);
        var old = IsOld(flow, c.Time);
        EmitInbound(c, kind, TextBank.Pick(TextBank.First, user.Language, _rng), flow, old, referral, link);
        if (flow < 0)
        {
            // A line without a bot for this user: straight to the agents, or nobody answers.
            if (_rng.Chance(0.7))
            {
                Agents(c, -1, false);
            }
        }
        else
        {
            RunFlow(c, flow, 0);
        }

        if (_rng.Chance(0.08))
        {
            // The same user writes again hours later: a new session after the inactivity timeout.
            c.Time += (2 * Hour) + (_rng.NextLong(28 * 3600) * Second);
            var again = _rng.Chance(0.6) ? FlowCatalog.Welcome : FlowCatalog.Support;
            EmitInbound(c, MessageKind.Text, TextBank.Pick(TextBank.First, user.Language, _rng), again, IsOld(again, c.Time), -1, -1);
            RunFlow(c, again, 1);
        }
    }

    private int Pick3(int first, double firstChance, int second, double secondChance, int third)
    {
        var x = _rng.NextDouble();
        return x < firstChance ? first : x < firstChance + secondChance ? second : third;
    }

    private bool IsOld(int flow, long instant)
    {
        if (flow < 0)
        {
            return false;
        }

        var f = FlowCatalog.All[flow];
        return f.OldUntil > 0 && instant < _firstSecond + (long)(f.OldUntil * (_lastSecond - _firstSecond));
    }

    /// <summary>Plays a flow node by node until the user drops off, is handed to an agent or redirected, or the flow ends.</summary>
    private void RunFlow(Cursor c, int flowIndex, int depth)
    {
        var flow = FlowCatalog.All[flowIndex];
        var old = IsOld(flowIndex, c.Time);
        for (var i = 0; i < flow.Nodes.Length; i++)
        {
            var node = flow.Nodes[i];
            c.Time += _rng.Between(1, 3) * Second;
            var reached = NewEvent(c, EventType.NodeReached);
            reached.Flow = (sbyte)flowIndex;
            reached.Node = (sbyte)i;
            reached.OldVersion = old;
            Emit(ref reached);

            c.Time += _rng.Between(1, 2) * Second;
            var prompt = NewEvent(c, EventType.MessageOutbound);
            prompt.Kind = node.BotKind;
            prompt.Text = TextBank.BotPrompt;
            prompt.Flow = (sbyte)flowIndex;
            prompt.Node = (sbyte)i;
            prompt.Number = c.Workspace.NextMessage++;
            Emit(ref prompt);

            if (node.Handoff > 0 && _rng.Chance(node.Handoff))
            {
                Agents(c, flowIndex, old);
                return;
            }

            if (node.RedirectTo.Length > 0 && depth < 2 && _rng.Chance(node.RedirectChance))
            {
                var target = node.RedirectTo[_rng.Next(node.RedirectTo.Length)];
                c.Time += _rng.Between(1, 2) * Second;
                var redirect = NewEvent(c, EventType.FlowRedirected);
                redirect.Node = (sbyte)target;
                redirect.OldVersion = IsOld(target, c.Time);
                Emit(ref redirect);
                RunFlow(c, target, depth + 1);
                return;
            }

            if (_rng.Chance(0.012))
            {
                c.Time += _rng.Between(5, 900) * Second;
                var overwritten = NewEvent(c, EventType.FlowOverwritten);
                Emit(ref overwritten);
                return;
            }

            if (i == flow.Nodes.Length - 1)
            {
                if (_rng.Chance(node.Rating))
                {
                    Rating(c, flowIndex, old);
                }

                return;
            }

            if (!_rng.Chance(node.Proceed))
            {
                return;
            }

            c.Time += ReplyDelay();
            Reply(c, node.Reply, flowIndex, old);
        }
    }

    /// <summary>A human agent takes over: a few messages both ways, then a close, a rating, or silence.</summary>
    private void Agents(Cursor c, int flow, bool old)
    {
        c.Time += _rng.Chance(0.1) ? _rng.Between(20, 120) * Minute : _rng.Between(10, 300) * Second;
        var agent = (sbyte)(_rng.Chance(0.93) ? _rng.Next(c.Workspace.Agents.Length) : -1);
        var assigned = NewEvent(c, EventType.AgentAssigned);
        assigned.Agent = agent;
        Emit(ref assigned);

        var exchanges = _rng.Between(1, 5);
        for (var k = 0; k < exchanges; k++)
        {
            c.Time += _rng.Between(20, 240) * Second;
            var said = NewEvent(c, EventType.MessageOutbound);
            said.ByAgent = true;
            said.Agent = agent;
            said.Kind = _rng.Chance(0.95) ? MessageKind.Text : MessageKind.Document;
            said.Text = TextBank.Pick(TextBank.FromAgent, c.Workspace.Language, _rng);
            said.Number = c.Workspace.NextMessage++;
            Emit(ref said);
            if (!_rng.Chance(0.78))
            {
                break;
            }

            c.Time += ReplyDelay();
            var kind = _rng.Chance(0.85) ? MessageKind.Text : (MessageKind)_rng.Pick(s_freeKinds);
            EmitInbound(c, kind, TextBank.Pick(TextBank.ToAgent, c.User.Language, _rng), flow, old, -1, -1);
        }

        var end = _rng.NextDouble();
        if (end < 0.5)
        {
            Close(c, agent);
        }
        else if (end < 0.8)
        {
            Rating(c, flow, old);
            if (_rng.Chance(0.55))
            {
                Close(c, agent);
            }
        }
    }

    private void Close(Cursor c, sbyte agent)
    {
        c.Time += _rng.Between(30, 600) * Second;
        var closed = NewEvent(c, EventType.AgentClosed);
        closed.Agent = agent;
        Emit(ref closed);
    }

    private void Rating(Cursor c, int flow, bool old)
    {
        c.Time += _rng.Between(2, 30) * Second;
        var requested = NewEvent(c, EventType.RatingRequested);
        Emit(ref requested);
        if (_rng.Chance(0.6))
        {
            c.Time += _rng.Between(10, 300) * Second;
            Reply(c, ReplyStyle.Rating, flow, old);
        }
    }

    private long ReplyDelay()
    {
        var r = _rng.NextDouble();
        if (r < 0.05)
        {
            // Longer than the inactivity timeout: the reply starts a new session.
            return _rng.Between(61, 300) * Minute;
        }

        if (r < 0.12)
        {
            return _rng.Between(5, 55) * Minute;
        }

        return Math.Clamp((long)_rng.LogNormal(20, 0.9), 2, 600) * Second;
    }

    private void Reply(Cursor c, ReplyStyle style, int flow, bool old)
    {
        var language = c.User.Language;
        MessageKind kind;
        short text;
        switch (style)
        {
            case ReplyStyle.Button:
                kind = _rng.Chance(0.8) ? MessageKind.Button : MessageKind.Text;
                text = TextBank.Pick(TextBank.Reply, language, _rng);
                break;
            case ReplyStyle.Interactive:
                kind = _rng.Chance(0.75) ? MessageKind.Interactive : MessageKind.Text;
                text = TextBank.Pick(TextBank.Reply, language, _rng);
                break;
            case ReplyStyle.Name:
                kind = _rng.Chance(0.95) ? MessageKind.Text : MessageKind.Audio;
                text = TextBank.Pick(TextBank.Name, language, _rng);
                break;
            case ReplyStyle.Email:
                kind = _rng.Chance(0.96) ? MessageKind.Text : MessageKind.Audio;
                text = TextBank.Email;
                break;
            case ReplyStyle.City:
                kind = _rng.Chance(0.9) ? MessageKind.Text : MessageKind.Location;
                text = TextBank.Pick(TextBank.City, language, _rng);
                break;
            case ReplyStyle.OrderNumber:
                kind = _rng.Chance(0.93) ? MessageKind.Text : MessageKind.Image;
                text = TextBank.OrderNumber;
                break;
            case ReplyStyle.Rating:
                kind = _rng.Chance(0.6) ? MessageKind.Button : MessageKind.Text;
                text = TextBank.Pick(TextBank.Rating, language, _rng);
                break;
            case ReplyStyle.Free:
            default:
                kind = (MessageKind)_rng.Pick(s_freeKinds);
                text = TextBank.Pick(TextBank.Reply, language, _rng);
                break;
        }

        EmitInbound(c, kind, text, flow, old, -1, -1);
    }

    // ---------------------------------------------------------------- outbound campaigns

    /// <summary>A campaign sent to a batch of users within a few minutes.</summary>
    private void Blast(long start)
    {
        var ws = PickWorkspace();
        var campaignIndex = ws.PickCampaign(_rng);
        var campaign = ws.Campaigns[campaignIndex];
        var size = Math.Max(1, (int)(_blastMean * (0.4 + (1.2 * _rng.NextDouble()))));
        var at = start;
        for (var k = 0; k < size && at <= _lastSecond; k++)
        {
            var user = ws.Users.Count > 20 && _rng.Chance(0.6) ? ws.Users[_rng.Next(ws.Users.Count)] : ws.NewUser(_rng);
            Deployment(ws, campaignIndex, campaign, user, at);
            at += _rng.Next(3) * Second;
        }
    }

    private void Deployment(WorkspaceProfile ws, int campaignIndex, Campaign campaign, UserRecord user, long created)
    {
        var c = _cursor;
        c.Workspace = ws;
        c.User = user;
        c.Line = campaign.Line;
        c.Time = created;
        var number = ws.NextDeployment++;

        // Failures are not uniform: some campaigns and some countries fail more.
        var plan = PhonePlan.All[user.Plan];
        var failure = campaign.FailureRate * (plan == PhonePlan.UnitedStates ? 1.6 : plan == PhonePlan.Brazil ? 1.3 : 1.0);
        var roll = _rng.NextDouble();
        var failed = roll < failure;
        var pending = !failed && roll < failure + 0.02;

        long sent = -1;
        long delivered = -1;
        long read = -1;
        long failedAt = -1;
        if (failed)
        {
            if (_rng.Chance(0.6))
            {
                sent = created + (_rng.Between(1, 4) * Second);
            }

            failedAt = Math.Max(created, sent) + (_rng.Between(1, 90) * Second);
        }
        else if (pending)
        {
            if (_rng.Chance(0.5))
            {
                sent = created + (_rng.Between(1, 4) * Second);
            }
        }
        else if (_rng.Chance(0.06))
        {
            // WhatsApp sometimes reports read without ever reporting delivered.
            if (_rng.Chance(0.5))
            {
                sent = created + (_rng.Between(1, 4) * Second);
            }

            read = Math.Max(created, sent) + (_rng.Between(5, 3600) * Second);
        }
        else
        {
            if (_rng.Chance(0.93))
            {
                sent = created + (_rng.Between(1, 4) * Second);
            }

            delivered = Math.Max(created, sent) + (_rng.Chance(0.95) ? _rng.Between(1, 25) * Second : _rng.Between(2, 40) * Minute);
            if (_rng.Chance(0.58))
            {
                read = delivered + (Math.Clamp((long)_rng.LogNormal(360, 1.5), 3, 20 * 3600) * Second);
            }
        }

        var first = FirstOf(sent, delivered, read, failedAt);
        var createdKey = NoKey;
        if (_defects && first >= 0 && first <= _end && _rng.Chance(StatusFirstChance))
        {
            // The webhook of the first status arrives before the deployment is known.
            createdKey = first + 1;
        }

        var ev = NewEvent(c, EventType.DeploymentCreated);
        ev.Number = number;
        ev.Flow = (sbyte)campaign.Flow;
        ev.OldVersion = IsOld(campaign.Flow, created);
        ev.Campaign = (sbyte)(_rng.Chance(0.9) ? campaignIndex : -1);
        ev.HasMessageId = _rng.Chance(0.7);
        Emit(ref ev, createdKey);

        Status(c, number, sent, DeliveryStatus.Sent);
        Status(c, number, delivered, DeliveryStatus.Delivered);
        Status(c, number, read, DeliveryStatus.Read);
        Status(c, number, failedAt, DeliveryStatus.Failed);

        var reached = delivered >= 0 ? delivered : read;
        if (reached < 0)
        {
            return;
        }

        var replies = read >= 0 ? _rng.Chance(0.55) : _rng.Chance(0.08);
        if (!replies)
        {
            return;
        }

        // The user answers the campaign: the reply continues the OUTBOUND session the delivery started.
        c.Time = Math.Max(reached, read) + (_rng.Chance(0.95)
            ? Math.Clamp((long)_rng.LogNormal(40, 1.2), 2, 3 * 3600) * Second
            : _rng.Between(61, 600) * Minute);
        var kind = _rng.Chance(0.7) ? MessageKind.Text : MessageKind.Button;
        var old = IsOld(campaign.Flow, c.Time);
        EmitInbound(c, kind, TextBank.Pick(TextBank.CampaignReply, user.Language, _rng), campaign.Flow, old, -1, -1);
        RunFlow(c, campaign.Flow, 0);
    }

    private static long FirstOf(long a, long b, long c, long d)
    {
        var first = long.MaxValue;
        foreach (var x in (ReadOnlySpan<long>)[a, b, c, d])
        {
            if (x >= 0 && x < first)
            {
                first = x;
            }
        }

        return first == long.MaxValue ? -1 : first;
    }

    private void Status(Cursor c, long number, long at, DeliveryStatus status)
    {
        if (at < 0)
        {
            return;
        }

        var ev = NewEvent(c, EventType.DeploymentStatus);
        ev.Time = at;
        ev.Phone = 0;
        ev.Line = 0;
        ev.Number = number;
        ev.Status = status;
        if (status == DeliveryStatus.Failed)
        {
            ev.Error = _rng.Chance(0.99) ? DeploymentErrors.Pick(_rng) : (sbyte)-1;
        }

        Emit(ref ev);
    }

    // ---------------------------------------------------------------- events

    private static DemoEvent NewEvent(Cursor c, EventType type) => new()
    {
        Time = c.Time,
        Workspace = c.Workspace.Index,
        Type = type,
        Line = c.Line,
        Phone = c.User.Phone,
        Flow = -1,
        Node = -1,
        Text = TextBank.None,
        Referral = -1,
        Link = -1,
        Agent = -1,
        Campaign = -1,
        Error = -1,
    };

    private void EmitInbound(Cursor c, MessageKind kind, short text, int flow, bool old, sbyte referral, sbyte link)
    {
        var ev = NewEvent(c, EventType.MessageInbound);
        ev.Kind = kind;
        ev.Text = kind == MessageKind.Text ? text : TextBank.None;
        ev.Flow = (sbyte)flow;
        ev.OldVersion = old;
        ev.Referral = referral;
        ev.Link = link;
        ev.Number = c.Workspace.NextMessage++;
        Emit(ref ev);
    }

    /// <summary>
    /// Gives the event its id and spelling, and queues it (or drops it when it falls after the period's end);
    /// with defects on, it may also be queued late, duplicated, or followed by a spoiled copy.
    /// </summary>
    private void Emit(ref DemoEvent ev, long writeKey = NoKey)
    {
        if (ev.Time > _end)
        {
            return;
        }

        var ws = _workspaces[ev.Workspace];
        ev.Id = ws.NextEvent++;
        var style = _rng.Next(100);
        if (style < 4)
        {
            var fraction = _rng.Between(1, 999);
            if (ev.Time + fraction <= _end)
            {
                ev.Time += fraction;
                ev.Style = TimeStyle.UtcFraction;
            }
        }
        else if (style < 7)
        {
            ev.Style = (TimeStyle)((int)TimeStyle.MinusFive + _rng.Next(4));
        }

        ev.PhonePlus = ev.Phone != 0 && _rng.Next(100) < 3;
        var key = writeKey == NoKey ? ev.Time : writeKey;
        _lines++;
        _episodeLines++;
        if (!_defects)
        {
            Push(in ev, key);
            return;
        }

        if (_rng.Chance(LateChance))
        {
            key = ev.Time + (10 * Minute) + _rng.NextLong(12 * Hour);
        }

        Push(in ev, key);
        if (_rng.Chance(DuplicateChance))
        {
            Push(in ev, _rng.Chance(0.5) ? key : key + Minute + _rng.NextLong(3 * Hour));
            _duplicateLines++;
            _lines++;
            _episodeLines++;
        }

        if (_rng.Chance(BadChance))
        {
            var bad = ev;
            bad.Id = ws.NextEvent++;
            bad.Style = TimeStyle.Utc;
            bad.Defect = PickDefect(ev.Type);
            Push(in bad, key);
            _badLines++;
            _lines++;
            _episodeLines++;
        }
    }

    private Defect PickDefect(EventType type)
    {
        var hasUser = type != EventType.DeploymentStatus;
        var r = _rng.Next(100);
        if (r < 25)
        {
            return Defect.InvalidJson;
        }

        if (r < 45)
        {
            return Defect.NoOffset;
        }

        if (r < 60)
        {
            return Defect.UnknownType;
        }

        if (r < 75 && hasUser)
        {
            return Defect.BadPhone;
        }

        var missing = _rng.Next(hasUser ? 6 : 5);
        return missing switch
        {
            0 => Defect.MissingEventId,
            1 => Defect.MissingType,
            2 => Defect.MissingOccurredAt,
            3 => Defect.MissingWorkspaceId,
            4 => hasUser ? Defect.MissingUser : Defect.MissingDeploymentId,
            _ => type is EventType.DeploymentCreated ? Defect.MissingDeploymentId : Defect.MissingLine,
        };
    }

    private void Push(in DemoEvent ev, long key)
    {
        int slot;
        if (_free.Count > 0)
        {
            slot = _free.Pop();
        }
        else
        {
            if (_slotCount == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            slot = _slotCount++;
        }

        _slots[slot] = ev;
        _queue.Enqueue(slot, new EventKey(key, _sequence++));
    }

    /// <summary>Writes every queued event whose turn is at or before <paramref name="watermark"/>.</summary>
    private void WriteUpTo(long watermark)
    {
        var renderer = _renderer!;
        while (_queue.TryPeek(out var slot, out var key) && key.Time <= watermark)
        {
            _queue.Dequeue();
            renderer.Write(in _slots[slot]);
            _free.Push(slot);
        }
    }
}
