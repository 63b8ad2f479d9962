-- Records a script as applied, in its own transaction (the table comes with the first one).
CREATE TABLE IF NOT EXISTS analytics.schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
INSERT INTO analytics.schema_migrations (version, name) VALUES (@version, @name);
