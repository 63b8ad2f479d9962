-- The benchmark's floor: the store's tables' columns with no index, key or identity, in a schema of its own that the
-- benchmark drops afterwards. Logged, as the store's tables are: the floor pays for durable writes too. keyed_events has
-- the events table's key and indexes as well: what keeping them costs a plain copy, beside the floor.
DROP SCHEMA IF EXISTS analytics_bench_floor CASCADE;
CREATE SCHEMA analytics_bench_floor;
CREATE TABLE analytics_bench_floor.events (LIKE analytics.events);
CREATE TABLE analytics_bench_floor.keyed_events (LIKE analytics.events INCLUDING INDEXES);
CREATE TABLE analytics_bench_floor.sessions (LIKE analytics.sessions);
CREATE TABLE analytics_bench_floor.deployments (LIKE analytics.deployments);
