-- Where NumberedKeys appends the keys it gave the events stored before deployment_key existed (FillDeploymentKeys.sql).
CREATE TEMP TABLE deployment_key_fill (seq BIGINT NOT NULL, deployment_key BIGINT NOT NULL);
