-- The compare-and-set: only a check that read the alert as it still is moves it; any other changes no row.
UPDATE analytics.alerts SET state = @state, last_value = @value, last_checked_as_of = @as_of
WHERE alert_id = @id AND state = @old_state AND last_checked_as_of IS NOT DISTINCT FROM @old_as_of::timestamp;
