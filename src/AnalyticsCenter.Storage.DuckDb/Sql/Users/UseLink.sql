-- Marks a usable link used, and names its user; a used or expired one changes nothing.
UPDATE ac.password_links SET used_at = $now
WHERE token_hash = $hash AND used_at IS NULL AND expires_at > $now
RETURNING user_id;
