INSERT INTO analytics.tenant_roles (role_name, workspace_id, purpose, label, created_at, password)
VALUES (@role, @workspace, @purpose, @label, @created_at, @password);
