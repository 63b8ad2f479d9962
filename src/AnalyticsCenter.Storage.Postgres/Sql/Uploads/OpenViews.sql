-- Run per role, with no FROM: on Citus a call in a query over tenant_roles (a reference table) would be sent to a worker,
-- where the views' DDL is refused; this way it runs on the coordinator, which carries the views to the workers.
SELECT analytics.open_upload_views(@role, @ws);
-- Making them dropped the role's views of the facts the refresh keeps for the reports: they are made again.
SELECT analytics.open_fact_views(@role, @ws);
