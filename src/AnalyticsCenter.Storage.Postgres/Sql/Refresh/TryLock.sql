-- Lock.sql's lock if it is free now; false when another refresher holds the workspace.
SELECT pg_try_advisory_xact_lock(hashtextextended('analytics.refresh ' || @ws, 0));
