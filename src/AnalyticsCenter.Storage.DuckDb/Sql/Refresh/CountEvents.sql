-- How many stored events the refresh's timelines hold: what sets its number of passes.
SELECT count(*) FROM ac.events e SEMI JOIN refresh_timelines r ON r.timeline_id = e.timeline_id;
