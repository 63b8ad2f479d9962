-- The connection's staging table: a batch's events as read, in input order (ord), emptied at every commit.
CREATE TEMP TABLE IF NOT EXISTS ingest_staging (
    ord           integer NOT NULL,
    workspace_id  text NOT NULL,
    event_id      text NOT NULL,
    type          smallint NOT NULL,
    occurred_at   timestamp NOT NULL,
    received_at   timestamp NOT NULL,
    line_number   text,
    country_code  text,
    cellphone     text,
    deployment_id text,
    status        smallint,
    details       text
) ON COMMIT DELETE ROWS;

-- The batch's distinct timeline keys: sorted out once by AddTimelines.sql, read by StoreEvents.sql too. Bytewise, as the
-- timelines' key index is (Migrations/022).
CREATE TEMP TABLE IF NOT EXISTS ingest_timelines (
    workspace_id text COLLATE "C" NOT NULL,
    line_number  text COLLATE "C" NOT NULL,
    country_code text COLLATE "C" NOT NULL,
    cellphone    text COLLATE "C" NOT NULL
) ON COMMIT DELETE ROWS;
