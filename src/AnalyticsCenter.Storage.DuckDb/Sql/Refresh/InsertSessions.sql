-- Sessions from the sessionizer's references: text columns come from the events they name.
INSERT INTO ac.sessions
SELECT t.workspace_id, r.timeline_id, make_timestamp(r.last_activity_us),
       session_key(t.workspace_id, s.type, s.event_id, s.deployment_id),
       CASE WHEN r.parent_id_seq IS NOT NULL THEN session_key(t.workspace_id, p.type, p.event_id, p.deployment_id) END,
       make_timestamp(r.started_us), make_timestamp(r.finished_us),
       r.session_type, r.session_status,
       s.conversation_id, s.conversation_version,
       t.user_country_code, t.user_cellphone, t.line_number, s.line_display_name,
       fm.occurred_at, fm.message_text, lm.occurred_at, lm.message_text,
       n.node_id,
       s.referral_source_url, s.referral_source_type, s.referral_source_id, s.referral_headline, s.referral_body,
       s.referral_media_type, s.referral_media_url, s.referral_thumbnail_url,
       s.link_campaign_name, s.link_campaign_source,
       r.end_reason,
       r.id_seq, r.parent_id_seq, r.first_message_seq, r.last_message_seq, r.last_node_seq
FROM session_refs r
JOIN ac.timelines t ON t.timeline_id = r.timeline_id
JOIN referenced_events s ON s.seq = r.id_seq
LEFT JOIN referenced_events p ON p.seq = r.parent_id_seq
LEFT JOIN referenced_events fm ON fm.seq = r.first_message_seq
LEFT JOIN referenced_events lm ON lm.seq = r.last_message_seq
LEFT JOIN referenced_events n ON n.seq = r.last_node_seq;
