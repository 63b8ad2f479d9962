-- With $group_by 'tag', each (phone digits, tag) of the uploaded audience_tags once (phones compared by digits, as in
-- conversion-attribution.sql); with 'country' (the default) none, so joining it adds no rows.
tag AS (
    SELECT DISTINCT ltrim(regexp_replace(t.phone::VARCHAR, '[^0-9]', '', 'g'), '0') AS phone_digits,
                    t.tag::VARCHAR AS tag
    FROM audience_tags t
    WHERE coalesce($group_by::VARCHAR, 'country') = 'tag'
)
