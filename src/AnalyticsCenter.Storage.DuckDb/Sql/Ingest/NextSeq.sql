-- The next event's seq. Seqs never repeat, even after retention purged the newest events: refresh state remembers the
-- last one seen.
SELECT greatest((SELECT coalesce(max(seq), 0) FROM ac.events), (SELECT coalesce(max(last_seq), 0) FROM ac.refresh_state)) + 1;
