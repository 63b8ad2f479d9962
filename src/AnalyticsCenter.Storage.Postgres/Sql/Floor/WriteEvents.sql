COPY analytics_bench_floor.events FROM STDIN (FORMAT BINARY)
