-- Reading them back in the sessionizer's order (Refresh/ReadTimelineEvents.sql without its joins), into memory.
CREATE TEMP TABLE floor_sorted AS
SELECT timeline_id, seq, type, epoch_us(occurred_at) AS at_us, status
FROM ac.events
ORDER BY timeline_id, occurred_at, event_id;
