-- 0038_verdicts.sql — what the engine says about each notice and incident, kept beside it so that
-- the dashboard (GET /api/v1/summary, svc/summary.c) counts in SQL instead of running the engine
-- over every incident and folding every notice (docs/api.md, "The summary: what is kept").
--
-- A row is there only while it is right. The use-case layer writes it in the transaction of the
-- act that changes the notice or incident (svc/verdicts.c); the triggers below delete it whenever
-- something it was computed from changes by any other way — the record or its timeline, a notice
-- or a system an incident concerns, the structure or the profile (structure_generation, 0029), the
-- calendar, the settings read (the organisation's own notice period, its reporter type). A missing
-- row is computed again before the next count (lazily, once: an old database gets them all at its
-- first summary). What depends on the clock is never kept as a state: a notice keeps its due date
-- and when its feedback went, an incident its report deadline and its first report, and the state
-- is derived in SQL from them and `now`; what else the clock can change in an incident's verdict
-- (a deadline passing makes `reported_timely` known, an event dated ahead) is bounded by
-- valid_until, after which the row counts as missing; an outage still running changes the grade
-- and facts continuously, so such a verdict is `volatile` and computed at each count instead.

CREATE TABLE notice_verdict (
	notice_id   INTEGER PRIMARY KEY REFERENCES notice(id),
	stage       INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 4),      -- enum notice_stage
	due         TEXT CHECK (due IS NULL OR due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	feedback_at TEXT                                                 -- done: the clock stops
) STRICT;
-- the open notices by due date: due today, overdue, open, no deadline — a page of one state reads
-- that state's rows only
CREATE INDEX notice_verdict_open ON notice_verdict(due, notice_id) WHERE feedback_at IS NULL;
CREATE INDEX notice_verdict_done ON notice_verdict(notice_id) WHERE feedback_at IS NOT NULL;

CREATE TABLE incident_verdict (
	incident_id     INTEGER PRIMARY KEY REFERENCES incident(id),
	grade           INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 3),  -- enum grade (confirmed, else proposed)
	class_code      TEXT,
	ended           INTEGER NOT NULL CHECK (ended IN (0, 1)),        -- handling ended
	report_required INTEGER NOT NULL CHECK (report_required IN (0, 1)),
	report_due      TEXT,                                            -- instant
	reported_at     TEXT,                                            -- the first outside report
	fired           INTEGER NOT NULL CHECK (fired >= 0),             -- triggers that hold
	questions       INTEGER NOT NULL CHECK (questions >= 0),         -- triggers a person must answer
	valid_until     TEXT,                                            -- NULL: until something changes
	volatile        INTEGER NOT NULL DEFAULT 0 CHECK (volatile IN (0, 1))
) STRICT;

-- an incident: its record, its systems, its timeline
CREATE TRIGGER incident_verdict_update AFTER UPDATE ON incident
	BEGIN DELETE FROM incident_verdict WHERE incident_id IN (OLD.id, NEW.id); END;
CREATE TRIGGER incident_verdict_delete AFTER DELETE ON incident
	BEGIN DELETE FROM incident_verdict WHERE incident_id = OLD.id; END;
CREATE TRIGGER incident_verdict_asset_insert AFTER INSERT ON incident_asset
	BEGIN DELETE FROM incident_verdict WHERE incident_id = NEW.incident_id; END;
CREATE TRIGGER incident_verdict_asset_delete AFTER DELETE ON incident_asset
	BEGIN DELETE FROM incident_verdict WHERE incident_id = OLD.incident_id; END;
CREATE TRIGGER incident_verdict_event AFTER INSERT ON incident_event
	BEGIN DELETE FROM incident_verdict WHERE incident_id = NEW.incident_id; END;
-- a system: the incidents on it (its kind, CII, level, protection, qualifiers, units)
CREATE TRIGGER incident_verdict_system_update AFTER UPDATE ON asset
	BEGIN DELETE FROM incident_verdict WHERE incident_id IN
		(SELECT incident_id FROM incident_asset WHERE asset_id IN (OLD.id, NEW.id)); END;
CREATE TRIGGER incident_verdict_system_delete AFTER DELETE ON asset
	BEGIN DELETE FROM incident_verdict WHERE incident_id IN
		(SELECT incident_id FROM incident_asset WHERE asset_id = OLD.id); END;
-- a notice: itself, and the incidents on its systems (a notice overdue at detection)
CREATE TRIGGER notice_verdict_insert AFTER INSERT ON notice
	BEGIN DELETE FROM notice_verdict WHERE notice_id = NEW.id; END;
-- (only what a due date is computed from: the 举一反三 counters kept on the notice, 0010 and
-- 0014, change with every check and change nothing here)
CREATE TRIGGER notice_verdict_update AFTER UPDATE OF received_at, stated_due ON notice
	BEGIN DELETE FROM notice_verdict WHERE notice_id IN (OLD.id, NEW.id);
	DELETE FROM incident_verdict WHERE incident_id IN (SELECT ia.incident_id FROM notice_asset na
		JOIN incident_asset ia ON ia.asset_id = na.asset_id WHERE na.notice_id = NEW.id); END;
CREATE TRIGGER notice_verdict_delete AFTER DELETE ON notice
	BEGIN DELETE FROM notice_verdict WHERE notice_id = OLD.id; END;
CREATE TRIGGER notice_verdict_asset_insert AFTER INSERT ON notice_asset
	BEGIN DELETE FROM notice_verdict WHERE notice_id = NEW.notice_id;
	DELETE FROM incident_verdict WHERE incident_id IN
		(SELECT incident_id FROM incident_asset WHERE asset_id = NEW.asset_id); END;
CREATE TRIGGER notice_verdict_asset_delete AFTER DELETE ON notice_asset
	BEGIN DELETE FROM notice_verdict WHERE notice_id = OLD.notice_id;
	DELETE FROM incident_verdict WHERE incident_id IN
		(SELECT incident_id FROM incident_asset WHERE asset_id = OLD.asset_id); END;
CREATE TRIGGER notice_verdict_event AFTER INSERT ON notice_event
	BEGIN DELETE FROM notice_verdict WHERE notice_id = NEW.notice_id;
	DELETE FROM incident_verdict WHERE incident_id IN (SELECT ia.incident_id FROM notice_asset na
		JOIN incident_asset ia ON ia.asset_id = na.asset_id WHERE na.notice_id = NEW.notice_id);
	END;
-- what every verdict is computed under: the structure and the profile, the calendar, the settings
CREATE TRIGGER verdict_structure AFTER UPDATE ON structure_generation
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
CREATE TRIGGER verdict_calendar_year_insert AFTER INSERT ON calendar_year
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
CREATE TRIGGER verdict_calendar_year_update AFTER UPDATE ON calendar_year
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
CREATE TRIGGER verdict_calendar_year_delete AFTER DELETE ON calendar_year
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
CREATE TRIGGER verdict_calendar_day_insert AFTER INSERT ON calendar_day
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
CREATE TRIGGER verdict_calendar_day_update AFTER UPDATE ON calendar_day
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
CREATE TRIGGER verdict_calendar_day_delete AFTER DELETE ON calendar_day
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
-- (verdicts_of: the build that computed them, svc/verdicts.c — another build's are dropped)
CREATE TRIGGER verdict_setting_insert AFTER INSERT ON meta
	WHEN NEW.key IN ('notice_default_workdays', 'reporter_type', 'verdicts_of')
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
CREATE TRIGGER verdict_setting_update AFTER UPDATE ON meta
	WHEN NEW.key IN ('notice_default_workdays', 'reporter_type', 'verdicts_of')
	  OR OLD.key IN ('notice_default_workdays', 'reporter_type', 'verdicts_of')
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
CREATE TRIGGER verdict_setting_delete AFTER DELETE ON meta
	WHEN OLD.key IN ('notice_default_workdays', 'reporter_type', 'verdicts_of')
	BEGIN DELETE FROM notice_verdict; DELETE FROM incident_verdict; END;
