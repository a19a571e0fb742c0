-- 0041_similar_counts.sql — a notice's counts of its 举一反三 list (similar_open, schema 0010;
-- similar_listed, 0014) are written once with the list, by the store (sqlite.c, notice_add: one
-- UPDATE of the notice after its rows), instead of by a trigger per row: a list of 200 fired three
-- triggers each (these two and the data generation's of 0007) — some 800 row writes a notice,
-- half of what POST /notices cost at 100,000 systems. The generation still changes: the notice's
-- own insert, in the same transaction, changes it. A row is only ever added to a list with its
-- notice (the list is fixed when the notice is received), so no other writer needs them; one who
-- adds rows by hand (the sqlite3 shell) sets the counts as below. The checks (UPDATE) and any
-- deletion keep their triggers. The counts of an existing database are computed again here, so
-- that they are right whatever wrote it.

DROP TRIGGER notice_similar_open_insert;
DROP TRIGGER notice_similar_listed_insert;
DROP TRIGGER notice_similar_insert_gen;
UPDATE notice SET
	similar_open = (SELECT count(*) FROM notice_similar s
		WHERE s.notice_id = notice.id AND s.checked_at IS NULL),
	similar_listed = (SELECT count(*) FROM notice_similar s WHERE s.notice_id = notice.id);

-- The combination read of the list (ST_SIMILAR_COMBO: the live systems of a kind and software
-- across the operating units bound, the first 200 by id) looked each system up in the table for
-- its status: the index it searches (schema 0011) now holds the live systems only, so that the
-- status is the index's own condition (0.40 → 0.25 ms for a combination of 2,087 systems at
-- 100,000, measured by hand). The same name: the statement names it (INDEXED BY).
DROP INDEX asset_likeness_key;
CREATE INDEX asset_likeness_key ON asset(kind, coalesce(software, ''), coalesce(operator_unit, 0))
	WHERE status <> 'retired';
