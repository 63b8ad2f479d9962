COPY analytics_bench_floor.deployments FROM STDIN (FORMAT BINARY)
