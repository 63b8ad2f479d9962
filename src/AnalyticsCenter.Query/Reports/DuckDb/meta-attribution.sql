-- Meta (Click-to-WhatsApp) attribution: sessions started from an ad or a post, by source.
-- Only sessions with a meta_source_id. meta_source_headline is the headline of the source's latest session.
-- avg_duration_s: mean of finished - started, in seconds, over finished sessions only (open ones have no end).
-- Handed to agents: session_status = 'AGENTS', or the session was closed by an agent
-- (session_end_reason = 'agent_closed'). session_status is the latest stage reached, so a session an agent handled
-- and that then asked for a rating shows RATING; closed by an agent it still counts, but one that ended otherwise
-- (inactivity, overwritten…) cannot be told from a bot-only rating and does not: the share is a lower bound.
-- agents_share = those sessions / all sessions of the source.
SELECT meta_source_type,
       meta_source_id,
       {include:meta-attribution-columns}
FROM sessions
WHERE meta_source_id IS NOT NULL
  AND {session_filters}
  AND ($session_type::VARCHAR IS NULL OR session_type = $session_type::VARCHAR)
GROUP BY meta_source_type, meta_source_id
ORDER BY sessions DESC, meta_source_type, meta_source_id
