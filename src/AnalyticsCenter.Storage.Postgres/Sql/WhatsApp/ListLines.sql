-- Every line (or @ws's), with its link codes (one row per code; NULL code when it has none).
SELECT l.phone_number_id, l.workspace_id, l.line_number, l.display_name, l.conversation_id, l.conversation_version,
       c.code, c.campaign_name, c.campaign_source
FROM analytics.lines l
LEFT JOIN analytics.line_link_codes c ON c.phone_number_id = l.phone_number_id
WHERE @ws::text IS NULL OR l.workspace_id = @ws::text
ORDER BY l.workspace_id, l.phone_number_id COLLATE "C", c.code COLLATE "C";
