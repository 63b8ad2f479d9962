-- Each tenant role reads views of its own, in a schema named as the role (its search_path), filtered by its workspace
-- written as a literal: the planner then has the workspace's statistics, parallel plans and index order, and Citus routes
-- the query to the one shard that holds the workspace. The views are security_invoker, so the tenant role reads the base
-- tables itself: it is granted their tenant-visible columns (and workspace_id, which the filter reads), and the wall is
-- row-level security on the base tables, which Citus carries to every shard, so it holds on the workers too, where a
-- query runs as the tenant's role. With the view's literal, the planner turns the policy's lookup into a one-time filter
-- (the literal must equal the login's workspace), evaluated once per query rather than per row.

-- The policy calls the lookup without a sub-select (Citus refuses sub-selects in the policies of distributed tables), and
-- the lookup may run in a parallel plan (it only reads the registry).
ALTER FUNCTION analytics.session_workspace() PARALLEL SAFE;
ALTER POLICY own_workspace ON analytics.sessions USING (workspace_id = analytics.session_workspace());
ALTER POLICY own_workspace ON analytics.deployments USING (workspace_id = analytics.session_workspace());
-- On a store already laid out for Citus, the policy now runs on the workers: as Citus/Distribute.sql says for the others.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        ALTER FUNCTION analytics.session_workspace() SET citus.allow_nested_distributed_execution = on;
    END IF;
END
$$;

-- A role's schema, views and grants (the store owns the schema and views; the role may only use and read them). Run by the
-- store for each role it creates, and below for the roles made before this version.
CREATE FUNCTION analytics.open_tenant_views(role name, workspace text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    relation text;
BEGIN
    EXECUTE format('CREATE SCHEMA %I', role);
    EXECUTE format($v$
        CREATE VIEW %I.sessions WITH (security_invoker) AS
        SELECT session_id, parent_session_id, session_started_timestamp, session_finished_timestamp, session_type, session_status,
               conversation_id, conversation_version, user_country_code, user_cellphone, line_whatsapp_number,
               line_whatsapp_display_name, first_message_timestamp, first_message, last_message_timestamp, last_message,
               last_node_id, meta_source_url, meta_source_type, meta_source_id, meta_source_headline, meta_source_body,
               meta_source_media_type, meta_source_media_url, meta_source_thumbnail_url, whatsapp_link_campaign_name,
               whatsapp_link_campaign_source, session_end_reason
        FROM analytics.sessions
        WHERE workspace_id = %L
        $v$, role, workspace);
    EXECUTE format($v$
        CREATE VIEW %I.deployments WITH (security_invoker) AS
        SELECT conversation_id, conversation_version, user_country_code, user_cellphone, deployment_timestamp, delivery_status,
               status_detail, deployment_delivered_timestamp, session_id, deployment_id, line_whatsapp_number, campaign_name
        FROM analytics.deployments
        WHERE workspace_id = %L
        $v$, role, workspace);
    EXECUTE format('GRANT USAGE ON SCHEMA %1$I, analytics TO %1$I', role);
    EXECUTE format('GRANT SELECT ON %1$I.sessions, %1$I.deployments TO %1$I', role);
    -- The columns the views show, and the workspace their filter reads; never the refresh's own columns.
    FOREACH relation IN ARRAY ARRAY['sessions', 'deployments'] LOOP
        EXECUTE (SELECT format('GRANT SELECT (workspace_id, %s) ON analytics.%I TO %I',
                               string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum), relation, role)
                 FROM pg_attribute a
                 WHERE a.attrelid = format('%I.%I', role, relation)::regclass AND a.attnum > 0 AND NOT a.attisdropped);
    END LOOP;
    EXECUTE format('ALTER ROLE %1$I SET search_path = %1$I', role);
END
$$;

-- The roles made before: their own views replace the shared ones of schema "tenant" (a loop, so each call runs here).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT role_name, workspace_id FROM analytics.tenant_roles LOOP
        PERFORM analytics.open_tenant_views(r.role_name, r.workspace_id);
    END LOOP;
END
$$;
DROP SCHEMA tenant CASCADE;
