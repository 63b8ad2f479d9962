-- The events the new rows refer to, in one scan of the store: the rows' text comes from these.
CREATE OR REPLACE TEMP TABLE referenced_events AS
SELECT e.seq, e.type, e.event_id, e.deployment_id, e.occurred_at, e.line_display_name, e.message_text,
       e.conversation_id, e.conversation_version, e.node_id,
       e.referral_source_url, e.referral_source_type, e.referral_source_id, e.referral_headline, e.referral_body,
       e.referral_media_type, e.referral_media_url, e.referral_thumbnail_url, e.link_campaign_name, e.link_campaign_source,
       e.campaign_name, e.error_code, e.error_title
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
