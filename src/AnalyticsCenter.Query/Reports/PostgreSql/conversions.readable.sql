-- Conversions by source, without a conversions upload: each session with where it came from (an outbound one from the
-- campaign of the deployment that started it), counted by source. The report itself reads that campaign from
-- tenant_session_facts, which the refresh keeps, instead of grouping every deployment.
WITH
    started_by AS (
        SELECT session_id, max(campaign_name) AS campaign_name
        FROM deployments
        WHERE session_id IS NOT NULL
        GROUP BY session_id
    ),
    sourced AS (
        SELECT s.session_id,
               CASE WHEN s.session_type = 'OUTBOUND' THEN 'outbound'
                    WHEN s.whatsapp_link_campaign_name IS NOT NULL OR s.whatsapp_link_campaign_source IS NOT NULL THEN 'whatsapp_link'
                    WHEN s.meta_source_type = 'Ad' THEN 'meta_ad'
                    WHEN s.meta_source_type = 'Post' THEN 'meta_post'
                    ELSE 'other' END AS channel,
               CASE WHEN s.session_type = 'OUTBOUND' THEN d.campaign_name
                    WHEN s.whatsapp_link_campaign_name IS NOT NULL OR s.whatsapp_link_campaign_source IS NOT NULL THEN s.whatsapp_link_campaign_source
                    WHEN s.meta_source_type IN ('Ad', 'Post') THEN s.meta_source_id END AS source,
               CASE WHEN s.session_type = 'OUTBOUND' THEN s.conversation_id
                    WHEN s.whatsapp_link_campaign_name IS NOT NULL OR s.whatsapp_link_campaign_source IS NOT NULL THEN s.whatsapp_link_campaign_name
                    END AS name
        FROM sessions s
        LEFT JOIN started_by d ON d.session_id = s.session_id
        WHERE {session_filters:s}
          AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
    )
SELECT channel,
       source,
       name,
       count(*) AS sessions
FROM sourced
GROUP BY channel, source, name
ORDER BY sessions DESC, channel COLLATE "C", source COLLATE "C" NULLS LAST, name COLLATE "C" NULLS LAST
