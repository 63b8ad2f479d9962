SELECT role_name, password FROM analytics.tenant_roles WHERE workspace_id = @workspace AND purpose = 'query';
