-- The connection's work tables of a refresh, emptied at every commit. refresh_queued: the runs of seqs the refresh took from
-- the queue; refresh_dirty: the timelines it recomputes; the *_refs and purge_cuts: the sessionizer's output.
CREATE TEMP TABLE IF NOT EXISTS refresh_queued (seqs int8range NOT NULL) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS refresh_dirty (timeline_id bigint PRIMARY KEY) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS session_refs (
    timeline_id bigint NOT NULL, id_seq bigint NOT NULL, parent_id_seq bigint,
    started_at timestamp NOT NULL, finished_at timestamp, last_activity_at timestamp NOT NULL,
    session_type text NOT NULL, session_status text NOT NULL,
    first_message_seq bigint, last_message_seq bigint, last_node_seq bigint, end_reason text) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS deployment_refs (
    timeline_id bigint NOT NULL, created_seq bigint NOT NULL, delivery_status text NOT NULL,
    outcome_seq bigint, outcome_at timestamp) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS purge_cuts (timeline_id bigint NOT NULL, purge_before timestamp NOT NULL) ON COMMIT DELETE ROWS;
