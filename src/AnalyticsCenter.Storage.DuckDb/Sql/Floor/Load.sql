-- The source store's events, parsed and in memory: what an ingest has in hand before it writes anything.
ATTACH '{source}' AS floor_source (READ_ONLY);
CREATE TEMP TABLE floor_events AS FROM floor_source.ac.events;
DETACH floor_source;
