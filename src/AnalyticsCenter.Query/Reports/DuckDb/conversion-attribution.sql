-- Each uploaded conversion credited to the last session of its user that started before it, at most $window_days days
-- before (default 7); of two starting at the same instant, the one with the smaller session_id. Phones are compared by
-- their digits, leading zeros dropped: a session's user_country_code and user_cellphone are its WhatsApp number's digits,
-- split, so '+57 300 123-4567' and '573001234567' both match +57 3001234567. attributed.session_id is NULL for a
-- conversion no session qualifies for. Every session counts here, whatever the filters; reports keep those that pass them.
conversion AS (
    SELECT row_number() OVER () AS conversion_no,
           ltrim(regexp_replace(c.phone::VARCHAR, '[^0-9]', '', 'g'), '0') AS phone_digits,
           c.occurred_at::TIMESTAMP AS occurred_at,
           c.value::DOUBLE AS value
    FROM conversions c
),
credited AS (
    SELECT c.conversion_no,
           c.occurred_at,
           c.value,
           s.session_id,
           row_number() OVER (PARTITION BY c.conversion_no ORDER BY s.session_started_timestamp DESC, s.session_id) AS latest
    FROM conversion c
    LEFT JOIN sessions s
           ON substr(s.user_country_code, 2) || s.user_cellphone = c.phone_digits
          AND s.session_started_timestamp < c.occurred_at
          AND s.session_started_timestamp >= c.occurred_at - to_days(coalesce($window_days::INTEGER, 7))
),
attributed AS (
    SELECT conversion_no, occurred_at, value, session_id
    FROM credited
    WHERE latest = 1
)
