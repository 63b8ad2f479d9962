-- Events stored before deployment_key existed that name a deployment: the store keys them once.
SELECT seq, workspace_id, deployment_id FROM ac.events WHERE deployment_key IS NULL AND deployment_id IS NOT NULL;
