-- A refresh's work tables (Refresh/*.sql), once the connection's temp tables: the timelines it recomputes (refresh_dirty)
-- and the sessionizer's safe purge point of each timeline (purge_cuts); the seqs it takes from the queue go to the one
-- statement that reads them as a parameter. They are the store's own tables keyed by workspace so that, on Citus, they are
-- sharded beside the events and every statement of a workspace's refresh runs on that workspace's shard alone: a temp
-- table lives on the coordinator, so joining it with the events pulled rows through it. A refresh writes and deletes its
-- rows in its own transaction, under its workspace's lock (TableRefresh), so no other session ever sees one and a crash
-- leaves none. Logged tables, not UNLOGGED: Citus moves shards online by logical replication, which cannot publish
-- unlogged tables.
CREATE TABLE analytics.refresh_dirty (
    workspace_id text NOT NULL,
    timeline_id  bigint NOT NULL,
    PRIMARY KEY (workspace_id, timeline_id)
);
CREATE TABLE analytics.purge_cuts (
    workspace_id text NOT NULL,
    timeline_id  bigint NOT NULL,
    purge_before timestamp NOT NULL,
    PRIMARY KEY (workspace_id, timeline_id)
);

-- A refresh reads the dirty timelines' events by an index led by the workspace, since every refresh statement filters on
-- it: one index then answers the join. With the timeline alone in front, a planner without fresh statistics (a refresh
-- right after a large ingest) ANDed it with the key's index, reading all the workspace's index entries once per timeline.
CREATE INDEX events_by_workspace_timeline ON analytics.events (workspace_id, timeline_id, occurred_at);
DROP INDEX analytics.events_by_timeline;

-- Only the store's own role reads them: no grant, and row-level security with no policy should one ever be given.
REVOKE ALL ON analytics.refresh_dirty, analytics.purge_cuts FROM PUBLIC;
ALTER TABLE analytics.refresh_dirty ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.purge_cuts ENABLE ROW LEVEL SECURITY;

-- A store already laid out for Citus distributes them now, as Citus/Distribute.sql does for a store distributed later.
DO $$
BEGIN
    -- Nested: pg_dist_partition exists only with the extension, and a condition naming it is planned as a whole.
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        IF EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = 'analytics.events'::regclass) THEN
            PERFORM create_distributed_table('analytics.refresh_dirty', 'workspace_id', colocate_with := 'analytics.events');
            PERFORM create_distributed_table('analytics.purge_cuts', 'workspace_id', colocate_with := 'analytics.events');
        END IF;
    END IF;
END
$$;
