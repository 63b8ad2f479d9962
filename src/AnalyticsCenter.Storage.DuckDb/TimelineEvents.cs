using System.Runtime.InteropServices;
using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// One timeline's events as the store streams them, in <c>occurred_at</c> order, put in the sessionizer's order: events
/// at the same instant by <c>event_id</c>. The store leaves those ties to this because sorting every event on a string
/// costs it far more than sorting the few ties here.
/// </summary>
internal sealed class TimelineEvents
{
    private readonly List<TimelineEvent> _events = [];
    private readonly List<string> _eventIds = [];

    public int Count => _events.Count;

    /// <summary>Adds the next event; its <c>occurred_at</c> is never before the previous one's.</summary>
    public void Add(TimelineEvent e, string eventId)
    {
        _events.Add(e);
        _eventIds.Add(eventId);
    }

    /// <summary>The events in the sessionizer's order, until the next <see cref="Clear"/>.</summary>
    public ReadOnlySpan<TimelineEvent> Ordered()
    {
        var events = CollectionsMarshal.AsSpan(_events);
        var ids = CollectionsMarshal.AsSpan(_eventIds);
        var start = 0;
        for (var i = 1; i <= events.Length; i++)
        {
            if (i == events.Length || events[i].AtMicros != events[start].AtMicros)
            {
                if (i - start > 1)
                {
                    ids[start..i].Sort(events[start..i], EventIdOrder.Instance);
                }

                start = i;
            }
        }

        return events;
    }

    public void Clear()
    {
        _events.Clear();
        _eventIds.Clear();
    }
}
