-- A refresh sorts and joins a workspace's events: room to do it in memory, for this transaction only. No JIT: compiling
-- each of the refresh's statements costs more CPU than the compiled code saves.
SET LOCAL work_mem = '128MB';
SET LOCAL jit = off;
