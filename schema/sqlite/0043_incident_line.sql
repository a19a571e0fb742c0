-- 0043_incident_line.sql — an incident's kept verdict (0038) holds what a line of the incidents
-- list shows besides its record, so that GET /api/v1/incidents reads it instead of running the
-- engine on every line (svc/incidents.c, svc_incident_lines): whether the proposed grade rests on a
-- draft threshold, and the summary's due date and the first summary report (the summary state is
-- derived from them and `now`, as the report state is from report_due and reported_at). The rows
-- kept before have neither: they are deleted and computed again at the next read (0038's rule).
ALTER TABLE incident_verdict ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
ALTER TABLE incident_verdict ADD COLUMN summary_due TEXT
	CHECK (summary_due IS NULL OR summary_due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE incident_verdict ADD COLUMN summary_at TEXT; -- instant of the first summary report
DELETE FROM incident_verdict;
