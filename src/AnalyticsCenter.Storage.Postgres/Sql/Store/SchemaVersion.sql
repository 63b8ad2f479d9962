-- The latest script applied.
SELECT coalesce(max(version), 0) FROM analytics.schema_migrations;
