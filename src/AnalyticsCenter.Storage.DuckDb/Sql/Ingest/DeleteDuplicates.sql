-- Events at the seqs listed ({seqs}, numbers the ingest itself wrote) whose (workspace, event_id) was stored before
-- them: duplicates the writer's memory could not settle (a purged first copy, a hash collision). They are counted (by
-- the seqs returned), not applied twice; the first one stays.
DELETE FROM ac.events e
WHERE e.seq IN ({seqs})
  AND EXISTS (
      SELECT 1 FROM ac.events o
      WHERE o.workspace_id = e.workspace_id AND o.event_id = e.event_id AND o.seq < e.seq)
RETURNING seq;
