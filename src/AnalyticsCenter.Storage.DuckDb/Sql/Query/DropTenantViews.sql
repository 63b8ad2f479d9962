DROP VIEW IF EXISTS temp.main.sessions;
DROP VIEW IF EXISTS temp.main.deployments;
