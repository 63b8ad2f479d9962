-- Lays the store's tables out for Citus, in one transaction: what grows with events is sharded by workspace, so a
-- workspace's ingest, refresh and queries go to one shard of each table, on one worker; the small tables a worker needs
-- beside its shards are copied to every node; what only the store's own connection reads stays on the coordinator.
-- Tables that hold rows are moved into their shards (create_distributed_table copies them), so a store in use can be
-- distributed in place.

-- Citus needs every unique key of a distributed table to hold the distribution column: events and timelines were keyed
-- by their identity alone. Their identities stay bigint identities, which Citus supports on distributed tables: the
-- coordinator, where the store's statements run, draws them from its sequence as before.
ALTER TABLE analytics.events DROP CONSTRAINT events_pkey;
ALTER TABLE analytics.events ADD PRIMARY KEY (workspace_id, seq);
ALTER TABLE analytics.timelines DROP CONSTRAINT timelines_pkey;
ALTER TABLE analytics.timelines ADD PRIMARY KEY (workspace_id, timeline_id);

-- A store made before the extension has its tenant roles' schemas on the coordinator only; Citus copies their views to
-- the workers with the tables they read, and needs the schemas there first. IF NOT EXISTS is still sent to the workers.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT role_name FROM analytics.tenant_roles LOOP
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', r.role_name);
    END LOOP;
END
$$;

-- Row-level security runs on the workers, as the tenant's role, inside the query on a shard; its lookup reads the registry,
-- a reference table, which Citus refuses to read from within a shard's query unless told: the registry has a copy on
-- every node, so the read is local and the same everywhere.
ALTER FUNCTION analytics.session_workspace() SET citus.allow_nested_distributed_execution = on;

-- Reference tables, on every node: the settings a refresh joins with events (workspaces), the registry row-level security
-- reads on the workers (tenant_roles), and the workspaces' keys, lines and saved queries, which are small, rarely written
-- and per workspace.
SELECT create_reference_table('analytics.workspaces');
SELECT create_reference_table('analytics.tenant_roles');
SELECT create_reference_table('analytics.api_keys');
SELECT create_reference_table('analytics.saved_queries');
SELECT create_reference_table('analytics.lines');
SELECT create_reference_table('analytics.line_link_codes');

-- The store's functions run inside statements pushed to the workers, so every worker needs them. A store made on the
-- coordinator had them copied when they were created; one distributed in place has them on the coordinator only. After
-- the reference tables: a function's body names them, and the workers check it when they create it.
SELECT create_distributed_function(p.oid::regprocedure)
FROM pg_proc p WHERE p.pronamespace = 'analytics'::regnamespace;

-- Distributed on workspace_id, co-located (the same workspace's rows of every table on the same worker, so joins between
-- them stay on it). 32 shards: Citus's default, several per worker core for a cluster of a few workers, and each shard
-- can move to a new worker (citus_rebalance_start) as the cluster grows; the count is fixed once rows are in.
SELECT create_distributed_table('analytics.events', 'workspace_id', shard_count := 32);
SELECT create_distributed_table('analytics.timelines', 'workspace_id', colocate_with := 'analytics.events');
SELECT create_distributed_table('analytics.refresh_batches', 'workspace_id', colocate_with := 'analytics.events');
SELECT create_distributed_table('analytics.refresh_state', 'workspace_id', colocate_with := 'analytics.events');
SELECT create_distributed_table('analytics.sessions', 'workspace_id', colocate_with := 'analytics.events');
SELECT create_distributed_table('analytics.deployments', 'workspace_id', colocate_with := 'analytics.events');
SELECT create_distributed_table('analytics.whatsapp_statuses', 'workspace_id', colocate_with := 'analytics.events');
-- The data versions (Migrations/023_data_versions.sql), when the store has them: that migration distributes them itself
-- on a store laid out before it, so this script lays out a store of any version.
SELECT create_distributed_table(to_regclass('analytics.data_versions'), 'workspace_id', colocate_with := 'analytics.events')
WHERE to_regclass('analytics.data_versions') IS NOT NULL;
-- Uploaded rows (Migrations/014_uploads.sql) beside the workspace's sessions, so a join of the two stays on its worker.
SELECT create_distributed_table('analytics.upload_rows', 'workspace_id', colocate_with := 'analytics.events');
-- Each workspace's audit log (Migrations/017_audit_log.sql): it grows with use and is kept a year, so it is sharded too.
SELECT create_distributed_table('analytics.audit_log', 'workspace_id', colocate_with := 'analytics.events');
-- A refresh's work tables (Migrations/018_refresh_work_tables.sql), so each of its statements stays on the workspace's shard.
SELECT create_distributed_table('analytics.refresh_dirty', 'workspace_id', colocate_with := 'analytics.events');
SELECT create_distributed_table('analytics.purge_cuts', 'workspace_id', colocate_with := 'analytics.events');

-- Left on the coordinator, as plain tables only the store's own connection reads, never joined with the tables above:
-- rejections (a rejected line may name no workspace, and Citus cannot place a row with no distribution value), the
-- schema's version, refresh claims and the sign-in key ring (one each for the whole store), the uploads' catalog
-- (analytics.uploads: tenants read uploads through views of upload_rows, never the catalog), and subscriptions and alerts
-- with their deliveries and transitions (Migrations/012, 015, 016): their claims are one-row compare-and-sets that must
-- not wait for every worker, as a reference table's writes would, and a notification must not stop with the worker of
-- a shard.

-- create_distributed_table leaves the rows it copied hidden in the coordinator's own table; they are not needed there.
SELECT truncate_local_data_after_distributing_table(relation)
FROM unnest(ARRAY['analytics.workspaces', 'analytics.tenant_roles', 'analytics.api_keys', 'analytics.saved_queries', 'analytics.lines',
                  'analytics.line_link_codes', 'analytics.events', 'analytics.timelines', 'analytics.refresh_batches', 'analytics.refresh_state',
                  'analytics.sessions', 'analytics.deployments', 'analytics.whatsapp_statuses', 'analytics.upload_rows',
                  'analytics.audit_log']::regclass[]) AS relation;
SELECT truncate_local_data_after_distributing_table(to_regclass('analytics.data_versions'))
WHERE to_regclass('analytics.data_versions') IS NOT NULL;
