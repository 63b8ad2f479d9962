-- An ingest transaction sorts and joins a whole batch: room to do it in memory, for this transaction only.
SET LOCAL work_mem = '128MB';
