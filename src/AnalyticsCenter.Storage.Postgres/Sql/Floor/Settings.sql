-- As a refresh runs its statements (Refresh/Begin.sql), for this connection.
SET work_mem = '128MB';
SET jit = off;
