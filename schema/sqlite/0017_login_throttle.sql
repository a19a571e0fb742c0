-- 0017_login_throttle.sql — a lock-out that cannot be turned against the account holders
-- (svc/accounts.c, docs/accounts.md "Lock-out"): a lock by failed sign-ins lifts by itself at
-- lock_until, each lock in a row longer than the one before (lockouts); a lock by hand has no
-- lock_until and stays until unlocked. Failures are also counted per client address
-- (login_address), unknown names alike, and an address over its budget waits.

ALTER TABLE account ADD COLUMN lock_until TEXT;
ALTER TABLE account ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0);
-- accounts locked by failures before this lift at their next sign-in
UPDATE account SET lock_until = locked_at WHERE locked = 1 AND locked_ip IS NOT NULL;

CREATE TABLE login_address (
	ip       TEXT PRIMARY KEY CHECK (length(ip) BETWEEN 1 AND 63),
	failures INTEGER NOT NULL CHECK (failures >= 0),
	last_at  TEXT NOT NULL,
	until    TEXT,
	lockouts INTEGER NOT NULL CHECK (lockouts >= 0)
) STRICT;
