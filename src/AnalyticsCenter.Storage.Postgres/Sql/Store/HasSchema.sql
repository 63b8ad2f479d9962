-- Whether the store's version table exists: not in a database the store never wrote.
SELECT to_regclass('analytics.schema_migrations') IS NOT NULL;
