-- The overview's breakdowns: as Sql/DuckDb/overview-breakdowns.sql, in PostgreSQL. PostgreSQL has no arg_max: a source's
-- headline is the first non-NULL one of its sessions latest first, as DuckDB's arg_max skips NULL values. Keys sort
-- byte-wise (COLLATE "C"), as DuckDB sorts text.
WITH s AS (
    SELECT *
    FROM sessions s
    WHERE {session_filters:s}
      AND (@source::text IS NULL OR s.meta_source_id = @source::text OR s.whatsapp_link_campaign_source = @source::text)
),
d AS (
    SELECT *
    FROM deployments d
    WHERE {deployment_filters:d}
      AND (@reason::text IS NULL OR (d.delivery_status = 'Failed' AND d.status_detail = @reason::text))
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
           conversation_id || ' v' || conversation_version AS label, NULL::text AS detail, count(*) AS value
    FROM s
    GROUP BY conversation_id, conversation_version
    UNION ALL
    SELECT 2, 'sources', source, NULL,
           coalesce((array_agg(meta_source_headline ORDER BY session_started_timestamp DESC) FILTER (WHERE meta_source_headline IS NOT NULL))[1], source),
           channel, count(*)
    FROM inbound
    GROUP BY channel, source
    UNION ALL
    SELECT 3, 'countries', user_country_code, NULL, user_country_code, NULL, count(*)
    FROM s
    GROUP BY user_country_code
    UNION ALL
    SELECT 4, 'lines', line_whatsapp_number, NULL, coalesce(max(line_whatsapp_display_name COLLATE "C"), line_whatsapp_number), NULL, count(*)
    FROM s
    GROUP BY line_whatsapp_number
    UNION ALL
    SELECT 5, 'reasons', status_detail, NULL, status_detail, NULL, count(*)
    FROM d
    WHERE delivery_status = 'Failed'
    GROUP BY status_detail
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY part ORDER BY value DESC, key COLLATE "C" NULLS LAST, version NULLS LAST, detail COLLATE "C" NULLS LAST) AS rank
    FROM counted
)
SELECT breakdown, key, version, label, detail, value
FROM ranked
WHERE rank <= 8
ORDER BY part, rank
