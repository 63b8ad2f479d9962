-- The events the new rows refer to, in one scan of the store, with their details parsed once: the rows' text comes
-- from these. $from_seq is the oldest of them: the store appends in seq order, so the scan skips the row groups before
-- it, and the rows a refresh inserts are mostly its timelines' latest.
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
    SEMI JOIN referenced_seqs r ON r.seq = e.seq
    WHERE e.seq >= $from_seq
) e;
