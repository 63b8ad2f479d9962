-- The first of each (workspace, event_id), and only if not already stored: duplicates are counted, not applied.
INSERT INTO ac.events
SELECT s.seq, s.workspace_id, s.event_id, s.type, s.occurred_at, s.received_at, t.timeline_id,
       s.line_display_name, s.message_id, s.message_kind, s.message_text, s.sender, s.conversation_id, s.conversation_version,
       s.referral_source_url, s.referral_source_type, s.referral_source_id, s.referral_headline, s.referral_body,
       s.referral_media_type, s.referral_media_url, s.referral_thumbnail_url, s.link_campaign_name, s.link_campaign_source,
       s.node_id, s.agent_id, s.deployment_id, s.campaign_name, s.status, s.error_code, s.error_title, s.error_detail
FROM staged_events s
LEFT JOIN ac.timelines t
       ON t.workspace_id = s.workspace_id AND t.line_number = s.line_number
      AND t.user_country_code = s.user_country_code AND t.user_cellphone = s.user_cellphone
WHERE NOT EXISTS (SELECT 1 FROM ac.events e WHERE e.workspace_id = s.workspace_id AND e.event_id = s.event_id)
QUALIFY row_number() OVER (PARTITION BY s.workspace_id, s.event_id ORDER BY s.seq) = 1;
