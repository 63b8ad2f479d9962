-- Each workspace's data version (Workspaces/DataVersion.sql): raised in the transaction of every refresh and of every
-- change to its uploads, so an answer computed from its rows can be kept until the number changes. A row per workspace
-- from its first refresh or upload; none means 0.
CREATE TABLE analytics.data_versions (
    workspace_id text PRIMARY KEY,
    version      bigint NOT NULL
);

-- Only the store's own role reads it: no grant, and row-level security with no policy should one ever be given.
REVOKE ALL ON analytics.data_versions FROM PUBLIC;
ALTER TABLE analytics.data_versions ENABLE ROW LEVEL SECURITY;

-- Beside the workspace's rows on Citus, so raising it in a refresh stays on the workspace's shard; a store already laid
-- out for Citus distributes it now, as Citus/Distribute.sql does for a store distributed later.
DO $$
BEGIN
    -- Nested: pg_dist_partition exists only with the extension, and a condition naming it is planned as a whole.
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        IF EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = 'analytics.events'::regclass) THEN
            PERFORM create_distributed_table('analytics.data_versions', 'workspace_id', colocate_with := 'analytics.events');
        END IF;
    END IF;
END
$$;
