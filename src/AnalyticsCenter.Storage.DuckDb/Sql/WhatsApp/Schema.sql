-- WhatsApp Cloud API webhooks. A configured line (analytics lines add) says which workspace a phone number's
-- webhooks belong to and how its messages become events.
CREATE TABLE IF NOT EXISTS ac.lines (
    phone_number_id      VARCHAR PRIMARY KEY,   -- Meta's id of the number: the webhooks' metadata.phone_number_id
    workspace_id         VARCHAR NOT NULL,
    line_number          VARCHAR NOT NULL,      -- digits with country code
    display_name         VARCHAR NOT NULL,
    conversation_id      VARCHAR,               -- the default inbound flow, or NULL
    conversation_version INTEGER,
    updated_at           TIMESTAMP NOT NULL
);

-- WhatsApp-link campaigns of a line, recognised by a code in the link's prefilled text.
CREATE TABLE IF NOT EXISTS ac.line_link_codes (
    phone_number_id VARCHAR NOT NULL,
    code            VARCHAR NOT NULL,
    campaign_name   VARCHAR NOT NULL,
    campaign_source VARCHAR,
    PRIMARY KEY (phone_number_id, code)
);

-- Webhook statuses waiting for the deployment.created whose message_id is theirs (the contract names a status's
-- deployment by deployment_id, which WhatsApp does not know). Each refresh turns the matched ones into
-- deployment.status events; one no deployment names goes after the retention period.
CREATE TABLE IF NOT EXISTS ac.whatsapp_statuses (
    workspace_id VARCHAR NOT NULL,
    event_id     VARCHAR NOT NULL,              -- message id and status: Meta's retries are duplicates
    message_id   VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,
    occurred_at  TIMESTAMP NOT NULL,
    error_code   VARCHAR,
    error_title  VARCHAR,
    error_detail VARCHAR,
    received_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, event_id)
);
