-- 0045_record_unit_cover.sql — a record's write keeps its unit's obligations (svc/deadlines.c,
-- svc_obligations_unit) from every record of that unit: by the index of 0008 (unit_id) each was
-- then looked up in the table for its columns — half of what POST /records cost the server's
-- writer at 100,000 systems (bench/RESULTS.md, "Writes: where the time went"). The index now
-- holds what the obligations read of a record (kind, day, duty, period, withdrawn or not), in id
-- order within a unit: the statement (ST_RECORD_OF_UNIT) reads the index alone. The same name:
-- the statement names it (INDEXED BY).
DROP INDEX record_unit;
CREATE INDEX record_unit ON record(unit_id, id, kind, on_date, duty, period, voided_at);
