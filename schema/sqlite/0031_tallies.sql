-- 0031_tallies.sql — the dashboard's counts of the obligations (GET /api/v1/summary,
-- svc/summary.c) read from an index instead of the table: by kind in index order (no sort), and
-- this year's duties by unit through obligation_unit. The obligations of 100,000 systems are
-- some 70,000 rows; their wide columns (name, article, evidence) stay unread.
CREATE INDEX obligation_tally ON obligation(kind, start, due, done_on, unit_id);
