-- Outbound funnel: as Reports/DuckDb/outbound-funnel.sql, in PostgreSQL.
WITH funnel AS (
    SELECT d.conversation_id,
           d.campaign_name,
           d.delivery_status,
           d.delivery_status = 'Delivered' AND d.session_replied AS replied,
           CASE WHEN d.delivery_status = 'Delivered' AND d.session_replied
                THEN date_part('epoch', d.session_finished_timestamp - d.session_started_timestamp) END AS replied_duration_s
    -- Each deployment with its session's facts, which the refresh keeps: the sessions are not joined.
    FROM tenant_deployment_facts d
    WHERE {deployment_filters:d}
      AND (@delivery_status::text IS NULL OR d.delivery_status = @delivery_status::text)
)
SELECT conversation_id,
       campaign_name,
       count(*) AS deployments,
       count(*) FILTER (WHERE delivery_status = 'Delivered') AS delivered,
       count(*) FILTER (WHERE replied) AS replied,
       round(count(*) FILTER (WHERE replied)::numeric / nullif(count(*) FILTER (WHERE delivery_status = 'Delivered'), 0), 4)::double precision
           AS reply_rate,
       round(avg(replied_duration_s)::numeric, 1)::double precision AS avg_replied_duration_s
FROM funnel
GROUP BY conversation_id, campaign_name
ORDER BY deployments DESC, conversation_id COLLATE "C", campaign_name COLLATE "C" NULLS LAST
