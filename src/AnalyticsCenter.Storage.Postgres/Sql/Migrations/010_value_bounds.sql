-- What one tenant call may make: the functions that turn a small input into a big value (a string, an array) are
-- shadowed by stand-ins of the same names and argument types in schema tenant_bounds, which
-- tenant roles search after their views and before pg_catalog (search_path <role>, tenant_bounds, pg_catalog): PostgreSQL
-- resolves a call to the first schema holding a function of identical argument types. Each stand-in estimates the size
-- from its arguments and refuses past the bound before the value is made; otherwise it
-- calls the built-in. The text check refuses schema-qualified calls (pg_catalog.repeat), so a tenant cannot step around them.
-- The bound is tenant_bounds.max_value_bytes, which each tenant query sets (TenantAccessOptions.MaxValueBytes); a session
-- that never set it (a BI login) has the same default, 64 KiB. Bodies name pg_catalog explicitly, so the tenant's
-- search_path cannot change what they call.
-- Aggregates (string_agg, array_agg, json_agg…) are not shadowed: a stand-in's transition step copies its whole state
-- for every row, which made ordinary groups of thousands of values 15 to 100 times slower, and a bound on a group's value
-- would refuse everyday queries that DuckDB answers (string_agg of a busy workspace's session ids). What they gather
-- is held by PostgreSQL's own limit on one value and the statement timeout.
CREATE SCHEMA tenant_bounds;

CREATE FUNCTION tenant_bounds.max_bytes() RETURNS numeric
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(nullif(pg_catalog.current_setting('tenant_bounds.max_value_bytes', true), '')::numeric, 65536) $$;

-- The refusal, in words naming the function; it returns (never) a value of the caller's type, so a CASE can hold it.
-- COST 1: it runs at most once a query, and the planner must not take every checked call for expensive (it would
-- JIT-compile the query, which alone takes a backend tens of megabytes).
CREATE FUNCTION tenant_bounds.refuse(what text, bytes numeric, result_type anyelement) RETURNS anyelement
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 1
    AS $$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'program_limit_exceeded',
        MESSAGE = pg_catalog.format('%s would make a value of about %s bytes; a value may have at most %s',
            what, pg_catalog.trunc(bytes), tenant_bounds.max_bytes());
END
$$;

-- An argument of the built-in passed through the check: the built-in runs only when the size passed. It is STABLE (the
-- bound is a setting), so the planner cannot fold a built-in call of constants, such as repeat('x', 1000000000), ahead
-- of the check, as it would fold an immutable call in the other arm of a CASE.
CREATE FUNCTION tenant_bounds.bounded(argument anyelement, bytes numeric, what text) RETURNS anyelement
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN bytes > tenant_bounds.max_bytes() THEN tenant_bounds.refuse(what, bytes, argument) ELSE argument END $$;

-- The bytes a character of s takes at most (UTF-8: up to four), so that a width in characters becomes a size in bytes.
CREATE FUNCTION tenant_bounds.char_bytes(s text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.ceil(pg_catalog.octet_length(s)::numeric / greatest(pg_catalog.char_length(s), 1)) $$;

CREATE FUNCTION tenant_bounds.repeat(s text, n integer) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.repeat(s, tenant_bounds.bounded(n, pg_catalog.octet_length(s)::numeric * n, 'repeat()')) $$;

CREATE FUNCTION tenant_bounds.lpad(s text, n integer, fill text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.lpad(s, tenant_bounds.bounded(n, n * greatest(tenant_bounds.char_bytes(s), tenant_bounds.char_bytes(fill)), 'lpad()'), fill) $$;
CREATE FUNCTION tenant_bounds.lpad(s text, n integer) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.lpad(s, tenant_bounds.bounded(n, n * tenant_bounds.char_bytes(s), 'lpad()')) $$;
CREATE FUNCTION tenant_bounds.rpad(s text, n integer, fill text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.rpad(s, tenant_bounds.bounded(n, n * greatest(tenant_bounds.char_bytes(s), tenant_bounds.char_bytes(fill)), 'rpad()'), fill) $$;
CREATE FUNCTION tenant_bounds.rpad(s text, n integer) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.rpad(s, tenant_bounds.bounded(n, n * tenant_bounds.char_bytes(s), 'rpad()')) $$;

-- replace: at most one occurrence per length of the pattern, each growing by the difference of the lengths.
CREATE FUNCTION tenant_bounds.replace(s text, pattern text, replacement text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.replace(s, pattern, tenant_bounds.bounded(replacement,
        pg_catalog.octet_length(s) + pg_catalog.floor(pg_catalog.octet_length(s)::numeric / greatest(pg_catalog.octet_length(pattern), 1))
            * greatest(pg_catalog.octet_length(replacement) - pg_catalog.octet_length(pattern), 0),
        'replace()')) $$;

-- regexp_replace: a match may be empty, so up to one per position, each replaced by the replacement, whose back-references
-- (\1, \&: at most one per two of its characters) repeat text of that match; matches do not overlap.
CREATE FUNCTION tenant_bounds.regexp_checked(s text, replacement text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT tenant_bounds.bounded(replacement,
        (pg_catalog.octet_length(s)::numeric + 1) * (1 + 2 * pg_catalog.octet_length(replacement)), 'regexp_replace()') $$;
CREATE FUNCTION tenant_bounds.regexp_replace(s text, pattern text, replacement text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.regexp_replace(s, pattern, tenant_bounds.regexp_checked(s, replacement)) $$;
CREATE FUNCTION tenant_bounds.regexp_replace(s text, pattern text, replacement text, flags text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.regexp_replace(s, pattern, tenant_bounds.regexp_checked(s, replacement), flags) $$;
CREATE FUNCTION tenant_bounds.regexp_replace(s text, pattern text, replacement text, start integer) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.regexp_replace(s, pattern, tenant_bounds.regexp_checked(s, replacement), start) $$;
CREATE FUNCTION tenant_bounds.regexp_replace(s text, pattern text, replacement text, start integer, n integer) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.regexp_replace(s, pattern, tenant_bounds.regexp_checked(s, replacement), start, n) $$;
CREATE FUNCTION tenant_bounds.regexp_replace(s text, pattern text, replacement text, start integer, n integer, flags text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.regexp_replace(s, pattern, tenant_bounds.regexp_checked(s, replacement), start, n, flags) $$;

-- array_fill: the product of the dimensions, each element at least a byte (a NULL's bit rounded up).
CREATE FUNCTION tenant_bounds.fill_bytes(element anyelement, dims integer[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(pg_catalog.pg_column_size(element), 1)::numeric
        * (SELECT coalesce(pg_catalog.round(pg_catalog.exp(pg_catalog.sum(pg_catalog.ln(greatest(d, 1)::numeric)))), 1)
           FROM pg_catalog.unnest(dims) AS d) $$;
CREATE FUNCTION tenant_bounds.array_fill(element anyelement, dims integer[]) RETURNS anyarray
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.array_fill(element, tenant_bounds.bounded(dims, tenant_bounds.fill_bytes(element, dims), 'array_fill()')) $$;
CREATE FUNCTION tenant_bounds.array_fill(element anyelement, dims integer[], lower_bounds integer[]) RETURNS anyarray
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.array_fill(element, tenant_bounds.bounded(dims, tenant_bounds.fill_bytes(element, dims), 'array_fill()'), lower_bounds) $$;

-- Anyone may call the stand-ins (they only narrow built-ins PUBLIC may call); the store's default privileges revoke that.
GRANT USAGE ON SCHEMA tenant_bounds TO PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tenant_bounds TO PUBLIC;

-- Existing tenant and BI roles search the stand-ins too, after their own views (new ones: Tenant/SearchBounded.sql).
DO $$
DECLARE
    tenant_role name;
BEGIN
    FOR tenant_role IN SELECT role_name FROM analytics.tenant_roles LOOP
        EXECUTE pg_catalog.format('ALTER ROLE %1$I SET search_path = %1$I, tenant_bounds, pg_catalog', tenant_role);
    END LOOP;
END
$$;
