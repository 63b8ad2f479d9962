SELECT EXISTS (SELECT 1 FROM analytics.events);
