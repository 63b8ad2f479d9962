-- Adds a line or replaces its settings; its link codes stay.
INSERT INTO analytics.lines (phone_number_id, workspace_id, line_number, display_name, conversation_id, conversation_version, updated_at)
VALUES (@phone_number_id, @ws, @number, @display_name, @conversation_id::text, @conversation_version::integer, @now)
ON CONFLICT (phone_number_id) DO UPDATE SET workspace_id = excluded.workspace_id, line_number = excluded.line_number,
    display_name = excluded.display_name, conversation_id = excluded.conversation_id,
    conversation_version = excluded.conversation_version, updated_at = excluded.updated_at;
