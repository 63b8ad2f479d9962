-- Inbound sources: INBOUND sessions by where they came from. channel is 'whatsapp_link' when the starting message
-- came through a WhatsApp link (campaign name or source set), else 'meta_ad' or 'meta_post' from meta_source_type,
-- else 'other'. source and name are the link's campaign source and name, or the Meta source id and its latest
-- headline, or NULL for 'other'. avg_duration_s: mean of finished - started in seconds over finished sessions only.
WITH inbound AS (
    SELECT CASE WHEN whatsapp_link_campaign_name IS NOT NULL OR whatsapp_link_campaign_source IS NOT NULL THEN 'whatsapp_link'
                WHEN meta_source_type = 'Ad' THEN 'meta_ad'
                WHEN meta_source_type = 'Post' THEN 'meta_post'
                ELSE 'other' END AS channel,
           *
    FROM sessions
    WHERE session_type = 'INBOUND'
      AND {session_filters}
),
keyed AS (
    SELECT *,
           CASE channel WHEN 'whatsapp_link' THEN whatsapp_link_campaign_source
                        WHEN 'other' THEN NULL
                        ELSE meta_source_id END AS source,
           CASE channel WHEN 'whatsapp_link' THEN whatsapp_link_campaign_name END AS link_name
    FROM inbound
)
SELECT channel,
       source,
       CASE WHEN channel IN ('meta_ad', 'meta_post') THEN arg_max(meta_source_headline, session_started_timestamp) ELSE link_name END AS name,
       count(*) AS sessions,
       count(session_finished_timestamp) AS finished_sessions,
       round(avg(epoch(session_finished_timestamp - session_started_timestamp)), 1) AS avg_duration_s
FROM keyed
GROUP BY channel, source, link_name
ORDER BY sessions DESC, channel, source, name
