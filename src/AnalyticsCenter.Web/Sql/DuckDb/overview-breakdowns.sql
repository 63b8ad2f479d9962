-- The overview's breakdowns of the rows overview.sql counts (same filters): the top 8 of each, most first, ties by key.
-- flows: sessions by conversation_id (key) and version; sources: INBOUND sessions by Meta source id or WhatsApp-link
-- campaign source (key; NULL for neither), labelled by the ad's or post's latest headline or the campaign source, with
-- detail its channel (meta_ad, meta_post, whatsapp_link, other); countries: sessions by user_country_code; lines:
-- sessions by line_whatsapp_number, labelled by its display name; reasons: failed deployments by status_detail.
WITH s AS (
    SELECT *
    FROM sessions s
    WHERE {session_filters:s}
      AND ($source::VARCHAR IS NULL OR s.meta_source_id = $source::VARCHAR OR s.whatsapp_link_campaign_source = $source::VARCHAR)
),
d AS (
    SELECT *
    FROM deployments d
    WHERE {deployment_filters:d}
      AND ($reason::VARCHAR IS NULL OR (d.delivery_status = 'Failed' AND d.status_detail = $reason::VARCHAR))
),
inbound AS (
    SELECT CASE WHEN whatsapp_link_campaign_source IS NOT NULL THEN 'whatsapp_link'
                WHEN meta_source_type = 'Ad' THEN 'meta_ad'
                WHEN meta_source_type = 'Post' THEN 'meta_post'
                ELSE 'other' END AS channel,
           coalesce(whatsapp_link_campaign_source, meta_source_id) AS source,
           meta_source_headline,
           session_started_timestamp
    FROM s
    WHERE session_type = 'INBOUND'
),
counted AS (
    SELECT 1 AS part, 'flows' AS breakdown, conversation_id AS key, conversation_version AS version,
           conversation_id || ' v' || conversation_version AS label, NULL AS detail, count(*) AS value
    FROM s
    GROUP BY conversation_id, conversation_version
    UNION ALL
    SELECT 2, 'sources', source, NULL, coalesce(arg_max(meta_source_headline, session_started_timestamp), source), channel, count(*)
    FROM inbound
    GROUP BY channel, source
    UNION ALL
    SELECT 3, 'countries', user_country_code, NULL, user_country_code, NULL, count(*)
    FROM s
    GROUP BY user_country_code
    UNION ALL
    SELECT 4, 'lines', line_whatsapp_number, NULL, coalesce(max(line_whatsapp_display_name), line_whatsapp_number), NULL, count(*)
    FROM s
    GROUP BY line_whatsapp_number
    UNION ALL
    SELECT 5, 'reasons', status_detail, NULL, status_detail, NULL, count(*)
    FROM d
    WHERE delivery_status = 'Failed'
    GROUP BY status_detail
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY part ORDER BY value DESC, key NULLS LAST, version NULLS LAST, detail NULLS LAST) AS rank
    FROM counted
)
SELECT breakdown, key, version, label, detail, value
FROM ranked
WHERE rank <= 8
ORDER BY part, rank
