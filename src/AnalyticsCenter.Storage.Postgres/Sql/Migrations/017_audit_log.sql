-- Who made what (Core's Actor, kept as its stored text), and each workspace's audit log: who did what, when, to what,
-- and how it ended. The log is append-only for the product: the store has no statement that changes an entry, and drops
-- only a workspace's entries older than its retention (a year unless told otherwise) as it appends. Tenant and BI roles
-- are never granted it, and row-level security with no policy hides every row from any role but the store's own, should
-- one ever be. On Citus it is sharded by workspace beside the events, as the other per-workspace logs.
ALTER TABLE analytics.saved_queries ADD COLUMN created_by text, ADD COLUMN changed_by text;
ALTER TABLE analytics.subscriptions ADD COLUMN created_by text;

CREATE TABLE analytics.audit_log (
    workspace_id text NOT NULL,
    entry_id     bigint GENERATED ALWAYS AS IDENTITY,
    recorded_at  timestamp NOT NULL,   -- UTC
    actor        text NOT NULL,        -- Core's Actor.ToStored()
    action       text NOT NULL,        -- Core's AuditAction, by name
    object_id    text NOT NULL,
    object_name  text NOT NULL,
    outcome      text NOT NULL,        -- Core's AuditOutcome, by name
    detail       text NOT NULL,
    PRIMARY KEY (workspace_id, entry_id)
);
CREATE INDEX audit_log_by_time ON analytics.audit_log (workspace_id, recorded_at);
REVOKE ALL ON analytics.audit_log FROM PUBLIC;
ALTER TABLE analytics.audit_log ENABLE ROW LEVEL SECURITY;

-- A store already laid out for Citus distributes the log now, as Citus/Distribute.sql does for a store distributed later.
DO $$
BEGIN
    -- Nested: pg_dist_partition exists only with the extension, and a condition naming it is planned as a whole.
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        IF EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = 'analytics.events'::regclass) THEN
            PERFORM create_distributed_table('analytics.audit_log', 'workspace_id', colocate_with := 'analytics.events');
        END IF;
    END IF;
END
$$;
