-- 0026_must_change.sql — a password the system administrator set (a reset) is the person's to
-- change at the next sign-in: until they do, the account may do nothing else (as with an
-- expired password). Any password change clears it.
ALTER TABLE account ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1));
