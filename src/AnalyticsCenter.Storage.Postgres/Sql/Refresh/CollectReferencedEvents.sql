-- The events the new rows refer to, with their details read once: the rows' text comes from these. They are looked up by
-- seq, as one sorted array, so the statement reads those events only: a join lets the planner scan every event of the
-- store (all workspaces') for a workspace's few.
ANALYZE pg_temp.session_refs;
ANALYZE pg_temp.deployment_refs;
CREATE TEMP TABLE referenced_events ON COMMIT DROP AS
SELECT e.seq, e.type, e.event_id, e.deployment_id, e.occurred_at, d.*
FROM analytics.events e
LEFT JOIN LATERAL jsonb_to_record(e.details::jsonb) AS d(
    line_display_name text, message_text text, conversation_id text, conversation_version integer, node_id text,
    referral_source_url text, referral_source_type text, referral_source_id text, referral_headline text, referral_body text,
    referral_media_type text, referral_media_url text, referral_thumbnail_url text,
    link_campaign_name text, link_campaign_source text, campaign_name text, error_code text, error_title text) ON true
WHERE e.seq = ANY ((
    SELECT array_agg(seq ORDER BY seq)
    FROM (
        SELECT id_seq AS seq FROM pg_temp.session_refs
        UNION SELECT parent_id_seq FROM pg_temp.session_refs WHERE parent_id_seq IS NOT NULL
        UNION SELECT first_message_seq FROM pg_temp.session_refs WHERE first_message_seq IS NOT NULL
        UNION SELECT last_message_seq FROM pg_temp.session_refs WHERE last_message_seq IS NOT NULL
        UNION SELECT last_node_seq FROM pg_temp.session_refs WHERE last_node_seq IS NOT NULL
        UNION SELECT created_seq FROM pg_temp.deployment_refs
        UNION SELECT outcome_seq FROM pg_temp.deployment_refs WHERE outcome_seq IS NOT NULL
    ) r
)::bigint[]);
CREATE UNIQUE INDEX ON pg_temp.referenced_events (seq);
ANALYZE pg_temp.referenced_events;
