namespace AnalyticsCenter.Demo;

/// <summary>When a buffered event is written: by instant, then in the order the events were made.</summary>
internal readonly record struct EventKey(long Time, long Sequence) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        var byTime = Time.CompareTo(other.Time);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }
}
