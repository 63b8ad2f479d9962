-- One refresher per workspace at a time, held until its transaction ends; other workspaces' refreshes go on.
SELECT pg_advisory_xact_lock(hashtextextended('analytics.refresh ' || @ws, 0));
