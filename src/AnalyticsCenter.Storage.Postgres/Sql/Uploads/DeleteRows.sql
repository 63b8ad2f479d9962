DELETE FROM analytics.upload_rows WHERE workspace_id = @ws AND upload_name = @name;
