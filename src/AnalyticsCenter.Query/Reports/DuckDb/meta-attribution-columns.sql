-- The columns of Reports/DuckDb/meta-attribution.sql after the source, over the sessions of a row: also those of
-- meta-attribution-by-period.
arg_max(meta_source_headline, session_started_timestamp) AS meta_source_headline,
count(*) AS sessions,
count(session_finished_timestamp) AS finished_sessions,
round(avg(epoch(session_finished_timestamp - session_started_timestamp)), 1) AS avg_duration_s,
count(*) FILTER (WHERE session_status = 'AGENTS' OR session_end_reason = 'agent_closed') AS handed_to_agents,
round(count(*) FILTER (WHERE session_status = 'AGENTS' OR session_end_reason = 'agent_closed') / count(*), 4) AS agents_share
