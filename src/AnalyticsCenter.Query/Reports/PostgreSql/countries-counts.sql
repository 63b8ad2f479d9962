-- The counting of Reports/PostgreSql/countries-by-key.sql, shared with countries.readable.sql, which finds each
-- deployment's session by joining the sessions instead of reading the facts the refresh keeps. Reads d (group_key,
-- delivery_status, created_session, replied) and keyed_sessions.
by_deployments AS (
    SELECT group_key,
           count(*) AS deployments,
           count(*) FILTER (WHERE delivery_status = 'Delivered') AS delivered,
           count(*) FILTER (WHERE created_session) AS outbound_sessions,
           count(*) FILTER (WHERE replied) AS replied_sessions
    FROM d
    GROUP BY group_key
),
by_sessions AS (
    SELECT group_key,
           count(*) AS sessions,
           round(avg(date_part('epoch', session_finished_timestamp - session_started_timestamp))::numeric, 1)::double precision AS avg_duration_s
    FROM keyed_sessions
    GROUP BY group_key
),
by_key AS (
    SELECT coalesce(bd.group_key, bs.group_key) COLLATE "C" AS group_key,
           coalesce(bd.deployments, 0) AS deployments,
           coalesce(bd.delivered, 0) AS delivered,
           round(bd.delivered::numeric / nullif(bd.deployments, 0), 4)::double precision AS delivery_rate,
           coalesce(bd.outbound_sessions, 0) AS outbound_sessions,
           round(bd.outbound_sessions::numeric / nullif(bd.delivered, 0), 4)::double precision AS sessions_per_delivered,
           coalesce(bd.replied_sessions, 0) AS replied_sessions,
           round(bd.replied_sessions::numeric / nullif(bd.delivered, 0), 4)::double precision AS replies_per_delivered,
           coalesce(bs.sessions, 0) AS sessions,
           bs.avg_duration_s
    FROM by_deployments bd
    -- A NULL group_key (no tag) is a group too; PostgreSQL runs a FULL JOIN only on equalities, so IS NOT DISTINCT FROM
    -- is spelt as two.
    FULL JOIN by_sessions bs ON (bs.group_key IS NULL) = (bd.group_key IS NULL) AND coalesce(bs.group_key, '') = coalesce(bd.group_key, '')
)
