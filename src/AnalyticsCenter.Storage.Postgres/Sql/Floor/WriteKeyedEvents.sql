COPY analytics_bench_floor.keyed_events FROM STDIN (FORMAT BINARY)
