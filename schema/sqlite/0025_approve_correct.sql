-- 0025_approve_correct.sql — two things the web pages of the daily work needed:
-- 1. the unit leader's approval of a notice's feedback before it is sent (请示报告, IMNU 第十二条
--    （三）) is a step of the notice's timeline: the kind 'approve' joins the kinds of notice_event.
--    SQLite cannot change a CHECK in place, so the table is built anew with the same rows, index
--    and triggers (those of 0003 and of 0007).
-- 2. an incident's record (number, title, unit, time of detection) may be corrected, as a notice's
--    may (0015): the change is kept as a correction (who, when, why, each field before and after)
--    beside the timeline and audited as incident.correct; the trigger that kept the row fixed
--    lets it change only right after a correction of it was kept, and never its id.

CREATE TABLE notice_event_new (
	id          INTEGER PRIMARY KEY,
	notice_id   INTEGER NOT NULL REFERENCES notice(id),
	kind        TEXT NOT NULL CHECK (kind IN ('start', 'rectify', 'feedback', 'verify', 'support', 'extend', 'approve')),
	at          TEXT NOT NULL,
	by_whom     TEXT,
	note        TEXT,
	extended_to TEXT CHECK (extended_to IS NULL OR extended_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CHECK ((kind = 'extend') = (extended_to IS NOT NULL))
) STRICT;
INSERT INTO notice_event_new (id, notice_id, kind, at, by_whom, note, extended_to)
	SELECT id, notice_id, kind, at, by_whom, note, extended_to FROM notice_event;
DROP TABLE notice_event;
ALTER TABLE notice_event_new RENAME TO notice_event;
CREATE INDEX notice_event_notice ON notice_event(notice_id, id);
CREATE TRIGGER notice_event_no_update BEFORE UPDATE ON notice_event
BEGIN SELECT RAISE(ABORT, 'notice events are append-only'); END;
CREATE TRIGGER notice_event_no_delete BEFORE DELETE ON notice_event
BEGIN SELECT RAISE(ABORT, 'notice events are append-only'); END;
CREATE TRIGGER notice_event_insert_gen AFTER INSERT ON notice_event
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_event_update_gen AFTER UPDATE ON notice_event
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_event_delete_gen AFTER DELETE ON notice_event
	BEGIN UPDATE generation SET n = random(); END;

DROP TRIGGER incident_no_update;
-- the record changes only right after a correction of it is kept: the last correction written
-- must be this incident's (svc_incident_correct writes it first, in the same transaction)
CREATE TRIGGER incident_no_update BEFORE UPDATE ON incident
WHEN NEW.id <> OLD.id OR (SELECT object || ':' || object_id FROM correction ORDER BY id DESC LIMIT 1)
	IS NOT 'incident:' || OLD.id
BEGIN SELECT RAISE(ABORT, 'an incident record is fixed: record changes as events, or correct it with a reason (incident edit)'); END;
