-- After a refresh of every workspace: each with an event up to $last_seq now has its refresh state.
INSERT OR REPLACE INTO ac.refresh_all (last_seq) VALUES ($last_seq);
