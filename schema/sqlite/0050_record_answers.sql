-- 0050_record_answers.sql — a record's write keeps the obligations of the duties it can answer
-- alone (svc/deadlines.c, svc_obligations_unit): those of its kind, or of the kind of the duty it
-- names (core/oblig.c: a record naming a duty answers that one, one naming none every duty of its
-- kind), from the records that can answer them — of its unit, or of every unit when one of those
-- duties is held by none (an obligation of no unit takes any unit's records). They are read by
-- this index, two ways (store/sqlite.c, ST_RECORD_ANSWERING_KIND and _DUTY): the records naming
-- no duty, of one kind, of one unit or a range of them; the records naming one duty, of any kind
-- (each kind's part of the index looked up), of one unit or a range. The index holds what the
-- obligations read of a record: the statements read it alone, not the table. Before, a write read
-- every record of its unit through record_unit (0045), and every record of the organisation when
-- it could answer a duty of no unit.
CREATE INDEX record_answers ON record(duty, kind, unit_id, id, on_date, period, voided_at);

-- The obligations kept before were generated again for a unit from that unit's records alone,
-- also those a duty of no unit shares a record kind with: not what a rebuild from every record
-- gives when another unit's record answered the duty of no unit first. Marked stale: the next
-- read rebuilds them whole.
DELETE FROM meta WHERE key = 'obligations_generation';
