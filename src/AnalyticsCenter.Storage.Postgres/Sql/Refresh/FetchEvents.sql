-- {rows} is a number the store sets (PostgreSQL takes no parameter here).
FETCH {rows} FROM timeline_events;
