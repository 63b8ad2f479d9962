-- New timelines get the next ids.
INSERT INTO ac.timelines
SELECT (SELECT coalesce(max(timeline_id), 0) FROM ac.timelines) + row_number() OVER (ORDER BY workspace_id, line_number, user_country_code, user_cellphone),
       workspace_id, line_number, user_country_code, user_cellphone
FROM (SELECT DISTINCT workspace_id, line_number, user_country_code, user_cellphone FROM staged_events WHERE line_number IS NOT NULL) s
WHERE NOT EXISTS (
    SELECT 1 FROM ac.timelines t
    WHERE t.workspace_id = s.workspace_id AND t.line_number = s.line_number
      AND t.user_country_code = s.user_country_code AND t.user_cellphone = s.user_cellphone);
