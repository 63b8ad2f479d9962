-- The timelines of pass $pass (from 0) of $passes: a fixed share of the refresh's timelines, each in exactly one pass.
INSERT INTO dirty_timelines SELECT timeline_id, ws FROM refresh_timelines WHERE timeline_id % $passes = $pass;
