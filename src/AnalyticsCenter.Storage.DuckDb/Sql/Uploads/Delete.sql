DELETE FROM ac.uploads WHERE workspace_id = $ws AND name = $name;
