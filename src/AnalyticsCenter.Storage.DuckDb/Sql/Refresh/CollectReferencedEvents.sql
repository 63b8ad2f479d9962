-- The events the new rows refer to, in one scan of the store, with their details parsed once: the rows' text comes
-- from these.
CREATE OR REPLACE TEMP TABLE referenced_events AS
SELECT e.seq, e.type, e.event_id, e.deployment_id, e.occurred_at, unnest(e.d)
FROM (
    SELECT e.*, json_transform(e.details, '{
        "line_display_name": "VARCHAR", "message_text": "VARCHAR", "conversation_id": "VARCHAR",
        "conversation_version": "INTEGER", "node_id": "VARCHAR",
        "referral_source_url": "VARCHAR", "referral_source_type": "VARCHAR", "referral_source_id": "VARCHAR",
        "referral_headline": "VARCHAR", "referral_body": "VARCHAR", "referral_media_type": "VARCHAR",
        "referral_media_url": "VARCHAR", "referral_thumbnail_url": "VARCHAR",
        "link_campaign_name": "VARCHAR", "link_campaign_source": "VARCHAR",
        "campaign_name": "VARCHAR", "error_code": "VARCHAR", "error_title": "VARCHAR"}') AS d
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
) e;
