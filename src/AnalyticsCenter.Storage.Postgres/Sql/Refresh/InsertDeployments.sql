-- Deployments from the sessionizer's references: what was sent from deployment.created, why it failed from its status.
INSERT INTO analytics.deployments
SELECT t.workspace_id, r.timeline_id,
       c.conversation_id, c.conversation_version, t.user_country_code, t.user_cellphone,
       c.occurred_at, r.delivery_status,
       CASE WHEN r.delivery_status = 'Failed' THEN
            CASE WHEN o.error_code IS NOT NULL AND o.error_title IS NOT NULL THEN o.error_code || ': ' || o.error_title
                 ELSE coalesce(o.error_code, o.error_title) END
       END,
       CASE WHEN r.delivery_status = 'Delivered' THEN r.outcome_at END,
       CASE WHEN r.delivery_status = 'Delivered' THEN analytics.session_key(t.workspace_id, 9::smallint, NULL, c.deployment_id) END,
       c.deployment_id, t.line_number, c.campaign_name
FROM pg_temp.deployment_refs r
JOIN analytics.timelines t ON t.timeline_id = r.timeline_id
JOIN pg_temp.referenced_events c ON c.seq = r.created_seq
LEFT JOIN pg_temp.referenced_events o ON o.seq = r.outcome_seq;
