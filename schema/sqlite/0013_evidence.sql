-- 0013_evidence.sql — evidence files (证明材料) of notices, incidents and records (assessments
-- later): the bytes as received, kept in the database itself, content-addressed by their SM3
-- digest (one copy of bytes attached twice), and the attachments that name them. Kept here and
-- not in a directory beside the database: one file to back up (`sqlite3 .backup`, or the
-- online backup API, copies the files with everything else), an attachment written in the same
-- transaction as its audit entry (an upload that fails leaves nothing behind), and no path on
-- disk a request could ever name. docs/evidence.md says why in full.
-- Nothing is ever changed or deleted: a withdrawal (a later act) sets the withdrawn_* columns of
-- the attachment once, with its reason, and the bytes stay for the audit.

CREATE TABLE evidence_blob (
	id    INTEGER PRIMARY KEY,
	sm3   TEXT NOT NULL UNIQUE CHECK (length(sm3) = 64 AND sm3 NOT GLOB '*[^0-9a-f]*'),
	size  INTEGER NOT NULL CHECK (size > 0),
	bytes BLOB NOT NULL CHECK (length(bytes) = size)
) STRICT;
CREATE TRIGGER evidence_blob_no_update BEFORE UPDATE ON evidence_blob
BEGIN SELECT RAISE(ABORT, 'evidence files are kept as received'); END;
CREATE TRIGGER evidence_blob_no_delete BEFORE DELETE ON evidence_blob
BEGIN SELECT RAISE(ABORT, 'evidence files are kept as received'); END;

-- The owner is (kind, id): a notice, an incident, a record — or an assessment, once they exist —
-- so no foreign key names its table; the acts check the owner exists and is in the caller's
-- scope before they attach.
CREATE TABLE evidence (
	id              INTEGER PRIMARY KEY,
	owner_kind      TEXT NOT NULL CHECK (owner_kind IN ('notice', 'incident', 'record', 'assessment')),
	owner_id        INTEGER NOT NULL CHECK (owner_id > 0),
	name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
	type            TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 127),
	size            INTEGER NOT NULL CHECK (size > 0),
	sm3             TEXT NOT NULL REFERENCES evidence_blob(sm3),
	added_at        TEXT NOT NULL,
	added_by        TEXT NOT NULL,
	withdrawn_at    TEXT,
	withdrawn_by    TEXT,
	withdraw_reason TEXT,
	CHECK ((withdrawn_at IS NULL) = (withdraw_reason IS NULL))
) STRICT;
CREATE INDEX evidence_owner ON evidence(owner_kind, owner_id, id);
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is withdrawn with a reason, never deleted'); END;
CREATE TRIGGER evidence_once BEFORE UPDATE ON evidence
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.owner_kind IS NOT OLD.owner_kind
	OR NEW.owner_id IS NOT OLD.owner_id OR NEW.name IS NOT OLD.name OR NEW.type IS NOT OLD.type
	OR NEW.size IS NOT OLD.size OR NEW.sm3 IS NOT OLD.sm3 OR NEW.added_at IS NOT OLD.added_at
	OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'an attachment changes only by its one withdrawal'); END;
