-- Adds a link code to a configured line, or replaces its campaign; nothing for an unknown line.
INSERT INTO analytics.line_link_codes (phone_number_id, code, campaign_name, campaign_source)
SELECT phone_number_id, @code, @campaign_name, @campaign_source::text FROM analytics.lines WHERE phone_number_id = @phone_number_id
ON CONFLICT (phone_number_id, code) DO UPDATE SET campaign_name = excluded.campaign_name, campaign_source = excluded.campaign_source;
