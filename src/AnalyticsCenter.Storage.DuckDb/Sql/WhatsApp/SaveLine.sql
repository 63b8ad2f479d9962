-- Adds a line or replaces its settings; its link codes stay.
INSERT OR REPLACE INTO ac.lines (phone_number_id, workspace_id, line_number, display_name, conversation_id, conversation_version, updated_at)
VALUES ($phone_number_id, $ws, $number, $display_name, $conversation_id, $conversation_version, $now);
