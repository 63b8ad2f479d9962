-- Per-connection staging: the appender fills these, then one transaction moves them into ac.*.
CREATE TEMP TABLE IF NOT EXISTS staged_events AS
    SELECT * EXCLUDE (timeline_id), ''::VARCHAR AS line_number, ''::VARCHAR AS user_country_code, ''::VARCHAR AS user_cellphone
    FROM ac.events LIMIT 0;
CREATE TEMP TABLE IF NOT EXISTS staged_rejections AS SELECT * FROM ac.rejections LIMIT 0;
