DELETE FROM staged_events;
DELETE FROM staged_rejections;
