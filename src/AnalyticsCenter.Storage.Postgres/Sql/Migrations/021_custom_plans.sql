-- Tenant and BI roles plan every statement with its values: a BI tool that prepares its statements would otherwise get
-- PostgreSQL's generic plan from a statement's sixth run, made without the parameters' values, where a ready report's
-- empty optional filters (@x IS NULL OR …) no longer fold away and its estimates collapse. New roles: Tenant/CreateRole.sql.
DO $$
DECLARE
    tenant_role name;
BEGIN
    FOR tenant_role IN SELECT role_name FROM analytics.tenant_roles LOOP
        EXECUTE pg_catalog.format('ALTER ROLE %I SET plan_cache_mode = force_custom_plan', tenant_role);
    END LOOP;
END
$$;
