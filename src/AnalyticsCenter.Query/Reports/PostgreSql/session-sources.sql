-- Each session with where it came from: as Reports/DuckDb/session-sources.sql, in PostgreSQL. An outbound session's
-- campaign is that of the deployment that started it, which the refresh keeps with the session (tenant_session_facts).
sourced AS (
    SELECT s.session_id,
           CASE WHEN s.session_type = 'OUTBOUND' THEN 'outbound'
                WHEN s.whatsapp_link_campaign_name IS NOT NULL OR s.whatsapp_link_campaign_source IS NOT NULL THEN 'whatsapp_link'
                WHEN s.meta_source_type = 'Ad' THEN 'meta_ad'
                WHEN s.meta_source_type = 'Post' THEN 'meta_post'
                ELSE 'other' END AS channel,
           CASE WHEN s.session_type = 'OUTBOUND' THEN s.deployment_campaign_name
                WHEN s.whatsapp_link_campaign_name IS NOT NULL OR s.whatsapp_link_campaign_source IS NOT NULL THEN s.whatsapp_link_campaign_source
                WHEN s.meta_source_type IN ('Ad', 'Post') THEN s.meta_source_id END AS source,
           CASE WHEN s.session_type = 'OUTBOUND' THEN s.conversation_id
                WHEN s.whatsapp_link_campaign_name IS NOT NULL OR s.whatsapp_link_campaign_source IS NOT NULL THEN s.whatsapp_link_campaign_name
                END AS name
    FROM tenant_session_facts s
    WHERE {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
)
