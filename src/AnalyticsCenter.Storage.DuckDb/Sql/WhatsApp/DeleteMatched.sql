-- The statuses MatchedStatuses.sql found, once their events are stored.
DELETE FROM ac.whatsapp_statuses s
WHERE EXISTS (
    SELECT 1 FROM ac.events c
    WHERE c.type = 9 AND c.workspace_id = s.workspace_id AND json_extract_string(c.details, '$.message_id') = s.message_id);
