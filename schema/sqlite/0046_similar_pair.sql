-- 0046_similar_pair.sql — the systems of a new notice's 举一反三 list that share its kind and its
-- software, of any operator unit but the notice's own (ST_SIMILAR_PAIR, store/sqlite.c): read by
-- asset_likeness_key (0011, 0041) with every other unit bound as a list, a pair of some 2,600
-- live systems at 100,000 was read whole and sorted to keep the first 200 by id. This index holds
-- the live systems of each kind and software in id order: the read stops at the cap.
CREATE INDEX asset_likeness_pair ON asset(kind, coalesce(software, '')) WHERE status <> 'retired';
