-- The pass's timelines' stored rows, each by what it was made from, in the shape of the sessionizer's references (timeline
-- ids are the store's, so they name one workspace's rows). A row is a function of these and of immutable events.
CREATE OR REPLACE TEMP TABLE stored_session_refs AS
SELECT timeline_id, id_seq, parent_id_seq, epoch_us(session_started_timestamp), epoch_us(session_finished_timestamp),
       epoch_us(last_activity_at), session_type, session_status, first_message_seq, last_message_seq, last_node_seq,
       session_end_reason
FROM ac.sessions WHERE timeline_id IN (SELECT timeline_id FROM dirty_timelines);
CREATE OR REPLACE TEMP TABLE stored_deployment_refs AS
SELECT timeline_id, created_seq, delivery_status, outcome_seq, epoch_us(deployment_delivered_timestamp)
FROM ac.deployments WHERE timeline_id IN (SELECT timeline_id FROM dirty_timelines);
-- Stored rows the refresh did not make again go (a session is one start event of its timeline, a deployment one created);
-- those it made again stay as they are, and only the others are inserted, so most of a recomputed timeline's rows, and
-- the old events they refer to, are not touched at all.
DELETE FROM ac.sessions s USING (SELECT * FROM stored_session_refs EXCEPT SELECT * FROM session_refs) gone
WHERE s.timeline_id = gone.timeline_id AND s.id_seq IS NOT DISTINCT FROM gone.id_seq;
DELETE FROM ac.deployments d USING (SELECT * FROM stored_deployment_refs EXCEPT SELECT * FROM made_deployment_refs) gone
WHERE d.timeline_id = gone.timeline_id AND d.created_seq IS NOT DISTINCT FROM gone.created_seq;
DELETE FROM session_refs r USING (SELECT * FROM session_refs INTERSECT SELECT * FROM stored_session_refs) kept
WHERE r.timeline_id = kept.timeline_id AND r.id_seq = kept.id_seq;
DELETE FROM deployment_refs r USING (SELECT * FROM made_deployment_refs INTERSECT SELECT * FROM stored_deployment_refs) kept
WHERE r.timeline_id = kept.timeline_id AND r.created_seq = kept.created_seq;
