-- Flow drop-off as a funnel: as Reports/DuckDb/drop-off.sql, in PostgreSQL. Node ids sort byte-wise (COLLATE "C"), as
-- DuckDB sorts text.
-- One pass over the sessions: every flow's nodes are counted at once (a few hundred groups), and the busiest flow is
-- picked from those counts, so the sessions are neither kept for a second pass nor joined back.
WITH all_nodes AS (
    SELECT conversation_id,
           conversation_version,
           last_node_id,
           count(*) AS sessions,
           avg(coalesce(extract(epoch FROM last_message_timestamp - session_started_timestamp), 0)) AS position_s
    FROM sessions
    WHERE {session_filters}
      AND (@session_type::text IS NULL OR session_type = @session_type::text)
    GROUP BY conversation_id, conversation_version, last_node_id
),
flow AS (
    SELECT conversation_id, conversation_version
    FROM all_nodes
    WHERE conversation_id IS NOT NULL
    GROUP BY conversation_id, conversation_version
    ORDER BY sum(sessions) DESC, conversation_id COLLATE "C", conversation_version
    LIMIT 1
),
nodes AS (
    SELECT n.*
    FROM all_nodes n
    JOIN flow f ON f.conversation_id = n.conversation_id AND f.conversation_version IS NOT DISTINCT FROM n.conversation_version
),
ordered AS (
    SELECT *, row_number() OVER (ORDER BY last_node_id IS NOT NULL, position_s, last_node_id COLLATE "C") AS step
    FROM nodes
)
SELECT step,
       conversation_id,
       conversation_version,
       coalesce(last_node_id, '(none)') COLLATE "C" AS last_node_id,
       sessions,
       round(sessions::numeric / sum(sessions) OVER (), 4)::double precision AS share,
       (sum(sessions) OVER (ORDER BY step DESC))::bigint AS reached,
       round((sum(sessions) OVER (ORDER BY step DESC))::numeric / sum(sessions) OVER (), 4)::double precision AS reached_share
FROM ordered
ORDER BY step
