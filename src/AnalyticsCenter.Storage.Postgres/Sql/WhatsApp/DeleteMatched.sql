-- The statuses MatchedStatuses.sql found, once their events are stored; a status that came meanwhile waits for the next refresh.
DELETE FROM analytics.whatsapp_statuses s
USING unnest(@workspaces::text[], @event_ids::text[]) AS m(workspace_id, event_id)
WHERE s.workspace_id = m.workspace_id AND s.event_id = m.event_id;
