-- Outbound funnel: deployments by conversation_id and campaign_name (NULL when the deployment had none), how many were
-- delivered, and how many of the delivered ones sparked a reply: the session the delivery started (joined on
-- deployments.session_id) has a first_message_timestamp, i.e. the user wrote in it. reply_rate = replied / delivered.
-- avg_replied_duration_s: mean of finished - started, in seconds, over the replied sessions that have finished.
WITH funnel AS (
    SELECT d.conversation_id,
           d.campaign_name,
           d.delivery_status,
           coalesce(d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL, false) AS replied,
           CASE WHEN d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL
                THEN epoch(s.session_finished_timestamp - s.session_started_timestamp) END AS replied_duration_s
    FROM deployments d
    -- An equality-only join condition keeps this a hash join; the Delivered test sits in the expressions above.
    LEFT JOIN sessions s ON s.session_id = d.session_id
    WHERE {deployment_filters:d}
      AND ($delivery_status::VARCHAR IS NULL OR d.delivery_status = $delivery_status::VARCHAR)
)
SELECT conversation_id,
       campaign_name,
       count(*) AS deployments,
       count(*) FILTER (WHERE delivery_status = 'Delivered') AS delivered,
       count(*) FILTER (WHERE replied) AS replied,
       round(count(*) FILTER (WHERE replied) / nullif(count(*) FILTER (WHERE delivery_status = 'Delivered'), 0), 4) AS reply_rate,
       round(avg(replied_duration_s), 1) AS avg_replied_duration_s
FROM funnel
GROUP BY conversation_id, campaign_name
ORDER BY deployments DESC, conversation_id, campaign_name NULLS LAST
