-- The start of a tenant query's transaction, on the workspace role's own login: read-only whatever the statement tries,
-- and interrupted by the server past the time limit (this transaction only; the role's defaults say the same).
SET TRANSACTION READ ONLY;
SELECT set_config('statement_timeout', @timeout, true), set_config('search_path', quote_ident(session_user), true);
