-- 0002_calendar.sql — official holiday calendars imported for years the binary does not ship
-- (`cyberduty calendar import`). The built-in years come from data/cn-holidays.json.

CREATE TABLE calendar_year (
	year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
	source      TEXT NOT NULL,
	imported_on TEXT NOT NULL
) STRICT;

CREATE TABLE calendar_day (
	date TEXT PRIMARY KEY CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 128)
) STRICT;
