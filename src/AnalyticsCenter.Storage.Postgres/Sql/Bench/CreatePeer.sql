-- The peer of the benchmark: what a PostgreSQL user would do without the product. One jsonb document per NDJSON line,
-- in a schema of its own that the benchmark drops afterwards.
DROP SCHEMA IF EXISTS analytics_bench_peer CASCADE;
CREATE SCHEMA analytics_bench_peer;
CREATE TABLE analytics_bench_peer.events (doc jsonb NOT NULL);
