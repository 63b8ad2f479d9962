-- Keys host platforms sign embed tokens with (HS256), and the ids of tokens already used. The secret is kept as it is,
-- since checking a signature needs it; it guards the data of the database that holds it. Only the store's own role reads
-- them; on Citus they stay plain tables on the coordinator, like the sign-in key ring.
CREATE TABLE analytics.embed_keys (
    key_id       text PRIMARY KEY,
    host         text NOT NULL,
    workspace_id text,
    secret       text NOT NULL,
    created_at   timestamp NOT NULL,
    revoked_at   timestamp
);
CREATE INDEX embed_keys_by_host ON analytics.embed_keys (host, workspace_id) WHERE revoked_at IS NULL;

-- Kept until the token could no longer be accepted anyway, so each token opens one session, whichever server it reaches.
CREATE TABLE analytics.embed_tokens_used (
    host       text NOT NULL,
    token_id   text NOT NULL,
    keep_until timestamp NOT NULL,
    PRIMARY KEY (host, token_id)
);
CREATE INDEX embed_tokens_used_by_time ON analytics.embed_tokens_used (keep_until);
