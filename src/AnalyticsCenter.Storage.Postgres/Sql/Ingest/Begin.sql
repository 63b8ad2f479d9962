-- An ingest transaction sorts and joins a whole batch: room to do it in memory, for this transaction only. The batch's
-- statements look big to the planner, so PostgreSQL would JIT-compile them each time, which costs more CPU than the
-- compiled code saves on a batch.
SET LOCAL work_mem = '128MB';
SET LOCAL jit = off;
