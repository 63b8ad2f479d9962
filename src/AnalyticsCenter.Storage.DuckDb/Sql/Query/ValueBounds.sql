-- What one call may make: the functions that turn a small input into a big value (a string, a list) are shadowed, on the
-- tenant's connection only, by temp macros of the same names that check the size first and then call the built-in one.
-- DuckDB's memory limit does not cover such values. {max_bytes} and {max_items} are integers the store substitutes.
-- Each check is a CASE, so the value is made only when its size passed. A macro has a fixed number of parameters, so the
-- functions that take any number (printf, format, concat) are shadowed for up to 16.
CREATE OR REPLACE TEMP MACRO ac_checked_bytes(value, bytes, what) AS
    CASE WHEN bytes > {max_bytes}
        THEN error(system.main.concat(what, ' would make a value of about ', bytes::BIGINT::VARCHAR, ' bytes; a value may have at most {max_bytes}'))
        ELSE value END;
CREATE OR REPLACE TEMP MACRO ac_size(v) AS coalesce(strlen(v::VARCHAR), 0);
CREATE OR REPLACE TEMP MACRO ac_checked_items(value, items, what) AS
    CASE WHEN items > {max_items}
        THEN error(system.main.concat(what, ' would make a list of about ', items::BIGINT::VARCHAR, ' items; a list may have at most {max_items}'))
        ELSE value END;
-- A format whose width or precision is dynamic (* or a nested {}) or five digits long could make any size.
CREATE OR REPLACE TEMP MACRO ac_checked_format(fmt) AS
    CASE WHEN regexp_matches(fmt, '%[-+ #0-9.]*[0-9]{5}|%[^a-zA-Z%]*\*|\{[^{}]*[0-9]{5}[^{}]*\}|\{[^{}]*\{')
        THEN error('a format''s widths and precisions may have at most four digits, and may not be given as arguments')
        ELSE fmt END;
CREATE OR REPLACE TEMP MACRO repeat(s, n) AS system.main.repeat(s, ac_checked_bytes(n, n::DOUBLE * ac_size(s), 'repeat()'));
CREATE OR REPLACE TEMP MACRO lpad(s, n, p) AS system.main.lpad(s, ac_checked_bytes(n, n::DOUBLE, 'lpad()'), p);
CREATE OR REPLACE TEMP MACRO rpad(s, n, p) AS system.main.rpad(s, ac_checked_bytes(n, n::DOUBLE, 'rpad()'), p);
CREATE OR REPLACE TEMP MACRO replace(s, f, t) AS
    ac_checked_bytes(system.main.replace(s, f, t), strlen(s)::DOUBLE * (1 + strlen(t)::DOUBLE / greatest(strlen(f), 1)), 'replace()');
CREATE OR REPLACE TEMP MACRO "||"(a, b) AS
    ac_checked_bytes(system.main."||"(a, b), ac_size(a) + ac_size(b), '||');
CREATE OR REPLACE TEMP MACRO list_resize(l, n) AS system.main.list_resize(l, ac_checked_items(n, n, 'list_resize()')),
    (l, n, v) AS system.main.list_resize(l, ac_checked_items(n, n, 'list_resize()'), v);
CREATE OR REPLACE TEMP MACRO array_resize(l, n) AS system.main.array_resize(l, ac_checked_items(n, n, 'array_resize()')),
    (l, n, v) AS system.main.array_resize(l, ac_checked_items(n, n, 'array_resize()'), v);
CREATE OR REPLACE TEMP MACRO range(b BIGINT) AS system.main.range(ac_checked_items(b, b, 'range()')),
    (a BIGINT, b BIGINT) AS system.main.range(a, ac_checked_items(b, b::DOUBLE - a, 'range()')),
    (a BIGINT, b BIGINT, step BIGINT) AS system.main.range(a, ac_checked_items(b, (b::DOUBLE - a) / step, 'range()'), step),
    (a TIMESTAMP, b TIMESTAMP, step INTERVAL) AS system.main.range(a, ac_checked_items(b, epoch_us(b - a)::DOUBLE / epoch_us(step), 'range()'), step),
    (a TIMESTAMPTZ, b TIMESTAMPTZ, step INTERVAL) AS system.main.range(a, ac_checked_items(b, epoch_us(b - a)::DOUBLE / epoch_us(step), 'range()'), step);
CREATE OR REPLACE TEMP MACRO generate_series(b BIGINT) AS system.main.generate_series(ac_checked_items(b, b, 'generate_series()')),
    (a BIGINT, b BIGINT) AS system.main.generate_series(a, ac_checked_items(b, b::DOUBLE - a, 'generate_series()')),
    (a BIGINT, b BIGINT, step BIGINT) AS system.main.generate_series(a, ac_checked_items(b, (b::DOUBLE - a) / step, 'generate_series()'), step),
    (a TIMESTAMP, b TIMESTAMP, step INTERVAL) AS system.main.generate_series(a, ac_checked_items(b, epoch_us(b - a)::DOUBLE / epoch_us(step), 'generate_series()'), step),
    (a TIMESTAMPTZ, b TIMESTAMPTZ, step INTERVAL) AS system.main.generate_series(a, ac_checked_items(b, epoch_us(b - a)::DOUBLE / epoch_us(step), 'generate_series()'), step);
CREATE OR REPLACE TEMP MACRO printf(fmt) AS system.main.printf(ac_checked_format(fmt)),
    (fmt, a) AS system.main.printf(ac_checked_format(fmt), a),
    (fmt, a, b) AS system.main.printf(ac_checked_format(fmt), a, b),
    (fmt, a, b, c) AS system.main.printf(ac_checked_format(fmt), a, b, c),
    (fmt, a, b, c, d) AS system.main.printf(ac_checked_format(fmt), a, b, c, d),
    (fmt, a, b, c, d, e) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e),
    (fmt, a, b, c, d, e, f) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f),
    (fmt, a, b, c, d, e, f, g) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g),
    (fmt, a, b, c, d, e, f, g, h) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g, h),
    (fmt, a, b, c, d, e, f, g, h, i) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i),
    (fmt, a, b, c, d, e, f, g, h, i, j) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j),
    (fmt, a, b, c, d, e, f, g, h, i, j, k) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k),
    (fmt, a, b, c, d, e, f, g, h, i, j, k, l) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k, l),
    (fmt, a, b, c, d, e, f, g, h, i, j, k, l, m) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k, l, m),
    (fmt, a, b, c, d, e, f, g, h, i, j, k, l, m, n) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k, l, m, n),
    (fmt, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o) AS system.main.printf(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k, l, m, n, o);
CREATE OR REPLACE TEMP MACRO format(fmt) AS system.main.format(ac_checked_format(fmt)),
    (fmt, a) AS system.main.format(ac_checked_format(fmt), a),
    (fmt, a, b) AS system.main.format(ac_checked_format(fmt), a, b),
    (fmt, a, b, c) AS system.main.format(ac_checked_format(fmt), a, b, c),
    (fmt, a, b, c, d) AS system.main.format(ac_checked_format(fmt), a, b, c, d),
    (fmt, a, b, c, d, e) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e),
    (fmt, a, b, c, d, e, f) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f),
    (fmt, a, b, c, d, e, f, g) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g),
    (fmt, a, b, c, d, e, f, g, h) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g, h),
    (fmt, a, b, c, d, e, f, g, h, i) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i),
    (fmt, a, b, c, d, e, f, g, h, i, j) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j),
    (fmt, a, b, c, d, e, f, g, h, i, j, k) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k),
    (fmt, a, b, c, d, e, f, g, h, i, j, k, l) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k, l),
    (fmt, a, b, c, d, e, f, g, h, i, j, k, l, m) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k, l, m),
    (fmt, a, b, c, d, e, f, g, h, i, j, k, l, m, n) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k, l, m, n),
    (fmt, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o) AS system.main.format(ac_checked_format(fmt), a, b, c, d, e, f, g, h, i, j, k, l, m, n, o);
CREATE OR REPLACE TEMP MACRO concat(a, b) AS ac_checked_bytes(system.main.concat(a, b), ac_size(a) + ac_size(b), 'concat()'),
    (a, b, c) AS ac_checked_bytes(system.main.concat(a, b, c), ac_size(a) + ac_size(b) + ac_size(c), 'concat()'),
    (a, b, c, d) AS ac_checked_bytes(system.main.concat(a, b, c, d), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d), 'concat()'),
    (a, b, c, d, e) AS ac_checked_bytes(system.main.concat(a, b, c, d, e), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e), 'concat()'),
    (a, b, c, d, e, f) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f), 'concat()'),
    (a, b, c, d, e, f, g) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g), 'concat()'),
    (a, b, c, d, e, f, g, h) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h), 'concat()'),
    (a, b, c, d, e, f, g, h, i) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h, i), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h) + ac_size(i), 'concat()'),
    (a, b, c, d, e, f, g, h, i, j) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h, i, j), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h) + ac_size(i) + ac_size(j), 'concat()'),
    (a, b, c, d, e, f, g, h, i, j, k) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h, i, j, k), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h) + ac_size(i) + ac_size(j) + ac_size(k), 'concat()'),
    (a, b, c, d, e, f, g, h, i, j, k, l) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h, i, j, k, l), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h) + ac_size(i) + ac_size(j) + ac_size(k) + ac_size(l), 'concat()'),
    (a, b, c, d, e, f, g, h, i, j, k, l, m) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h, i, j, k, l, m), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h) + ac_size(i) + ac_size(j) + ac_size(k) + ac_size(l) + ac_size(m), 'concat()'),
    (a, b, c, d, e, f, g, h, i, j, k, l, m, n) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h, i, j, k, l, m, n), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h) + ac_size(i) + ac_size(j) + ac_size(k) + ac_size(l) + ac_size(m) + ac_size(n), 'concat()'),
    (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h) + ac_size(i) + ac_size(j) + ac_size(k) + ac_size(l) + ac_size(m) + ac_size(n) + ac_size(o), 'concat()'),
    (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) AS ac_checked_bytes(system.main.concat(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p), ac_size(a) + ac_size(b) + ac_size(c) + ac_size(d) + ac_size(e) + ac_size(f) + ac_size(g) + ac_size(h) + ac_size(i) + ac_size(j) + ac_size(k) + ac_size(l) + ac_size(m) + ac_size(n) + ac_size(o) + ac_size(p), 'concat()');
