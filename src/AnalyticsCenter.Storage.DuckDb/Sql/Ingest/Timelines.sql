-- Every stored timeline's id with the parts of its key, for the writer's memory.
SELECT timeline_id, workspace_id, line_number, user_country_code, user_cellphone FROM ac.timelines;
