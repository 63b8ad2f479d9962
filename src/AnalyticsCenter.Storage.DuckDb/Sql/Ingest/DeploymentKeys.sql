-- Every stored deployment key with its (workspace, deployment id), for the writer's memory.
SELECT DISTINCT deployment_key, workspace_id, deployment_id FROM ac.events WHERE deployment_key IS NOT NULL;
