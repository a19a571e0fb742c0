-- 0022_assessments.sql — the yearly assessment (检查考核, issue 17): one sheet per unit, year and
-- version; the indicator template it is scored by, kept as text once (a later edit of the
-- template does not change a sheet opened under the old one); the values a person entered
-- (manual indicators, exemptions with their reason) and, once approved, every value frozen with
-- the records that prove it; the cycle's steps, append-only. docs/assessment.md.

CREATE TABLE assess_template (
	id          INTEGER PRIMARY KEY,
	template_id TEXT NOT NULL,
	source      TEXT NOT NULL UNIQUE
) STRICT;

-- stage: draft (自评中) → submitted (自评已报) → reviewed (复评已过) → approved (审定); a return
-- sends a submitted or reviewed sheet back to draft (the unit) or a reviewed one back to
-- submitted (the leading group to the office), with the reason in its step. An approved sheet is
-- frozen: a later correction is a new version (supersedes the approved one).
CREATE TABLE assessment (
	id          INTEGER PRIMARY KEY,
	unit_id     INTEGER NOT NULL REFERENCES unit(id),
	year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	version     INTEGER NOT NULL CHECK (version >= 1),
	template    INTEGER NOT NULL REFERENCES assess_template(id),
	stage       TEXT NOT NULL CHECK (stage IN ('draft', 'submitted', 'reviewed', 'approved')),
	total       INTEGER,          -- hundredths of a point, as of the last step (NULL: never scored)
	grade       TEXT,             -- the grade band's code, as of the last step
	vetoed      INTEGER NOT NULL DEFAULT 0 CHECK (vetoed IN (0, 1)),
	supersedes  INTEGER REFERENCES assessment(id),
	opened_at   TEXT NOT NULL,
	opened_by   TEXT NOT NULL,
	UNIQUE (unit_id, year, version)
) STRICT;
CREATE INDEX assessment_year ON assessment(year, unit_id, version);
CREATE TRIGGER assessment_frozen BEFORE UPDATE ON assessment
WHEN OLD.stage = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved assessment is frozen: correct it as a new version'); END;
CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessments are never deleted'); END;

-- One indicator's value on a sheet: entered (manual, an exemption, a note) or, at approval,
-- computed and frozen. kind: count, share, level (core/assess.h); n, d in the units of the kind (a level's n
-- is P in hundredths). proof: the records that prove it, JSON {"total": N, "items": [the first
-- 50: kind, id, code, label, ok]}.
CREATE TABLE assessment_value (
	assessment_id INTEGER NOT NULL REFERENCES assessment(id),
	indicator     TEXT NOT NULL,
	kind          TEXT CHECK (kind IS NULL OR kind IN ('count', 'share', 'level')),
	n             INTEGER,
	d             INTEGER,
	exempt_reason TEXT CHECK (exempt_reason IS NULL OR length(exempt_reason) BETWEEN 1 AND 2000),
	note          TEXT,
	computed      INTEGER NOT NULL DEFAULT 0 CHECK (computed IN (0, 1)),
	proof         TEXT,
	at            TEXT NOT NULL,
	by_whom       TEXT NOT NULL,
	PRIMARY KEY (assessment_id, indicator)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER assessment_value_frozen_ins BEFORE INSERT ON assessment_value
WHEN (SELECT stage FROM assessment WHERE id = NEW.assessment_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved assessment is frozen: correct it as a new version'); END;
CREATE TRIGGER assessment_value_frozen_upd BEFORE UPDATE ON assessment_value
WHEN (SELECT stage FROM assessment WHERE id = OLD.assessment_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved assessment is frozen: correct it as a new version'); END;
CREATE TRIGGER assessment_value_frozen_del BEFORE DELETE ON assessment_value
WHEN (SELECT stage FROM assessment WHERE id = OLD.assessment_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved assessment is frozen: correct it as a new version'); END;

-- The cycle: submit (自评), review (复评), approve (审定), return (退回 to the unit) and send_back
-- (to the office), each with its reason, revise
-- (a new version of an approved sheet, kept on the new one). Append-only.
CREATE TABLE assessment_step (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessment(id),
	kind          TEXT NOT NULL CHECK (kind IN ('open', 'submit', 'review', 'approve', 'return', 'send_back', 'revise')),
	from_stage    TEXT,
	to_stage      TEXT NOT NULL,
	at            TEXT NOT NULL,
	by_whom       TEXT NOT NULL,
	comment       TEXT,
	total         INTEGER,
	grade         TEXT
) STRICT;
CREATE INDEX assessment_step_of ON assessment_step(assessment_id, id);
CREATE TRIGGER assessment_step_no_update BEFORE UPDATE ON assessment_step
BEGIN SELECT RAISE(ABORT, 'assessment steps are append-only'); END;
CREATE TRIGGER assessment_step_no_delete BEFORE DELETE ON assessment_step
BEGIN SELECT RAISE(ABORT, 'assessment steps are append-only'); END;

-- The systems in a unit's charge (谁主管谁负责: the manager unit, else the operator, user, builder),
-- by level: what the MLPS indicators of a unit's sheet read, without a walk of every system.
CREATE INDEX asset_in_charge ON asset(coalesce(manager_unit, operator_unit, user_unit, builder_unit), mlps_level);

-- A year's notices and incidents (the on-time indicators read one year of one unit's subtree).
CREATE INDEX notice_received ON notice(received_at);
CREATE INDEX incident_detected ON incident(detected_at);
