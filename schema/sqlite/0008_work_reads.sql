-- 0008_work_reads.sql — what reading the daily work one record or one page at a time needs:
-- a notice keeps how many similar systems it had in all when received (its 举一反三 list keeps
-- the strongest NOTICE_SIMILAR_MAX), and the indexes of the scoped pages, the 举一反三 query
-- (systems of a kind, of a software) and the asset list's sorts (a keyset page after a cursor
-- is a range of the index, not a scan of the table).

ALTER TABLE notice ADD COLUMN similar_total INTEGER NOT NULL DEFAULT 0 CHECK (similar_total >= 0);
UPDATE notice SET similar_total =
	(SELECT count(*) FROM notice_similar s WHERE s.notice_id = notice.id);

CREATE INDEX notice_unit ON notice(unit_id);
CREATE INDEX incident_unit ON incident(unit_id);
CREATE INDEX record_unit ON record(unit_id);
CREATE INDEX asset_kind ON asset(kind);
CREATE INDEX asset_software ON asset(software);
CREATE INDEX asset_name_id ON asset(name, id);
CREATE INDEX asset_level_id ON asset(mlps_level, id);
