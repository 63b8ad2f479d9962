COPY analytics_bench_floor.sessions FROM STDIN (FORMAT BINARY)
