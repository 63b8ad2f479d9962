-- What one tenant call may make: the functions and aggregates that turn a small input into a big value (a string, an
-- array, a JSON document) are shadowed by stand-ins of the same names and argument types in schema tenant_bounds, which
-- tenant roles search after their views and before pg_catalog (search_path tenant, tenant_bounds, pg_catalog): PostgreSQL
-- resolves a call to the first schema holding a function of identical argument types. Each stand-in estimates the size
-- from its arguments (or the aggregate from its state) and refuses past the bound before the value is made; otherwise it
-- calls the built-in. The text check refuses schema-qualified calls (pg_catalog.repeat), so a tenant cannot step around them.
-- The bound is tenant_bounds.max_value_bytes, which each tenant query sets (TenantAccessOptions.MaxValueBytes); a session
-- that never set it (a BI login) has the same default, 64 KiB. Bodies name pg_catalog explicitly, so the tenant's
-- search_path cannot change what they call.
CREATE SCHEMA tenant_bounds;

CREATE FUNCTION tenant_bounds.max_bytes() RETURNS numeric
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(nullif(pg_catalog.current_setting('tenant_bounds.max_value_bytes', true), '')::numeric, 65536) $$;

-- The refusal, in words naming the function; it returns (never) a value of the caller's type, so a CASE can hold it.
-- COST 1: it runs at most once a query, and the planner must not take every checked call for expensive (see below).
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

-- The aggregates that gather rows into one value, each step checking the size the state would reach (PL/pgSQL: a
-- transition function is called once per row and is never inlined, and PL/pgSQL's simple expressions cost least there;
-- COST 1, as the built-ins', so that the planner does not take them for expensive and JIT-compile the query, which alone
-- takes a backend tens of megabytes).
-- SSPACE says a group's state may reach the default bound: a hash aggregate then keeps only as many groups in memory as
-- work_mem holds at that size and spills the others, since a group admitted small may still grow to the bound.
CREATE FUNCTION tenant_bounds.string_agg_step(state text, value text, delimiter text) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 1
    AS $$
DECLARE
    bytes numeric;
BEGIN
    IF value IS NULL OR state IS NULL THEN
        RETURN coalesce(state, value);
    END IF;
    bytes := pg_catalog.octet_length(state)::numeric + coalesce(pg_catalog.octet_length(delimiter), 0) + pg_catalog.octet_length(value);
    IF bytes > tenant_bounds.max_bytes() THEN
        PERFORM tenant_bounds.refuse('string_agg()', bytes, NULL::text);
    END IF;
    RETURN pg_catalog.textcat(pg_catalog.textcat(state, coalesce(delimiter, '')), value);
END
$$;
CREATE AGGREGATE tenant_bounds.string_agg(text, text) (SFUNC = tenant_bounds.string_agg_step, STYPE = text, SSPACE = 65536, PARALLEL = SAFE);

CREATE FUNCTION tenant_bounds.string_agg_step(state bytea, value bytea, delimiter bytea) RETURNS bytea
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 1
    AS $$
DECLARE
    bytes numeric;
BEGIN
    IF value IS NULL OR state IS NULL THEN
        RETURN coalesce(state, value);
    END IF;
    bytes := pg_catalog.octet_length(state)::numeric + coalesce(pg_catalog.octet_length(delimiter), 0) + pg_catalog.octet_length(value);
    IF bytes > tenant_bounds.max_bytes() THEN
        PERFORM tenant_bounds.refuse('string_agg()', bytes, NULL::text);
    END IF;
    RETURN pg_catalog.byteacat(pg_catalog.byteacat(state, coalesce(delimiter, '\x'::bytea)), value);
END
$$;
CREATE AGGREGATE tenant_bounds.string_agg(bytea, bytea) (SFUNC = tenant_bounds.string_agg_step, STYPE = bytea, SSPACE = 65536, PARALLEL = SAFE);

CREATE FUNCTION tenant_bounds.array_agg_step(state anyarray, value anynonarray) RETURNS anyarray
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 1
    AS $$
DECLARE
    bytes numeric;
BEGIN
    IF state IS NOT NULL THEN
        bytes := pg_catalog.pg_column_size(state)::numeric + coalesce(pg_catalog.pg_column_size(value), 1);
    IF bytes > tenant_bounds.max_bytes() THEN
        PERFORM tenant_bounds.refuse('array_agg()', bytes, NULL::text);
    END IF;
    END IF;
    RETURN pg_catalog.array_append(state, value);
END
$$;
CREATE AGGREGATE tenant_bounds.array_agg(anynonarray) (SFUNC = tenant_bounds.array_agg_step, STYPE = anyarray, SSPACE = 65536, PARALLEL = SAFE);

-- Arrays of arrays stack into one more dimension, as the built-in does.
CREATE FUNCTION tenant_bounds.array_agg_step(state anyarray, value anyarray) RETURNS anyarray
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 1
    AS $$
DECLARE
    bytes numeric;
BEGIN
    IF state IS NULL THEN
        RETURN ARRAY[value];
    END IF;
    bytes := pg_catalog.pg_column_size(state)::numeric + coalesce(pg_catalog.pg_column_size(value), 1);
    IF bytes > tenant_bounds.max_bytes() THEN
        PERFORM tenant_bounds.refuse('array_agg()', bytes, NULL::text);
    END IF;
    RETURN pg_catalog.array_cat(state, ARRAY[value]);
END
$$;
CREATE AGGREGATE tenant_bounds.array_agg(anyarray) (SFUNC = tenant_bounds.array_agg_step, STYPE = anyarray, SSPACE = 65536, PARALLEL = SAFE);

-- json_agg writes its elements as the built-in does: ", " between them, and a line break before an array or a row.
CREATE FUNCTION tenant_bounds.json_agg_step(state text, value anyelement) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 1
    AS $$
DECLARE
    piece text := coalesce(pg_catalog.to_json(value)::text, 'null');
    bytes numeric;
BEGIN
    IF state IS NULL THEN
        RETURN pg_catalog.textcat('[', piece);
    END IF;
    bytes := pg_catalog.octet_length(state)::numeric + pg_catalog.octet_length(piece) + 4;
    IF bytes > tenant_bounds.max_bytes() THEN
        PERFORM tenant_bounds.refuse('json_agg()', bytes, NULL::text);
    END IF;
    IF pg_catalog.left(piece, 1) IN ('[', '{') AND pg_catalog.pg_typeof(value) NOT IN ('json'::regtype, 'jsonb'::regtype) THEN
        RETURN pg_catalog.textcat(pg_catalog.textcat(state, E', \n '), piece);
    END IF;
    RETURN pg_catalog.textcat(pg_catalog.textcat(state, ', '), piece);
END
$$;
CREATE FUNCTION tenant_bounds.json_agg_final(state text) RETURNS json
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.textcat(state, ']')::json $$;
CREATE AGGREGATE tenant_bounds.json_agg(anyelement) (
    SFUNC = tenant_bounds.json_agg_step, STYPE = text, FINALFUNC = tenant_bounds.json_agg_final, SSPACE = 65536, PARALLEL = SAFE);

-- jsonb_agg gathers the elements' text and reads it once at the end: text grows by copying bytes, while jsonb_concat
-- would take the whole document apart at every row.
CREATE FUNCTION tenant_bounds.jsonb_agg_step(state text, value anyelement) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 1
    AS $$
DECLARE
    piece text := coalesce(pg_catalog.to_jsonb(value)::text, 'null');
    bytes numeric;
BEGIN
    IF state IS NULL THEN
        RETURN pg_catalog.textcat('[', piece);
    END IF;
    bytes := pg_catalog.octet_length(state)::numeric + pg_catalog.octet_length(piece) + 3;
    IF bytes > tenant_bounds.max_bytes() THEN
        PERFORM tenant_bounds.refuse('jsonb_agg()', bytes, NULL::text);
    END IF;
    RETURN pg_catalog.textcat(pg_catalog.textcat(state, ', '), piece);
END
$$;
CREATE FUNCTION tenant_bounds.jsonb_agg_final(state text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.textcat(state, ']')::jsonb $$;
CREATE AGGREGATE tenant_bounds.jsonb_agg(anyelement) (
    SFUNC = tenant_bounds.jsonb_agg_step, STYPE = text, FINALFUNC = tenant_bounds.jsonb_agg_final, SSPACE = 65536, PARALLEL = SAFE);

-- jsonb_path_query_array copies every item it finds into one array, and an item may hold the items under it (the .**
-- accessor on a deep document gives a value that grows with the square of the depth): it gathers them with the bounded
-- jsonb_agg instead, so each item is counted as it is added.
CREATE FUNCTION tenant_bounds.jsonb_path_query_array(
    target jsonb, path jsonpath, vars jsonb DEFAULT '{}'::jsonb, silent boolean DEFAULT false) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(tenant_bounds.jsonb_agg(item), '[]'::jsonb) FROM pg_catalog.jsonb_path_query(target, path, vars, silent) AS item $$;
CREATE FUNCTION tenant_bounds.jsonb_path_query_array_tz(
    target jsonb, path jsonpath, vars jsonb DEFAULT '{}'::jsonb, silent boolean DEFAULT false) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(tenant_bounds.jsonb_agg(item), '[]'::jsonb) FROM pg_catalog.jsonb_path_query_tz(target, path, vars, silent) AS item $$;

-- Anyone may call the stand-ins (they only narrow built-ins PUBLIC may call); the store's default privileges revoke that.
GRANT USAGE ON SCHEMA tenant_bounds TO PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tenant_bounds TO PUBLIC;

-- Existing tenant and BI roles search the stand-ins too (new ones get it from Tenant/CreateRole.sql).
DO $$
DECLARE
    tenant_role name;
BEGIN
    FOR tenant_role IN SELECT role_name FROM analytics.tenant_roles LOOP
        EXECUTE pg_catalog.format('ALTER ROLE %I SET search_path = tenant, tenant_bounds, pg_catalog', tenant_role);
    END LOOP;
END
$$;
