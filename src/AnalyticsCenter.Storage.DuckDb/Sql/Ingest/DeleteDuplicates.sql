-- Events of this batch (seq >= $first_seq) whose (workspace, event_id) was stored before them, earlier in the
-- batch or in an earlier ingest: duplicates are counted (by the seqs returned), not applied twice. The first one stays.
DELETE FROM ac.events e
WHERE e.seq >= $first_seq
  AND EXISTS (
      SELECT 1 FROM ac.events o
      WHERE o.workspace_id = e.workspace_id AND o.event_id = e.event_id AND o.seq < e.seq)
RETURNING seq;
