-- Whether the database is a Citus coordinator's: the extension is there (a DBA creates it, with the workers).
SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus');
