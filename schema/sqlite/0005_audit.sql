-- 0005_audit.sql — the audit log (审计日志, src/audit/): entries chained with SM3, the chain's
-- head, and the anchors of the archives older entries left the database into.
-- Instants are TEXT RFC 3339 in China Standard Time ('2026-05-12T09:30:00+08:00'), so they sort.
-- Hashes are 64 lower-case hex digits (SM3); the first entry's prev is 64 zeros.

CREATE TABLE audit_entry (
	seq     INTEGER PRIMARY KEY CHECK (seq >= 1),
	at      TEXT NOT NULL CHECK (at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+08:00'),
	actor   TEXT NOT NULL,
	ip      TEXT NOT NULL,
	action  TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 128),
	object  TEXT NOT NULL,
	before  TEXT,
	after   TEXT,
	outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'invalid', 'failed', 'locked')),
	prev    TEXT NOT NULL CHECK (length(prev) = 64 AND prev NOT GLOB '*[^0-9a-f]*'),
	hash    TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
) STRICT;

-- The chain's head: the seq and hash of the newest entry ever appended (0 and zeros before the
-- first). Kept apart from the entries so that deleting the newest entries shows: the chain then
-- ends before the head. One row, moved forward by each append in the same transaction.
CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL CHECK (seq >= 0),
	hash TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
) STRICT;
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Archives: entries from_seq..upto_seq were written to `file` (whose SM3 is file_sm3) and then
-- deleted; last_hash is the hash of entry upto_seq, which the next entry's prev must equal.
CREATE TABLE audit_archive (
	upto_seq    INTEGER PRIMARY KEY,
	from_seq    INTEGER NOT NULL CHECK (from_seq >= 1 AND from_seq <= upto_seq),
	last_hash   TEXT NOT NULL CHECK (length(last_hash) = 64 AND last_hash NOT GLOB '*[^0-9a-f]*'),
	file        TEXT NOT NULL CHECK (length(file) >= 1),
	file_sm3    TEXT NOT NULL CHECK (length(file_sm3) = 64 AND file_sm3 NOT GLOB '*[^0-9a-f]*'),
	archived_at TEXT NOT NULL
) STRICT;

-- An entry extends the head: the next seq, chained to the head's hash. This serialises nothing
-- by itself (BEGIN IMMEDIATE does) but refuses a writer that read a stale head.
CREATE TRIGGER audit_entry_extends_head BEFORE INSERT ON audit_entry
WHEN new.seq <> (SELECT seq + 1 FROM audit_head WHERE id = 1)
  OR new.prev <> (SELECT hash FROM audit_head WHERE id = 1)
BEGIN SELECT RAISE(ABORT, 'an audit entry must extend the head of the chain'); END;
CREATE TRIGGER audit_entry_moves_head AFTER INSERT ON audit_entry
BEGIN UPDATE audit_head SET seq = new.seq, hash = new.hash WHERE id = 1; END;

-- Append-only: no entry changes; only archived entries (covered by an anchor) leave.
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
WHEN old.seq > coalesce((SELECT max(upto_seq) FROM audit_archive), 0)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only archived entries leave it'); END;

-- The head only moves forward, one entry at a time, and is never removed.
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
WHEN new.seq <> old.seq + 1 OR new.id <> old.id
BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward with an appended entry'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'the audit head is kept'); END;

-- Anchors are kept as written.
CREATE TRIGGER audit_archive_no_update BEFORE UPDATE ON audit_archive
BEGIN SELECT RAISE(ABORT, 'audit archive anchors are kept as written'); END;
CREATE TRIGGER audit_archive_no_delete BEFORE DELETE ON audit_archive
BEGIN SELECT RAISE(ABORT, 'audit archive anchors are kept as written'); END;
