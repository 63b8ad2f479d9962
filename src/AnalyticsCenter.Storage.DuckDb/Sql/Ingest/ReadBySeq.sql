-- The ids of the events stored at the seqs listed: {seqs} is a list of numbers the ingest itself wrote. Seqs grow with
-- insertion, so DuckDB's zone maps go straight to the few row groups that hold them.
SELECT seq, workspace_id, event_id FROM ac.events WHERE seq IN ({seqs});
