-- Flow drop-off: as Reports/DuckDb/drop-off.sql, in PostgreSQL. Sessions are counted once by flow and last node, and
-- the busiest flow is chosen from those counts, so the table is read once.
WITH counted AS (
    SELECT conversation_id, conversation_version, last_node_id, count(*) AS sessions
    FROM sessions
    WHERE {session_filters}
      AND (@session_type::text IS NULL OR session_type = @session_type::text)
    GROUP BY conversation_id, conversation_version, last_node_id
),
flow AS (
    SELECT conversation_id, conversation_version
    FROM counted
    WHERE conversation_id IS NOT NULL
    GROUP BY conversation_id, conversation_version
    ORDER BY sum(sessions) DESC, conversation_id COLLATE "C", conversation_version
    LIMIT 1
)
SELECT c.conversation_id,
       c.conversation_version,
       coalesce(c.last_node_id, '(none)') COLLATE "C" AS last_node_id,
       sum(c.sessions)::bigint AS sessions,
       round(sum(c.sessions) / sum(sum(c.sessions)) OVER (), 4)::double precision AS share
FROM counted c
JOIN flow f ON f.conversation_id = c.conversation_id AND f.conversation_version IS NOT DISTINCT FROM c.conversation_version
GROUP BY 1, 2, 3
ORDER BY sessions DESC, last_node_id
