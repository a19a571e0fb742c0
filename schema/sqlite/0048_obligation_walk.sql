-- 0048_obligation_walk.sql — `cyberduty due` and a page of deadlines read the kept obligations
-- (0009) in due order through obligation_due. At 1,000,000 systems each of the 700,000 rows was
-- then a random read of the table and one of the asset table (for the system's code and name):
-- 9 s of CPU for `due`, half of it in pread (bench/RESULTS.md, "due by the record"). Now:
-- - the system's code and name are kept with its MLPS obligations (copied from the asset when the
--   obligation is written, store/sqlite.c ST_OBLIG_ADD): the page reads no asset. Sound because
--   the obligations are a cache of the register: every write of an asset changes the data
--   generation (0007) and no act keeps the obligations across one (act.h, derived_kept), so a
--   renamed system leaves them stale and the next read rebuilds them whole, copies included;
-- - a rebuild writes them in due order (staged in obligation_stage, then inserted sorted), so the
--   table's rows lie in the order the index walks them: a walk reads its pages in order;
-- - obligation_asset goes: no statement reads by it (the MLPS obligations of one system were
--   never replaced alone), and each rebuild paid for it a random insert per row.
-- The kept obligations are marked stale: the next read rebuilds them in this form.
ALTER TABLE obligation ADD COLUMN asset_code TEXT;
ALTER TABLE obligation ADD COLUMN asset_name TEXT;
DROP INDEX obligation_asset;

-- A rebuild's obligations before they are written in due order: empty between rebuilds. Its
-- columns are the table's own (their types; the table checks the rows when they are copied in).
CREATE TABLE obligation_stage AS SELECT kind, duty, unit_id, asset_id, period, name, article,
	start, due, need, have, done_on, evidence FROM obligation WHERE 0;

DELETE FROM meta WHERE key = 'obligations_generation';
