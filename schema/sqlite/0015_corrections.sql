-- 0015_corrections.sql — mistakes put right without a false business event: a correction of a
-- notice (or, later, of another record of the work) is its own entry — who, when, why, and each
-- field's value before and after — kept beside the record's timeline and never changed or
-- deleted; a record of a meeting, drill or training made in error is withdrawn (voided with who,
-- when and why), never deleted, and from then on answers no duty.

CREATE TABLE correction (
	id        INTEGER PRIMARY KEY,
	object    TEXT NOT NULL CHECK (object IN ('notice', 'incident', 'record')),
	object_id INTEGER NOT NULL,
	at        TEXT NOT NULL,
	by_whom   TEXT NOT NULL CHECK (length(by_whom) BETWEEN 1 AND 200),
	reason    TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
	changes   TEXT NOT NULL CHECK (json_valid(changes)) -- {"field": [before, after], …}
) STRICT;
CREATE INDEX correction_object ON correction(object, object_id, id);
CREATE TRIGGER correction_no_update BEFORE UPDATE ON correction
BEGIN SELECT RAISE(ABORT, 'a correction is kept as it was made'); END;
CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction
BEGIN SELECT RAISE(ABORT, 'a correction is kept as it was made'); END;

ALTER TABLE record ADD COLUMN voided_at TEXT;
ALTER TABLE record ADD COLUMN voided_by TEXT;
ALTER TABLE record ADD COLUMN void_reason TEXT;
