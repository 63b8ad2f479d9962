-- What a new role ({role}) searches: its own views first (Tenant/OpenViews.sql), then the bounded stand-ins
-- (Migrations/010_value_bounds.sql), before pg_catalog, which PostgreSQL would otherwise search first.
ALTER ROLE {role} SET search_path = {role}, tenant_bounds, pg_catalog;
