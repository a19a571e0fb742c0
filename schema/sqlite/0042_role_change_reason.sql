-- 0042_role_change_reason.sql — a proposed change of an administrator's role (0037) may also be
-- withdrawn by the security administrator who proposed it, and a refusal says why (the
-- separation of the three administrators, 三员分立, issue 13 item 7: the proposer learns why it
-- was not made). SQLite cannot change a CHECK in place: the table is made again, its rows kept.
CREATE TABLE role_change_0042 (
	id          INTEGER PRIMARY KEY,
	account_id  INTEGER NOT NULL REFERENCES account(id),
	role        TEXT NOT NULL CHECK (role IN ('none', 'office', 'officer', 'unit_leader',
		'leader', 'auditor', 'sysadmin', 'secadmin', 'auditadmin')),
	unit_id     INTEGER REFERENCES unit(id),
	proposed_by TEXT NOT NULL CHECK (length(proposed_by) BETWEEN 1 AND 64),
	proposed_at TEXT NOT NULL,
	state       TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending', 'agreed', 'refused', 'withdrawn')),
	decided_by  TEXT CHECK (decided_by IS NULL OR length(decided_by) BETWEEN 1 AND 64),
	decided_at  TEXT,
	-- why it was refused or withdrawn (a refusal made before 0042 has none)
	reason      TEXT CHECK (reason IS NULL OR (length(reason) BETWEEN 1 AND 2000
		AND state IN ('refused', 'withdrawn'))),
	CHECK ((state = 'pending') = (decided_by IS NULL))
) STRICT;
INSERT INTO role_change_0042 (id, account_id, role, unit_id, proposed_by, proposed_at, state,
	decided_by, decided_at)
	SELECT id, account_id, role, unit_id, proposed_by, proposed_at, state, decided_by, decided_at
	FROM role_change;
DROP TABLE role_change;
ALTER TABLE role_change_0042 RENAME TO role_change;
-- at most one change waits for each account
CREATE UNIQUE INDEX role_change_pending ON role_change(account_id) WHERE state = 'pending';
