-- Flow drop-off as a funnel: for one conversation and version, its nodes in the flow's order, each with the sessions
-- that stopped there (last_node_id; NULL, no node reached, shown as '(none)' and put first) and the sessions that
-- reached it (stopped there or at a later node). The sessions hold no flow definition, so the order is taken from them:
-- a node comes after another when the sessions that stopped at it had their user's last message later into the session,
-- on average (0 when the user wrote nothing; ties by node id). $conversation_id and $conversation_version choose the
-- flow; whichever is NULL is chosen as the busiest (most sessions under the other filters; ties by conversation_id, then
-- version). share and reached_share are of all sessions of the flow.
WITH filtered AS (
    SELECT conversation_id, conversation_version, last_node_id, session_started_timestamp, last_message_timestamp
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
),
nodes AS (
    SELECT s.conversation_id,
           s.conversation_version,
           s.last_node_id,
           count(*) AS sessions,
           avg(coalesce(epoch_us(s.last_message_timestamp) - epoch_us(s.session_started_timestamp), 0)) AS position_us
    FROM filtered s
    JOIN flow f ON f.conversation_id = s.conversation_id AND f.conversation_version IS NOT DISTINCT FROM s.conversation_version
    GROUP BY s.conversation_id, s.conversation_version, s.last_node_id
),
ordered AS (
    SELECT *, row_number() OVER (ORDER BY last_node_id IS NOT NULL, position_us, last_node_id) AS step
    FROM nodes
)
SELECT step,
       conversation_id,
       conversation_version,
       coalesce(last_node_id, '(none)') AS last_node_id,
       sessions,
       round(sessions / sum(sessions) OVER (), 4) AS share,
       (sum(sessions) OVER (ORDER BY step DESC))::BIGINT AS reached,
       round(sum(sessions) OVER (ORDER BY step DESC) / sum(sessions) OVER (), 4) AS reached_share
FROM ordered
ORDER BY step
