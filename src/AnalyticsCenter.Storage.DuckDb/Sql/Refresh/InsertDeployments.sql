-- Deployments from the sessionizer's references: what was sent from deployment.created, why it failed from its status.
INSERT INTO ac.deployments
SELECT t.workspace_id, r.timeline_id,
       c.conversation_id, c.conversation_version, t.user_country_code, t.user_cellphone,
       c.occurred_at, r.delivery_status,
       CASE WHEN r.delivery_status = 'Failed' THEN
            CASE WHEN o.error_code IS NOT NULL AND o.error_title IS NOT NULL THEN o.error_code || ': ' || o.error_title
                 ELSE coalesce(o.error_code, o.error_title) END
       END,
       CASE WHEN r.delivery_status = 'Delivered' THEN make_timestamp(r.outcome_us) END,
       CASE WHEN r.delivery_status = 'Delivered' THEN session_key(t.workspace_id, 9, NULL, c.deployment_id) END,
       c.deployment_id, t.line_number, c.campaign_name,
       r.created_seq, r.outcome_seq
FROM deployment_refs r
JOIN ac.timelines t ON t.timeline_id = r.timeline_id
JOIN referenced_events c ON c.seq = r.created_seq
LEFT JOIN referenced_events o ON o.seq = r.outcome_seq;
