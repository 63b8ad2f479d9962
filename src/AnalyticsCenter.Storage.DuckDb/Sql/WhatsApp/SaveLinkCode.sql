-- Adds a link code to a configured line, or replaces its campaign; nothing for an unknown line.
INSERT OR REPLACE INTO ac.line_link_codes (phone_number_id, code, campaign_name, campaign_source)
SELECT phone_number_id, $code, $campaign_name, $campaign_source FROM ac.lines WHERE phone_number_id = $phone_number_id;
