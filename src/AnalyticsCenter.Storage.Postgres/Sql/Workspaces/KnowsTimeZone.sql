-- Whether PostgreSQL's own time zone data, which AT TIME ZONE uses, knows @tz.
SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = @tz);
