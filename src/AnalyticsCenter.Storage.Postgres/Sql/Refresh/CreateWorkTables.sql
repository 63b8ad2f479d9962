-- The connection's work tables of a refresh, emptied at every commit. refresh_queued: the runs of seqs the refresh took from
-- the queue; refresh_dirty: the timelines it recomputes; purge_cuts: the sessionizer's safe purge point of each timeline.
CREATE TEMP TABLE IF NOT EXISTS refresh_queued (seqs int8range NOT NULL) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS refresh_dirty (timeline_id bigint PRIMARY KEY) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS purge_cuts (timeline_id bigint NOT NULL, purge_before timestamp NOT NULL) ON COMMIT DELETE ROWS;
