-- Drops the events at the seqs listed ({seqs}, numbers the ingest itself wrote): duplicates already confirmed.
DELETE FROM ac.events WHERE seq IN ({seqs});
