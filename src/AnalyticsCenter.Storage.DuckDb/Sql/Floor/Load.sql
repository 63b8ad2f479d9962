-- The source store's events, parsed and in memory: what an ingest has in hand before it writes anything; and its rows
-- of the two tables, in memory: what a refresh has in hand once it has computed them.
ATTACH '{source}' AS floor_source (READ_ONLY);
CREATE TEMP TABLE floor_events AS FROM floor_source.ac.events;
CREATE TEMP TABLE floor_sessions AS FROM floor_source.ac.sessions;
CREATE TEMP TABLE floor_deployments AS FROM floor_source.ac.deployments;
DETACH floor_source;
