-- As Reports/DuckDb/audience-tag.sql, in PostgreSQL.
tag AS (
    SELECT DISTINCT ltrim(regexp_replace(t.phone::text, '[^0-9]', '', 'g'), '0') AS phone_digits,
                    t.tag::text AS tag
    FROM audience_tags t
    WHERE coalesce(@group_by::text, 'country') = 'tag'
)
