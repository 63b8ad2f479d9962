-- The start of a tenant query's transaction, on the workspace role's own login: read-only whatever the statement tries,
-- and interrupted by the server past the time limit (this transaction only; the role's defaults say the same). The
-- bounded stand-ins (schema tenant_bounds) come before pg_catalog, with the bound on values they refuse past.
SET TRANSACTION READ ONLY;
SELECT set_config('statement_timeout', @timeout, true),
    set_config('search_path', quote_ident(session_user) || ', tenant_bounds, pg_catalog', true),
    set_config('tenant_bounds.max_value_bytes', @max_value_bytes, true);
