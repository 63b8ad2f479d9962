-- Tenant access enforced by the database. Every workspace's SQL, and every BI tool, logs in as a LOGIN role of its own
-- (never SET ROLE from the store's login, which a member could undo) that is a member of no role, may connect to this
-- database, use schema "tenant" and read its two views, and nothing else. The views show the rows of the workspace the
-- login role (session_user, which SET ROLE cannot change) belongs to.

-- The login roles of workspaces: the store's own, for tenant SQL (it keeps their password, to log in as them), and BI
-- tools' (their password is printed once and never kept). Role names are opaque: pg_roles is readable by every role,
-- so a name must not tell other tenants which workspaces exist.
CREATE TABLE analytics.tenant_roles (
    role_name    name PRIMARY KEY,
    workspace_id text NOT NULL,
    purpose      text NOT NULL CHECK (purpose IN ('query', 'bi')),
    label        text,               -- a BI role's name as its owner gave it (metabase…); NULL for the query role
    created_at   timestamp NOT NULL,
    password     text,               -- the query role's password; NULL for BI roles
    CHECK ((purpose = 'query') = (password IS NOT NULL) AND (purpose = 'bi') = (label IS NOT NULL))
);
CREATE UNIQUE INDEX tenant_roles_one_query_role ON analytics.tenant_roles (workspace_id) WHERE purpose = 'query';
CREATE UNIQUE INDEX tenant_roles_bi_label ON analytics.tenant_roles (label) WHERE purpose = 'bi';

-- Nothing for anyone by default: PUBLIC loses CONNECT and TEMP on this database and everything on schema public (the
-- store owns both, as owner of the database); tenant roles get CONNECT one by one. Functions the store creates later
-- are not callable by PUBLIC either.
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- The workspace of the login role (session_user: SET ROLE cannot change it), or NULL for any other login. Security
-- definer, so that the row-level security below, which runs as the querying role, can read the store's registry.
CREATE FUNCTION analytics.session_workspace() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS 'SELECT workspace_id FROM analytics.tenant_roles WHERE role_name = session_user';
GRANT EXECUTE ON FUNCTION analytics.session_workspace() TO PUBLIC;

CREATE SCHEMA tenant;

-- The sub-select makes the lookup an init plan, run once per query, not once per row.
-- security_barrier: the workspace filter runs before any function of the tenant's own WHERE sees a row, so neither an
-- error nor a pg_sleep in a tenant's condition can tell anything about another workspace's rows.
CREATE VIEW tenant.sessions WITH (security_barrier) AS
SELECT session_id, parent_session_id, session_started_timestamp, session_finished_timestamp, session_type, session_status,
       conversation_id, conversation_version, user_country_code, user_cellphone, line_whatsapp_number, line_whatsapp_display_name,
       first_message_timestamp, first_message, last_message_timestamp, last_message, last_node_id, meta_source_url,
       meta_source_type, meta_source_id, meta_source_headline, meta_source_body, meta_source_media_type, meta_source_media_url,
       meta_source_thumbnail_url, whatsapp_link_campaign_name, whatsapp_link_campaign_source, session_end_reason
FROM analytics.sessions
WHERE workspace_id = (SELECT analytics.session_workspace());

CREATE VIEW tenant.deployments WITH (security_barrier) AS
SELECT conversation_id, conversation_version, user_country_code, user_cellphone, deployment_timestamp, delivery_status,
       status_detail, deployment_delivered_timestamp, session_id, deployment_id, line_whatsapp_number, campaign_name
FROM analytics.deployments
WHERE workspace_id = (SELECT analytics.session_workspace());

-- A second wall under the views: any role ever granted the base tables directly sees only its login's workspace. The
-- store owns the tables, so its ingest (COPY) and refresh are not subject to the policies.
ALTER TABLE analytics.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.deployments ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_workspace ON analytics.sessions FOR SELECT TO PUBLIC
    USING (workspace_id = (SELECT analytics.session_workspace()));
CREATE POLICY own_workspace ON analytics.deployments FOR SELECT TO PUBLIC
    USING (workspace_id = (SELECT analytics.session_workspace()));
