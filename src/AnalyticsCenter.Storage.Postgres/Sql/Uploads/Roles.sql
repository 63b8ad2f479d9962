-- Every role of the workspace (its query role and BI roles), whose views of its uploads are made anew after a change.
SELECT role_name FROM analytics.tenant_roles WHERE workspace_id = @ws;
