-- Writes the keys NumberedKeys gave the events stored before deployment_key existed.
UPDATE ac.events e SET deployment_key = f.deployment_key FROM deployment_key_fill f WHERE e.seq = f.seq;
DROP TABLE deployment_key_fill;
