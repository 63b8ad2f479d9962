-- As Reports/DuckDb/conversion-attribution.sql, in PostgreSQL: each uploaded conversion credited to the last session of
-- its user that started before it, at most @window_days days before (default 7); ties go to the smaller session_id
-- (compared by code point, as DuckDB compares it); phones compared by their digits, leading zeros dropped.
conversion AS (
    SELECT row_number() OVER () AS conversion_no,
           ltrim(regexp_replace(c.phone::text, '[^0-9]', '', 'g'), '0') AS phone_digits,
           c.occurred_at::timestamp AS occurred_at,
           c.value::double precision AS value
    FROM conversions c
),
credited AS (
    SELECT c.conversion_no,
           c.occurred_at,
           c.value,
           s.session_id,
           row_number() OVER (PARTITION BY c.conversion_no ORDER BY s.session_started_timestamp DESC, s.session_id COLLATE "C") AS latest
    FROM conversion c
    LEFT JOIN sessions s
           ON substr(s.user_country_code, 2) || s.user_cellphone = c.phone_digits
          AND s.session_started_timestamp < c.occurred_at
          AND s.session_started_timestamp >= c.occurred_at - make_interval(days => coalesce(@window_days::integer, 7))
),
attributed AS (
    SELECT conversion_no, occurred_at, value, session_id
    FROM credited
    WHERE latest = 1
)
