-- Per-connection work tables of a refresh, and the session id function, made as the store opens for writing.
-- A session's id derives from the event that started it (a delivered deployment's from the deployment), so the
-- same events always give the same ids, across refreshes and rebuilds.
CREATE OR REPLACE TEMP MACRO session_key(ws, start_type, start_event_id, start_deployment_id) AS
    's_' || left(md5(ws || chr(31) || CASE WHEN start_type = 9 THEN 'd:' || start_deployment_id ELSE 'e:' || start_event_id END), 24);
-- refresh_workspaces: every workspace the refresh brings up to date, numbered by ws, with its settings (cutoff: where its
-- retention window starts) and what its last refresh applied; refresh_timelines: every timeline the refresh recomputes, with its workspace's ws; dirty_timelines:
-- those of the current pass.
CREATE TEMP TABLE IF NOT EXISTS refresh_workspaces (
    workspace_id VARCHAR NOT NULL, ws INTEGER NOT NULL, rebuild BOOLEAN NOT NULL, timeout_us BIGINT,
    prev_last_seq BIGINT NOT NULL, prev_as_of TIMESTAMP NOT NULL, cutoff TIMESTAMP NOT NULL, retention_days INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS refresh_timelines (timeline_id BIGINT NOT NULL, ws INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS dirty_timelines (timeline_id BIGINT NOT NULL, ws INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS session_refs (
    timeline_id BIGINT NOT NULL, id_seq BIGINT NOT NULL, parent_id_seq BIGINT,
    started_us BIGINT NOT NULL, finished_us BIGINT, last_activity_us BIGINT NOT NULL,
    session_type VARCHAR NOT NULL, session_status VARCHAR NOT NULL,
    first_message_seq BIGINT, last_message_seq BIGINT, last_node_seq BIGINT, end_reason VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS deployment_refs (
    timeline_id BIGINT NOT NULL, created_seq BIGINT NOT NULL, delivery_status VARCHAR NOT NULL,
    outcome_seq BIGINT, outcome_us BIGINT);
-- The sessionizer's deployments as stored: a delivered time is kept only for a delivered deployment.
CREATE OR REPLACE TEMP VIEW made_deployment_refs AS
SELECT timeline_id, created_seq, delivery_status, outcome_seq, CASE WHEN delivery_status = 'Delivered' THEN outcome_us END
FROM deployment_refs;
CREATE TEMP TABLE IF NOT EXISTS purge_cuts (timeline_id BIGINT NOT NULL, purge_before_us BIGINT NOT NULL);
-- purged_events: the events a purge deletes (by row id), and their workspaces, to count them.
CREATE TEMP TABLE IF NOT EXISTS purged_events (row_id BIGINT NOT NULL, workspace_id VARCHAR NOT NULL);
