-- 0016_audit_anchor.sql — an archive anchor lets entries leave the log, so the database takes
-- one only as `audit archive` writes it (src/audit/audit_archive.c): for the oldest entries
-- still held, ending at the entry whose hash it records, all of them at least 183 days (the
-- legal floor of the retention, Cybersecurity Law) older than the day it is written, and
-- written on a day that is not in the future. A plain INSERT of a made-up anchor is refused;
-- what drops the trigger first is still found by `audit verify`, which wants each anchor
-- recorded by an audit.archive entry of the (keyed) chain and each archived file given.

CREATE TRIGGER audit_archive_only_old BEFORE INSERT ON audit_archive
WHEN new.archived_at NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+08:00'
  OR substr(new.archived_at, 1, 10) > date('now', '+8 hours', '+1 day')
  OR new.from_seq <> (SELECT min(seq) FROM audit_entry)
  OR (SELECT count(*) FROM audit_entry WHERE seq BETWEEN new.from_seq AND new.upto_seq)
     <> new.upto_seq - new.from_seq + 1
  OR new.last_hash IS NOT (SELECT hash FROM audit_entry WHERE seq = new.upto_seq)
  OR EXISTS (SELECT 1 FROM audit_entry WHERE seq BETWEEN new.from_seq AND new.upto_seq
             AND at >= strftime('%Y-%m-%dT00:00:00+08:00', substr(new.archived_at, 1, 10),
                                '-183 days'))
BEGIN
  SELECT RAISE(ABORT, 'an audit archive anchor is written only by `cyberduty audit archive`, for the oldest entries, all past the retention');
END;
