-- As Reports/DuckDb/meta-attribution-columns.sql, in PostgreSQL; latest_headline is the headline of the row's latest session.
max(latest_headline) AS meta_source_headline,
count(*) AS sessions,
count(session_finished_timestamp) AS finished_sessions,
round(avg(date_part('epoch', session_finished_timestamp - session_started_timestamp))::numeric, 1)::double precision AS avg_duration_s,
count(*) FILTER (WHERE session_status = 'AGENTS' OR session_end_reason = 'agent_closed') AS handed_to_agents,
round(count(*) FILTER (WHERE session_status = 'AGENTS' OR session_end_reason = 'agent_closed')::numeric / count(*), 4)::double precision
    AS agents_share
