-- The events the rows to insert refer to.
CREATE OR REPLACE TEMP TABLE referenced_seqs AS
SELECT id_seq AS seq FROM session_refs
UNION ALL SELECT parent_id_seq FROM session_refs WHERE parent_id_seq IS NOT NULL
UNION ALL SELECT first_message_seq FROM session_refs WHERE first_message_seq IS NOT NULL
UNION ALL SELECT last_message_seq FROM session_refs WHERE last_message_seq IS NOT NULL
UNION ALL SELECT last_node_seq FROM session_refs WHERE last_node_seq IS NOT NULL
UNION ALL SELECT created_seq FROM deployment_refs
UNION ALL SELECT outcome_seq FROM deployment_refs WHERE outcome_seq IS NOT NULL;
