-- Ends a tenant role for good: no new login, its open sessions terminated, its views (the store owns them), what it owns
-- in this database (large objects it made) and the grants it holds dropped, then the role. An ordinary CREATEROLE role
-- may signal only the backends of roles it has the privileges of, so the store first makes itself a member: the store may
-- act as the tenant, never the reverse.
ALTER ROLE {role} NOLOGIN;
GRANT {role} TO CURRENT_USER;
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{role}';
DROP SCHEMA IF EXISTS {role} CASCADE;
DROP OWNED BY {role};
DROP ROLE {role};
