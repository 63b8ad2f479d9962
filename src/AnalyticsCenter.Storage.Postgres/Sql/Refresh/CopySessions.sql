COPY analytics.sessions (workspace_id, timeline_id, last_activity_at, session_id, parent_session_id, session_started_timestamp,
    session_finished_timestamp, session_type, session_status, conversation_id, conversation_version, user_country_code, user_cellphone,
    line_whatsapp_number, line_whatsapp_display_name, first_message_timestamp, first_message, last_message_timestamp, last_message,
    last_node_id, meta_source_url, meta_source_type, meta_source_id, meta_source_headline, meta_source_body, meta_source_media_type,
    meta_source_media_url, meta_source_thumbnail_url, whatsapp_link_campaign_name, whatsapp_link_campaign_source, session_end_reason,
    deployment_campaign_name)
FROM STDIN (FORMAT BINARY)
