-- A refresh sorts and joins a workspace's events: room to do it in memory, for this transaction only.
SET LOCAL work_mem = '128MB';
