namespace AnalyticsCenter.Cli.Load;

/// <summary>
/// A clock that stands still until the benchmark moves it on; a timer fires when the clock passes its time. Elapsed times
/// (<see cref="TimeProvider.GetTimestamp"/>) stay real, so what a server times by this clock is timed truly. It lets the
/// freshness benchmark run a server's minute-by-minute schedule as fast as the work allows.
/// </summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock to <paramref name="now"/> and fires every timer that is due by then.</summary>
    public void MoveTo(DateTimeOffset now)
    {
        List<Timer> due;
        lock (_lock)
        {
            _now = now;
            due = _timers.Where(t => t.DueAt <= now).ToList();
            foreach (var timer in due)
            {
                timer.Fired();
            }
        }

        foreach (var timer in due)
        {
            ThreadPool.QueueUserWorkItem(timer.Run);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>A timer of this clock: it runs its callback on the thread pool when the clock passes <see cref="DueAt"/>.</summary>
    private sealed class Timer(SteppedClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool now;
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                now = dueTime == TimeSpan.Zero;
                if (DueAt is not null && !now)
                {
                    clock._timers.Add(this);
                }
            }

            if (now)
            {
                ThreadPool.QueueUserWorkItem(Run);
            }

            return true;
        }

        /// <summary>Called under the clock's lock: the next time a periodic timer is due, or off the clock.</summary>
        public void Fired()
        {
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan && DueAt is { } due)
            {
                DueAt = due + _period;
            }
            else
            {
                DueAt = null;
                clock._timers.Remove(this);
            }
        }

        public void Run(object? _) => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                DueAt = null;
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
