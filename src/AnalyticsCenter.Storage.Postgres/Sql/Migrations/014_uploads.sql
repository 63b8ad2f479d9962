-- Tables workspaces upload (issue 19). One generic layout holds every upload's rows: each row's values as text in their
-- canonical form (ISO dates and times in UTC, numbers with a point), read back typed by the views each tenant and BI role
-- has per upload in its own schema. One table, not one per upload, because then the wall is the one sessions have, set
-- once here (row-level security on workspace_id, distributed by workspace_id on Citus, co-located with sessions so a join
-- stays on the workspace's worker), and an upload, replace or delete is rows and views only: no table DDL to carry to
-- every Citus node and grant per upload. The views cast each value once per query, which uploads (small tables of ad
-- spend, conversions, tags) can afford. Retention never touches them.
CREATE TABLE analytics.uploads (
    workspace_id text NOT NULL,
    name         text NOT NULL,
    columns      text NOT NULL,   -- name:type,... (Core's UploadColumnTypes.Describe)
    row_count    bigint NOT NULL,
    bytes        bigint NOT NULL,
    uploaded_at  timestamp NOT NULL,
    PRIMARY KEY (workspace_id, name)
);

CREATE TABLE analytics.upload_rows (
    workspace_id text NOT NULL,
    upload_name  text NOT NULL,
    value_texts  text[] NOT NULL
);
CREATE INDEX upload_rows_by_upload ON analytics.upload_rows (workspace_id, upload_name);

ALTER TABLE analytics.upload_rows ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_workspace ON analytics.upload_rows USING (workspace_id = analytics.session_workspace());

-- A role's views of its workspace's uploads, made anew (the others of its schema dropped): run for every role of a
-- workspace whenever an upload of it changes, and for each role as it is made (Tenant/OpenViews.sql).
CREATE FUNCTION analytics.open_upload_views(role name, workspace text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v record;
    u record;
BEGIN
    FOR v IN SELECT c.relname FROM pg_class c
             WHERE c.relnamespace = role::regnamespace AND c.relkind = 'v' AND c.relname NOT IN ('sessions', 'deployments') LOOP
        EXECUTE format('DROP VIEW %I.%I', role, v.relname);
    END LOOP;
    EXECUTE format('GRANT SELECT (workspace_id, upload_name, value_texts) ON analytics.upload_rows TO %I', role);
    FOR u IN SELECT name, columns FROM analytics.uploads WHERE workspace_id = workspace LOOP
        EXECUTE format('CREATE VIEW %I.%I WITH (security_invoker) AS SELECT %s FROM analytics.upload_rows WHERE workspace_id = %L AND upload_name = %L',
            role, u.name,
            (SELECT string_agg(format('value_texts[%s]::%s AS %I', t.ord,
                        CASE split_part(t.col, ':', 2)
                            WHEN 'integer' THEN 'bigint' WHEN 'decimal' THEN 'numeric' WHEN 'date' THEN 'date'
                            WHEN 'timestamp' THEN 'timestamp' WHEN 'timestamptz' THEN 'timestamp' WHEN 'boolean' THEN 'boolean'
                            ELSE 'text' END,
                        split_part(t.col, ':', 1)), ', ' ORDER BY t.ord)
             FROM unnest(string_to_array(u.columns, ',')) WITH ORDINALITY AS t(col, ord)),
            workspace, u.name);
        EXECUTE format('GRANT SELECT ON %I.%I TO %I', role, u.name, role);
    END LOOP;
END
$$;

-- The roles made before: none has uploads yet, but each gets its column grant.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT role_name, workspace_id FROM analytics.tenant_roles LOOP
        PERFORM analytics.open_upload_views(r.role_name, r.workspace_id);
    END LOOP;
END
$$;

-- A store already laid out for Citus distributes the rows now, as Citus/Distribute.sql does for a store distributed later.
DO $$
BEGIN
    -- Nested: pg_dist_partition exists only with the extension, and a condition naming it is planned as a whole.
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        IF EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = 'analytics.sessions'::regclass) THEN
            PERFORM create_distributed_table('analytics.upload_rows', 'workspace_id', colocate_with := 'analytics.sessions');
            PERFORM create_distributed_function('analytics.open_upload_views(name, text)'::regprocedure);
        END IF;
    END IF;
END
$$;
