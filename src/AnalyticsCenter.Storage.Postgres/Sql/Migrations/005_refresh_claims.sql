-- Scheduled refreshes claimed by the servers sharing this store: the first server to insert a boundary refreshes for it,
-- the others find it taken (INSERT … ON CONFLICT DO NOTHING), so each boundary is refreshed once however many serve.
CREATE TABLE analytics.refresh_claims (
    boundary   timestamp PRIMARY KEY,  -- the scheduled instant, UTC
    claimed_by text NOT NULL,          -- host/process id of the server that took it, for operators
    claimed_at timestamp NOT NULL
);
