-- The line and user of a fetch's timelines.
SELECT timeline_id, line_number, user_country_code, user_cellphone
FROM analytics.timelines
WHERE workspace_id = @ws AND timeline_id = ANY (@ids);
