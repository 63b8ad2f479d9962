SELECT label, workspace_id, role_name, created_at FROM analytics.tenant_roles WHERE purpose = 'bi' ORDER BY workspace_id, label;
