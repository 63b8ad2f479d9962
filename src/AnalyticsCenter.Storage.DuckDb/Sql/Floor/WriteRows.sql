-- Writing the rows of the two tables into the store, then to disk, as a refresh's commit does.
INSERT INTO ac.sessions FROM floor_sessions;
INSERT INTO ac.deployments FROM floor_deployments;
CHECKPOINT;
