-- What one call may make: the functions that turn a small input into a big value (a string, a list) are shadowed by macros
-- of the same names that check the size first and then call the built-in one. DuckDB's memory limit does not cover such
-- values. The macros live in an in-memory database of their own, value_bounds, which only tenant connections search
-- (after the store's own main schema, before the built-in functions). {max_bytes} and {max_items} are integers the store
-- substitutes.
-- Each check is a CASE, so the value is made only when its size passed. The functions that take any number of arguments
-- (printf, format, concat) are shadowed by ValueBounds.cs, an overload for each count.
CREATE OR REPLACE MACRO value_bounds.main.ac_checked_bytes(value, bytes, what) AS
    CASE WHEN bytes > {max_bytes}
        THEN error(system.main.concat(what, ' would make a value of about ', bytes::BIGINT::VARCHAR, ' bytes; a value may have at most {max_bytes}'))
        ELSE value END;
CREATE OR REPLACE MACRO value_bounds.main.ac_size(v) AS coalesce(strlen(v::VARCHAR), 0);
CREATE OR REPLACE MACRO value_bounds.main.ac_checked_items(value, items, what) AS
    CASE WHEN items > {max_items}
        THEN error(system.main.concat(what, ' would make a list of about ', items::BIGINT::VARCHAR, ' items; a list may have at most {max_items}'))
        ELSE value END;
-- A format whose width or precision is dynamic (* or a nested {}) or five digits long could make any size.
CREATE OR REPLACE MACRO value_bounds.main.ac_checked_format(fmt) AS
    CASE WHEN regexp_matches(fmt, '%[-+ #0-9.]*[0-9]{5}|%[^a-zA-Z%]*\*|\{[^{}]*[0-9]{5}[^{}]*\}|\{[^{}]*\{')
        THEN error('a format''s widths and precisions may have at most four digits, and may not be given as arguments')
        ELSE fmt END;
CREATE OR REPLACE MACRO value_bounds.main.repeat(s, n) AS system.main.repeat(s, value_bounds.main.ac_checked_bytes(n, n::DOUBLE * value_bounds.main.ac_size(s), 'repeat()'));
CREATE OR REPLACE MACRO value_bounds.main.lpad(s, n, p) AS system.main.lpad(s, value_bounds.main.ac_checked_bytes(n, n::DOUBLE, 'lpad()'), p);
CREATE OR REPLACE MACRO value_bounds.main.rpad(s, n, p) AS system.main.rpad(s, value_bounds.main.ac_checked_bytes(n, n::DOUBLE, 'rpad()'), p);
CREATE OR REPLACE MACRO value_bounds.main.replace(s, f, t) AS
    value_bounds.main.ac_checked_bytes(system.main.replace(s, f, t), strlen(s)::DOUBLE * (1 + strlen(t)::DOUBLE / greatest(strlen(f), 1)), 'replace()');
CREATE OR REPLACE MACRO value_bounds.main."||"(a, b) AS
    value_bounds.main.ac_checked_bytes(system.main."||"(a, b), value_bounds.main.ac_size(a) + value_bounds.main.ac_size(b), '||');
CREATE OR REPLACE MACRO value_bounds.main.list_resize(l, n) AS system.main.list_resize(l, value_bounds.main.ac_checked_items(n, n, 'list_resize()')),
    (l, n, v) AS system.main.list_resize(l, value_bounds.main.ac_checked_items(n, n, 'list_resize()'), v);
CREATE OR REPLACE MACRO value_bounds.main.array_resize(l, n) AS system.main.array_resize(l, value_bounds.main.ac_checked_items(n, n, 'array_resize()')),
    (l, n, v) AS system.main.array_resize(l, value_bounds.main.ac_checked_items(n, n, 'array_resize()'), v);
CREATE OR REPLACE MACRO value_bounds.main.range(b BIGINT) AS system.main.range(value_bounds.main.ac_checked_items(b, b, 'range()')),
    (a BIGINT, b BIGINT) AS system.main.range(a, value_bounds.main.ac_checked_items(b, b::DOUBLE - a, 'range()')),
    (a BIGINT, b BIGINT, step BIGINT) AS system.main.range(a, value_bounds.main.ac_checked_items(b, (b::DOUBLE - a) / step, 'range()'), step),
    (a TIMESTAMP, b TIMESTAMP, step INTERVAL) AS system.main.range(a, value_bounds.main.ac_checked_items(b, epoch_us(b - a)::DOUBLE / epoch_us(step), 'range()'), step),
    (a TIMESTAMPTZ, b TIMESTAMPTZ, step INTERVAL) AS system.main.range(a, value_bounds.main.ac_checked_items(b, epoch_us(b - a)::DOUBLE / epoch_us(step), 'range()'), step);
CREATE OR REPLACE MACRO value_bounds.main.generate_series(b BIGINT) AS system.main.generate_series(value_bounds.main.ac_checked_items(b, b, 'generate_series()')),
    (a BIGINT, b BIGINT) AS system.main.generate_series(a, value_bounds.main.ac_checked_items(b, b::DOUBLE - a, 'generate_series()')),
    (a BIGINT, b BIGINT, step BIGINT) AS system.main.generate_series(a, value_bounds.main.ac_checked_items(b, (b::DOUBLE - a) / step, 'generate_series()'), step),
    (a TIMESTAMP, b TIMESTAMP, step INTERVAL) AS system.main.generate_series(a, value_bounds.main.ac_checked_items(b, epoch_us(b - a)::DOUBLE / epoch_us(step), 'generate_series()'), step),
    (a TIMESTAMPTZ, b TIMESTAMPTZ, step INTERVAL) AS system.main.generate_series(a, value_bounds.main.ac_checked_items(b, epoch_us(b - a)::DOUBLE / epoch_us(step), 'generate_series()'), step);
