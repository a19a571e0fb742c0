-- 0012_gaps.sql — the responsibility gaps of today (check_run: a role nobody holds, two holders
-- of a single-holder role, a system no unit answers for, MLPS filing or assessment overdue, a
-- project's security budget too low), kept derived beside the obligations (schema 0009) and
-- rebuilt with them when stale (svc/deadlines.c), so that a page of gaps or the dashboard's counts
-- are read through an index instead of checking the whole organisation per request. Not data of
-- its own. unit_id is the unit the gap is judged in (its own, the project's, the system's unit in
-- charge; 0 for none): the caller's scope is a subtree of units.

CREATE TABLE gap (
	id         INTEGER PRIMARY KEY,
	rule       TEXT NOT NULL,
	article    TEXT NOT NULL,
	subject    TEXT NOT NULL, -- the code of the unit, system or project
	unit_id    INTEGER NOT NULL DEFAULT 0,
	asset_id   INTEGER NOT NULL DEFAULT 0,
	project_id INTEGER NOT NULL DEFAULT 0,
	role       TEXT,
	since      TEXT,
	message    TEXT NOT NULL
) STRICT;
CREATE INDEX gap_rule ON gap(rule, id);
CREATE INDEX gap_unit ON gap(unit_id);
