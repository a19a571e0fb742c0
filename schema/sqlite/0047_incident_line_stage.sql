-- 0047_incident_line_stage.sql — an incident's kept verdict (0038, 0043) holds the rest of what a
-- line of the incidents list shows from the timeline: whether a person confirmed the grade and
-- how far the accountability case has come (enum case_stage: 0 none, 1 proposed, 2 recommended,
-- 3 decided). With them GET /api/v1/incidents reads no incident_event row for a line whose
-- verdict holds (svc/incidents.c, svc_incident_lines). The rows kept before have neither: they
-- are deleted and computed again at the next read (0038's rule, as 0043 did).
ALTER TABLE incident_verdict ADD COLUMN graded INTEGER NOT NULL DEFAULT 0 CHECK (graded IN (0, 1));
ALTER TABLE incident_verdict ADD COLUMN case_stage INTEGER NOT NULL DEFAULT 0
	CHECK (case_stage BETWEEN 0 AND 3);
DELETE FROM incident_verdict;
