COPY analytics.deployments (workspace_id, timeline_id, conversation_id, conversation_version, user_country_code, user_cellphone,
    deployment_timestamp, delivery_status, status_detail, deployment_delivered_timestamp, session_id, deployment_id,
    line_whatsapp_number, campaign_name, session_started_timestamp, session_finished_timestamp, session_replied)
FROM STDIN (FORMAT BINARY)
