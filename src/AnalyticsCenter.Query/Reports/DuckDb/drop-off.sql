-- Flow drop-off: for one conversation and version, sessions by the last node they reached (NULL shown as '(none)').
-- $conversation_id and $conversation_version choose the flow; whichever is NULL is chosen as the busiest (most
-- sessions under the other filters; ties by conversation_id, then version). share = sessions / all sessions of the flow.
WITH filtered AS (
    SELECT conversation_id, conversation_version, last_node_id
    FROM sessions
    WHERE {session_filters}
      AND ($session_type::VARCHAR IS NULL OR session_type = $session_type::VARCHAR)
),
flow AS (
    SELECT conversation_id, conversation_version
    FROM filtered
    WHERE conversation_id IS NOT NULL
    GROUP BY conversation_id, conversation_version
    ORDER BY count(*) DESC, conversation_id, conversation_version
    LIMIT 1
)
SELECT s.conversation_id,
       s.conversation_version,
       coalesce(s.last_node_id, '(none)') AS last_node_id,
       count(*) AS sessions,
       round(count(*) / sum(count(*)) OVER (), 4) AS share
FROM filtered s
JOIN flow f ON f.conversation_id = s.conversation_id AND f.conversation_version IS NOT DISTINCT FROM s.conversation_version
GROUP BY ALL
ORDER BY sessions DESC, last_node_id
