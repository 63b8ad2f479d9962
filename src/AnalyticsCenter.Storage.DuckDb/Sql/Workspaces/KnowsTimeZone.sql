-- Whether DuckDB's own time zone data (the ICU extension's, which AT TIME ZONE and timezone() use) knows $tz.
SELECT count(*) > 0 FROM pg_timezone_names() WHERE name = $tz;
