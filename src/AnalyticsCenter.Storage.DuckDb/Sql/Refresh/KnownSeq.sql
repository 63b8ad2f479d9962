-- The seq up to which every workspace with an event has its refresh state (0 before any refresh of all).
SELECT coalesce(max(last_seq), 0) FROM ac.refresh_all;
