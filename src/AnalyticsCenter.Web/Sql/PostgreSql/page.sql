-- A page of a filtered table, newest first, with keyset paging: the page after (@after_started, @after_id).
-- The table's filter query and its paging key (an instant and an id) are written in by BrowsedTable. The key is compared
-- as one row value, so an index on (instant, id COLLATE "C") serves both the cursor and the order; ids compare by code
-- point, as in DuckDB.
SELECT *
FROM (
{filtered}
) AS filtered
WHERE @after_started::timestamp IS NULL
   OR ({time}, {id} COLLATE "C") < (@after_started::timestamp, @after_id::text)
ORDER BY {time} DESC, {id} COLLATE "C" DESC
LIMIT @limit::bigint
