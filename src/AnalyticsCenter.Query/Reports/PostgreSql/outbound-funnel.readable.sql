-- Outbound funnel: deployments, deliveries and the replies in the sessions delivered deployments started, with those
-- sessions' average duration, by conversation and campaign. The report itself reads each deployment's session facts
-- from tenant_deployment_facts, which the refresh keeps, instead of joining the sessions.
WITH funnel AS (
    SELECT d.conversation_id,
           d.campaign_name,
           d.delivery_status,
           coalesce(d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL, false) AS replied,
           CASE WHEN d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL
                THEN date_part('epoch', s.session_finished_timestamp - s.session_started_timestamp) END AS replied_duration_s
    FROM deployments d
    -- A hash join on the id; only sessions the user wrote in can count, so only those are hashed (a filter of the
    -- sessions' scan). The Delivered test sits in the expressions above.
    LEFT JOIN sessions s ON s.session_id = d.session_id AND s.first_message_timestamp IS NOT NULL
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
