-- An ingest transaction sorts and joins a whole batch: room to do it in memory, for this transaction only. The batch's
-- statements look big to the planner, so PostgreSQL would JIT-compile them each time, which costs more CPU than the
-- compiled code saves on a batch. The timelines a batch looks up are few and their index is hot: priced at the default
-- random_page_cost, a request-sized batch hashed every timeline of the store instead of probing the index for its own,
-- a cost that grew with the store.
SET LOCAL work_mem = '128MB';
SET LOCAL jit = off;
SET LOCAL random_page_cost = 1.1;
