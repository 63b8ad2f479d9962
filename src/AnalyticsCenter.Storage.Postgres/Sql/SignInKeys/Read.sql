SELECT xml FROM analytics.signin_keys ORDER BY stored_at, name;
