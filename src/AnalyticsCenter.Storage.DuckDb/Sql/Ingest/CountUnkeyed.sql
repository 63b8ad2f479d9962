-- Whether events stored before deployment_key existed still need their keys.
SELECT count(*) FROM (SELECT 1 FROM ac.events WHERE deployment_key IS NULL AND deployment_id IS NOT NULL LIMIT 1);
