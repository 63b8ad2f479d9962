COPY analytics_bench_peer.events (doc) FROM STDIN (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
