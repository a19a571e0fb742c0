-- 0003_notices.sql — notices (通报) with their append-only timeline and 举一反三 checks,
-- records of meetings, drills and trainings, IT projects with their budgets, and the
-- software an asset runs (for finding similar systems).
-- Instants are TEXT RFC 3339 in China Standard Time ('2026-05-12T09:30:00+08:00'), so they sort.

ALTER TABLE asset ADD COLUMN software TEXT;

CREATE TABLE notice (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 128),
	authority   TEXT NOT NULL CHECK (length(authority) BETWEEN 1 AND 256),
	received_at TEXT NOT NULL CHECK (received_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+08:00'),
	unit_id     INTEGER REFERENCES unit(id),
	category    TEXT,
	text        TEXT,
	attachment  TEXT,
	stated_due  TEXT CHECK (stated_due IS NULL OR stated_due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
) STRICT;

CREATE TABLE notice_asset (
	notice_id INTEGER NOT NULL REFERENCES notice(id),
	asset_id  INTEGER NOT NULL REFERENCES asset(id),
	PRIMARY KEY (notice_id, asset_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX notice_asset_asset ON notice_asset(asset_id);

-- The timeline: each step is appended, never changed.
CREATE TABLE notice_event (
	id          INTEGER PRIMARY KEY,
	notice_id   INTEGER NOT NULL REFERENCES notice(id),
	kind        TEXT NOT NULL CHECK (kind IN ('start', 'rectify', 'feedback', 'verify', 'support', 'extend')),
	at          TEXT NOT NULL,
	by_whom     TEXT,
	note        TEXT,
	extended_to TEXT CHECK (extended_to IS NULL OR extended_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CHECK ((kind = 'extend') = (extended_to IS NOT NULL))
) STRICT;
CREATE INDEX notice_event_notice ON notice_event(notice_id, id);
CREATE TRIGGER notice_event_no_update BEFORE UPDATE ON notice_event
BEGIN SELECT RAISE(ABORT, 'notice events are append-only'); END;
CREATE TRIGGER notice_event_no_delete BEFORE DELETE ON notice_event
BEGIN SELECT RAISE(ABORT, 'notice events are append-only'); END;

-- 举一反三: the similar systems a notice asks to check, fixed when the notice is received.
CREATE TABLE notice_similar (
	notice_id  INTEGER NOT NULL REFERENCES notice(id),
	asset_id   INTEGER NOT NULL REFERENCES asset(id),
	why        INTEGER NOT NULL CHECK (why BETWEEN 1 AND 7),
	checked_at TEXT,
	checked_by TEXT,
	PRIMARY KEY (notice_id, asset_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE record (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL CHECK (kind IN ('meeting', 'drill', 'training', 'report', 'plan', 'assessment', 'other')),
	unit_id      INTEGER NOT NULL REFERENCES unit(id),
	on_date      TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	duty         TEXT,
	period       TEXT,
	title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 512),
	participants TEXT,
	minutes      TEXT,
	attachment   TEXT
) STRICT;

CREATE TABLE project (
	id              INTEGER PRIMARY KEY,
	code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	name            TEXT NOT NULL CHECK (length(name) >= 1),
	unit_id         INTEGER REFERENCES unit(id),
	year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
	total_budget    INTEGER NOT NULL CHECK (total_budget > 0),
	security_budget INTEGER NOT NULL CHECK (security_budget >= 0 AND security_budget <= total_budget)
) STRICT;
