-- Serializes the creation and dropping of tenant roles across every process of the store, to the end of the transaction.
SELECT pg_advisory_xact_lock(hashtextextended('analytics.tenant_roles', 0));
