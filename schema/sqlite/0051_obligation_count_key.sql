-- 0051_obligation_count_key.sql — the dashboard's kept counts of obligations (0039) are changed
-- by each write that keeps a part of the obligations (a record, a system, a unit: 0049, 0050) by
-- the rows it deleted and added, instead of being dropped for the next reader to count every
-- obligation again (store/sqlite.c, counts_open … counts_close). A count is found by its unit,
-- kind and state: this key (the counts of a day hold one row each, as they were grouped).
CREATE UNIQUE INDEX obligation_count_key ON obligation_count(kind, unit_id, state);
