-- A read of the store's own tables, for its side effect: it fixes the running transaction's snapshot.
SELECT count(*) FROM (SELECT 1 FROM ac.sessions LIMIT 1);
