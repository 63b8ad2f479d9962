-- One change to a workspace's uploads at a time (the limits count its other tables), until the transaction ends.
SELECT pg_advisory_xact_lock(hashtextextended('analytics.uploads:' || @ws, 0));
