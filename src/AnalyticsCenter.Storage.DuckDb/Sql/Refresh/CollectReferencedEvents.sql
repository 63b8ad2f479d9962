-- The events the new rows refer to, in one scan of the store: the rows' text comes from these.
CREATE OR REPLACE TEMP TABLE referenced_events AS
SELECT e.seq, e.type, e.event_id, e.deployment_id, e.occurred_at,
       e.details ->> 'line_display_name' AS line_display_name,
       e.details ->> 'message_text' AS message_text,
       e.details ->> 'conversation_id' AS conversation_id,
       CAST(e.details ->> 'conversation_version' AS INTEGER) AS conversation_version,
       e.details ->> 'node_id' AS node_id,
       e.details ->> 'referral_source_url' AS referral_source_url,
       e.details ->> 'referral_source_type' AS referral_source_type,
       e.details ->> 'referral_source_id' AS referral_source_id,
       e.details ->> 'referral_headline' AS referral_headline,
       e.details ->> 'referral_body' AS referral_body,
       e.details ->> 'referral_media_type' AS referral_media_type,
       e.details ->> 'referral_media_url' AS referral_media_url,
       e.details ->> 'referral_thumbnail_url' AS referral_thumbnail_url,
       e.details ->> 'link_campaign_name' AS link_campaign_name,
       e.details ->> 'link_campaign_source' AS link_campaign_source,
       e.details ->> 'campaign_name' AS campaign_name,
       e.details ->> 'error_code' AS error_code,
       e.details ->> 'error_title' AS error_title
FROM ac.events e
SEMI JOIN (
    SELECT id_seq AS seq FROM session_refs
    UNION ALL SELECT parent_id_seq FROM session_refs WHERE parent_id_seq IS NOT NULL
    UNION ALL SELECT first_message_seq FROM session_refs WHERE first_message_seq IS NOT NULL
    UNION ALL SELECT last_message_seq FROM session_refs WHERE last_message_seq IS NOT NULL
    UNION ALL SELECT last_node_seq FROM session_refs WHERE last_node_seq IS NOT NULL
    UNION ALL SELECT created_seq FROM deployment_refs
    UNION ALL SELECT outcome_seq FROM deployment_refs WHERE outcome_seq IS NOT NULL
) r ON r.seq = e.seq
WHERE e.workspace_id = $ws;
