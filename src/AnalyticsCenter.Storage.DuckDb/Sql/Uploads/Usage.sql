-- What a workspace's other uploads hold: tables and bytes, for its limits.
SELECT count(*), coalesce(sum(bytes), 0)::BIGINT
FROM ac.uploads
WHERE workspace_id = $ws AND name <> $name;
