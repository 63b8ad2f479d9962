-- A page of a filtered table, newest first, with keyset paging: the page after ($after_started, $after_id).
-- The table's filter query and its paging key (an instant and an id) are written in by BrowsedTable. The page's first
-- instant is found over the key columns alone, so that only the page's own rows are read whole.
WITH filtered AS NOT MATERIALIZED (
{filtered}
),
remaining AS NOT MATERIALIZED (
    SELECT *
    FROM filtered
    WHERE $after_started::TIMESTAMP IS NULL
       OR {time} < $after_started::TIMESTAMP
       OR ({time} = $after_started::TIMESTAMP AND {id} < $after_id::VARCHAR)
),
page_start AS (
    SELECT min({time}) AS first_instant
    FROM (SELECT {time} FROM remaining ORDER BY {time} DESC, {id} DESC LIMIT $limit::BIGINT)
)
SELECT *
FROM remaining
WHERE {time} >= (SELECT first_instant FROM page_start)
ORDER BY {time} DESC, {id} DESC
LIMIT $limit::BIGINT
