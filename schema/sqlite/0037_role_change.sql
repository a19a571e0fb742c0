-- 0037_role_change.sql — a change of an administrator's role through the API is two acts of two
-- administrators (三员分立, issue 13 item 7): the security administrator proposes it, the
-- system administrator agrees to it (or refuses it); only then is it made. The command line of
-- the host still makes it at once (the organisation's decision, carried out by the host's owner).
CREATE TABLE role_change (
	id          INTEGER PRIMARY KEY,
	account_id  INTEGER NOT NULL REFERENCES account(id),
	role        TEXT NOT NULL CHECK (role IN ('none', 'office', 'officer', 'unit_leader',
		'leader', 'auditor', 'sysadmin', 'secadmin', 'auditadmin')),
	unit_id     INTEGER REFERENCES unit(id),
	proposed_by TEXT NOT NULL CHECK (length(proposed_by) BETWEEN 1 AND 64),
	proposed_at TEXT NOT NULL,
	state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'agreed', 'refused')),
	decided_by  TEXT CHECK (decided_by IS NULL OR length(decided_by) BETWEEN 1 AND 64),
	decided_at  TEXT,
	CHECK ((state = 'pending') = (decided_by IS NULL))
) STRICT;
-- at most one change waits for each account
CREATE UNIQUE INDEX role_change_pending ON role_change(account_id) WHERE state = 'pending';
