-- Flow drop-off: for the busiest conversation and version, sessions by the last node they reached.
WITH busiest AS (
    SELECT conversation_id, conversation_version
    FROM sessions
    WHERE conversation_id IS NOT NULL
    GROUP BY ALL
    ORDER BY count(*) DESC, conversation_id, conversation_version
    LIMIT 1
)
SELECT s.conversation_id,
       s.conversation_version,
       coalesce(s.last_node_id, '(none)') AS last_node_id,
       count(*) AS sessions,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share_pct
FROM sessions s
JOIN busiest b ON b.conversation_id = s.conversation_id AND b.conversation_version = s.conversation_version
GROUP BY ALL
ORDER BY sessions DESC, last_node_id
LIMIT 10
