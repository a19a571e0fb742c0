-- 0004_incidents.sql — security incidents (网络安全事件): the record, the systems it happened to
-- (in the order given: the first is the main one) and its append-only timeline, from which
-- everything else (grade, reports, handling, people, the accountability case) is folded.
-- Instants are TEXT RFC 3339 in China Standard Time ('2026-05-12T09:30:00+08:00'), so they sort.

CREATE TABLE incident (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 128),
	title       TEXT CHECK (title IS NULL OR length(title) BETWEEN 1 AND 512),
	unit_id     INTEGER REFERENCES unit(id),
	detected_at TEXT NOT NULL CHECK (detected_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+08:00')
) STRICT;
-- The record is fixed when the incident is recorded; every later change is an event.
CREATE TRIGGER incident_no_update BEFORE UPDATE ON incident
BEGIN SELECT RAISE(ABORT, 'an incident record is fixed: record changes as events'); END;

CREATE TABLE incident_asset (
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	pos         INTEGER NOT NULL CHECK (pos >= 0),
	asset_id    INTEGER NOT NULL REFERENCES asset(id),
	PRIMARY KEY (incident_id, pos),
	UNIQUE (incident_id, asset_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX incident_asset_asset ON incident_asset(asset_id);

-- The timeline: each event is appended, never changed. at: when it happened (NULL for a fact,
-- measure, person or field known without a time); recorded_at: when it was appended.
CREATE TABLE incident_event (
	id          INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	kind        TEXT NOT NULL CHECK (kind IN ('set', 'fact', 'measure', 'person', 'participant', 'report', 'step', 'grade', 'close', 'propose', 'recommend', 'decide')),
	at          TEXT CHECK (at IS NULL OR at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+08:00'),
	recorded_at TEXT NOT NULL CHECK (recorded_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+08:00'),
	by_whom     TEXT,
	name        TEXT,
	value       TEXT,
	note        TEXT,
	person_id   INTEGER REFERENCES person(id),
	CHECK ((kind IN ('person', 'participant', 'decide')) = (person_id IS NOT NULL)),
	CHECK (at IS NOT NULL OR kind IN ('set', 'fact', 'measure', 'person', 'participant'))
) STRICT;
CREATE INDEX incident_event_incident ON incident_event(incident_id, id);
CREATE TRIGGER incident_event_no_update BEFORE UPDATE ON incident_event
BEGIN SELECT RAISE(ABORT, 'incident events are append-only'); END;
CREATE TRIGGER incident_event_no_delete BEFORE DELETE ON incident_event
BEGIN SELECT RAISE(ABORT, 'incident events are append-only'); END;
