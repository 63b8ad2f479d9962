-- What a user writes by hand: the NDJSON file loaded with DuckDB's read_json, only the columns the inactivity rule needs
-- (lines that do not parse are skipped).
CREATE TABLE reference_events AS
SELECT workspace_id, type, occurred_at, line.number AS line_number, "user".phone AS user_phone
FROM read_json('{file}', format = 'newline_delimited', ignore_errors = true,
    columns = {workspace_id: 'VARCHAR', type: 'VARCHAR', occurred_at: 'TIMESTAMPTZ', line: 'STRUCT(number VARCHAR)', "user": 'STRUCT(phone VARCHAR)'});
