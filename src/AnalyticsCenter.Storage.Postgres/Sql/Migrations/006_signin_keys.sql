-- The web tab's sign-in cookie keys (ASP.NET Core Data Protection's key ring, one XML element a key), kept here so every
-- server on this store accepts a sign-in any of them made, and a restart keeps them. Only the store's own role reads it.
CREATE TABLE analytics.signin_keys (
    name      text PRIMARY KEY,  -- Data Protection's name for the element (key-<id>)
    xml       text NOT NULL,
    stored_at timestamp NOT NULL
);
