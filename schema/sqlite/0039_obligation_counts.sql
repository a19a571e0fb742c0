-- 0039_obligation_counts.sql — the dashboard's counts of today's obligations (GET
-- /api/v1/summary), kept by unit, kind and state instead of summed over every obligation at each
-- request (72,683 rows at 100,000 systems: some 40 ms of CPU, most of what the summary cost once
-- the notices and incidents were counted from their verdicts, 0038). The obligations are kept
-- derived for one day (svc/deadlines.c); these counts are of that day and of the obligations as
-- they are: every replacement of obligations drops the day they were counted for (store/sqlite.c,
-- meta key obligation_counts_day), and the next count sums the table again and keeps it.
-- state: enum due_state (0 open, 1 due today, 2 overdue, 3 done on time, 4 done late).
CREATE TABLE obligation_count (
	kind    TEXT NOT NULL,
	unit_id INTEGER NOT NULL,
	state   INTEGER NOT NULL CHECK (state BETWEEN 0 AND 4),
	n       INTEGER NOT NULL CHECK (n > 0)
) STRICT;
