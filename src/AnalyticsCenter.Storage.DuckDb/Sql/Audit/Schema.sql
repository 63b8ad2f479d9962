-- Each workspace's audit log: who did what, when, to what, and how it ended. Append-only for the product: the store has
-- no statement that changes an entry, and drops only a workspace's entries older than its retention as it appends. Under
-- ac, which tenant SQL never reaches.
CREATE SEQUENCE IF NOT EXISTS ac.audit_ids;
CREATE TABLE IF NOT EXISTS ac.audit_log (
    entry_id     BIGINT NOT NULL DEFAULT nextval('ac.audit_ids'),
    workspace_id VARCHAR NOT NULL,
    recorded_at  TIMESTAMP NOT NULL,
    actor        VARCHAR NOT NULL,
    action       VARCHAR NOT NULL,
    object_id    VARCHAR NOT NULL,
    object_name  VARCHAR NOT NULL,
    outcome      VARCHAR NOT NULL,
    detail       VARCHAR NOT NULL
);

-- Who made saved queries and subscriptions (Core's Actor, as its stored text); NULL for those made before.
ALTER TABLE ac.saved_queries ADD COLUMN IF NOT EXISTS created_by VARCHAR;
ALTER TABLE ac.saved_queries ADD COLUMN IF NOT EXISTS changed_by VARCHAR;
ALTER TABLE ac.subscriptions ADD COLUMN IF NOT EXISTS created_by VARCHAR;
