DROP SCHEMA IF EXISTS analytics_bench_floor CASCADE;
