-- A Citus coordinator's workers (none without Citus), so the benchmark can read their servers' CPU too.
SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' AND isactive ORDER BY nodeid;
