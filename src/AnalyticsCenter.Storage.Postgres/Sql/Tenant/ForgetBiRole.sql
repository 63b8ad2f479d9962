DELETE FROM analytics.tenant_roles WHERE purpose = 'bi' AND label = @label RETURNING role_name;
