-- A page of a filtered table, newest first, with keyset paging: the page after (@after_started, @after_id).
-- The table's filter query and its paging key (an instant and an id) are written in by BrowsedTable. The key is compared
-- as one row value; ids compare by code point, as in DuckDB.
-- A tenant reads its table through a security-barrier view, which the planner keeps as a subquery that no outer ORDER BY
-- or LIMIT reaches, so every filtered row passes through it: the page's keys are found first over the key columns
-- alone, and only the page's own rows are then read whole, each through the view by its key (an index on the instant
-- serves that).
WITH page_keys AS (
    SELECT {time} AS instant, {id} AS id
    FROM (
{filtered}
    ) AS filtered
    WHERE @after_started::timestamp IS NULL
       OR ({time}, {id} COLLATE "C") < (@after_started::timestamp, @after_id::text)
    ORDER BY {time} DESC, {id} COLLATE "C" DESC
    LIMIT @limit::bigint
)
SELECT page.*
FROM page_keys k
CROSS JOIN LATERAL (
    -- OFFSET 0 keeps this a subquery of its own, so the key's values reach the view as constants of each lookup.
    SELECT *
    FROM (
{filtered}
    ) AS filtered
    WHERE {time} = k.instant AND {id} = k.id
    OFFSET 0
) AS page
ORDER BY page.{time} DESC, page.{id} COLLATE "C" DESC
