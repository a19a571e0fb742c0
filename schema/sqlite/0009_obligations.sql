-- 0009_obligations.sql — the yearly duties and MLPS deadlines of today, kept derived from the
-- profile, the register and the records (src/svc/deadlines.c) so that a page of deadlines is
-- read through an index instead of being generated for the whole organisation per request. Not
-- data of its own: rebuilt whole when it is stale (meta obligations_generation and
-- obligations_day say for which data and which day it was computed), kept up to date by the
-- acts that change what it derives from. No generation triggers: writing it changes nothing a
-- kept answer holds.

CREATE TABLE obligation (
	id       INTEGER PRIMARY KEY,
	kind     TEXT NOT NULL CHECK (kind IN ('duty', 'mlps_filing', 'mlps_assessment')),
	duty     TEXT,
	unit_id  INTEGER NOT NULL DEFAULT 0, -- 0: no unit of the register holds the duty
	asset_id INTEGER NOT NULL DEFAULT 0, -- the MLPS obligations' system
	period   TEXT NOT NULL,
	name     TEXT NOT NULL,
	article  TEXT,
	start    TEXT NOT NULL,
	due      TEXT NOT NULL,
	need     INTEGER NOT NULL,
	have     INTEGER NOT NULL,
	done_on  TEXT,
	evidence TEXT NOT NULL DEFAULT '[]' -- the first record ids matched, a JSON array
) STRICT;
CREATE INDEX obligation_due ON obligation(due, name, unit_id, asset_id, id);
CREATE INDEX obligation_unit ON obligation(unit_id, kind);
CREATE INDEX obligation_asset ON obligation(asset_id);
