-- What a tenant's query sees: its own rows of the two tables, the documented columns only, no workspace column.
-- {workspace} is a validated WorkspaceId (only A-Z a-z 0-9 _ -), substituted because views take no parameters.
CREATE OR REPLACE TEMP VIEW sessions AS
SELECT session_id, parent_session_id, session_started_timestamp, session_finished_timestamp, session_type, session_status,
       conversation_id, conversation_version, user_country_code, user_cellphone, line_whatsapp_number,
       line_whatsapp_display_name, first_message_timestamp, first_message, last_message_timestamp, last_message,
       last_node_id, meta_source_url, meta_source_type, meta_source_id, meta_source_headline, meta_source_body,
       meta_source_media_type, meta_source_media_url, meta_source_thumbnail_url, whatsapp_link_campaign_name,
       whatsapp_link_campaign_source, session_end_reason
FROM ac.sessions WHERE workspace_id = '{workspace}';
CREATE OR REPLACE TEMP VIEW deployments AS
SELECT conversation_id, conversation_version, user_country_code, user_cellphone, deployment_timestamp, delivery_status,
       status_detail, deployment_delivered_timestamp, session_id, deployment_id, line_whatsapp_number, campaign_name
FROM ac.deployments WHERE workspace_id = '{workspace}';
