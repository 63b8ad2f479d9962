-- The new role's own views of its workspace, and its grants (Migrations/008_literal_tenant_views.sql).
SELECT analytics.open_tenant_views(@role, @workspace);
-- And of its workspace's uploads (Migrations/014_uploads.sql).
SELECT analytics.open_upload_views(@role, @workspace);
-- And of the facts the refresh keeps for the reports, after the uploads', which drop them (Migrations/020_report_facts.sql).
SELECT analytics.open_fact_views(@role, @workspace);
