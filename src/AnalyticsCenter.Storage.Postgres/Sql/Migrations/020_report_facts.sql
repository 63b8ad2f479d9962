-- Facts the ready reports would otherwise join a whole workspace's sessions and deployments for, kept by the refresh with
-- the rows (RefreshRows): a delivered deployment's session and the deployment that started an outbound session live in
-- the same timeline, which the refresh writes whole, so the facts stay exact under incremental refresh and sit on the
-- same shard on Citus. A deployment keeps its session's start, finish and whether the user wrote in it (NULL and false
-- when no session has its id); a session keeps the campaign of the deployment that started it.
ALTER TABLE analytics.deployments
    ADD COLUMN session_started_timestamp timestamp,
    ADD COLUMN session_finished_timestamp timestamp,
    ADD COLUMN session_replied boolean NOT NULL DEFAULT false;
ALTER TABLE analytics.sessions ADD COLUMN deployment_campaign_name text;

-- The rows refreshed before this version get their facts here, from the rows themselves.
UPDATE analytics.deployments d
SET session_started_timestamp = s.session_started_timestamp,
    session_finished_timestamp = s.session_finished_timestamp,
    session_replied = s.first_message_timestamp IS NOT NULL
FROM analytics.sessions s
WHERE s.workspace_id = d.workspace_id AND s.session_id = d.session_id;
UPDATE analytics.sessions s
SET deployment_campaign_name = d.campaign_name
FROM analytics.deployments d
WHERE d.workspace_id = s.workspace_id AND d.session_id = s.session_id;

-- A role's views of the facts, beside its sessions and deployments (Tenant/OpenViews.sql): those views' columns and the
-- facts, filtered by the workspace as a literal as they are, and granted the same way. Named with a prefix no upload can
-- take (UploadNames), so they never clash with an upload's view. Making a role's upload views drops its other views
-- (Migrations/014_uploads.sql), so these are made after them, each time (Tenant/OpenViews.sql, Uploads/OpenViews.sql).
CREATE FUNCTION analytics.open_fact_views(role name, workspace text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v record;
    shown text;
BEGIN
    FOR v IN SELECT * FROM (VALUES
                 ('sessions', 'tenant_session_facts', ARRAY['deployment_campaign_name']),
                 ('deployments', 'tenant_deployment_facts', ARRAY['session_started_timestamp', 'session_finished_timestamp', 'session_replied']))
             AS t(relation, facts_view, facts) LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO shown
        FROM pg_attribute a
        WHERE a.attrelid = format('%I.%I', role, v.relation)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
        EXECUTE format('CREATE VIEW %I.%I WITH (security_invoker) AS SELECT %s, %s FROM analytics.%I WHERE workspace_id = %L',
            role, v.facts_view, shown, (SELECT string_agg(quote_ident(f), ', ') FROM unnest(v.facts) f), v.relation, workspace);
        EXECUTE format('GRANT SELECT ON %I.%I TO %I', role, v.facts_view, role);
        EXECUTE format('GRANT SELECT (%s) ON analytics.%I TO %I',
            (SELECT string_agg(quote_ident(f), ', ') FROM unnest(v.facts) f), v.relation, role);
    END LOOP;
END
$$;

-- The roles made before.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT role_name, workspace_id FROM analytics.tenant_roles LOOP
        PERFORM analytics.open_fact_views(r.role_name, r.workspace_id);
    END LOOP;
END
$$;

-- A store already laid out for Citus has the new function on every node, as Citus/Distribute.sql does for a store
-- distributed later.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        IF EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = 'analytics.sessions'::regclass) THEN
            PERFORM create_distributed_function('analytics.open_fact_views(name, text)'::regprocedure);
        END IF;
    END IF;
END
$$;
