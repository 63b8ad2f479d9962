-- Whether the store's tables are already laid out for Citus (events is distributed by Distribute.sql, in one transaction
-- with the rest).
SELECT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = 'analytics.events'::regclass);
