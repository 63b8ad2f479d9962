DROP SCHEMA IF EXISTS analytics_bench_peer CASCADE;
