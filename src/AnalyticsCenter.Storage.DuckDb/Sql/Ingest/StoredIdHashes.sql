-- Every stored event's id hash, for the writer's memory; an event stored before hashes were kept gives its id instead,
-- and the writer hashes it.
SELECT seq, id_hash,
       CASE WHEN id_hash IS NULL THEN workspace_id END,
       CASE WHEN id_hash IS NULL THEN event_id END
FROM ac.events;
