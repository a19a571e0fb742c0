-- 0006_accounts.sql — who signs in: accounts (one role each; business roles scoped to a unit
-- subtree, the three separated administrators to none), their browser sessions and the API
-- tokens of integrations. Secrets are never stored in the clear: passwords as argon2id strings,
-- session ids, CSRF tokens and API tokens as BLAKE2b-256 hashes. The TOTP key must be kept to
-- check codes; it is stored as raw bytes. Accounts are disabled, never deleted.
-- Instants are TEXT RFC 3339 in China Standard Time ('2026-05-12T09:30:00+08:00'), so they sort.
-- (0005 is the audit log's.)

CREATE TABLE account (
	id                  INTEGER PRIMARY KEY,
	name                TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 64
		AND name NOT GLOB '*[^a-z0-9._-]*'),
	display             TEXT NOT NULL DEFAULT '' CHECK (length(CAST(display AS BLOB)) < 128),
	role                TEXT NOT NULL CHECK (role IN ('none', 'office', 'officer', 'unit_leader',
		'leader', 'auditor', 'sysadmin', 'secadmin', 'auditadmin')),
	unit_id             INTEGER REFERENCES unit(id),
	password_hash       TEXT CHECK (password_hash IS NULL OR password_hash GLOB '$argon2id$*'),
	password_changed_at TEXT,
	totp_secret         BLOB CHECK (totp_secret IS NULL OR length(totp_secret) BETWEEN 16 AND 64),
	totp_pending        BLOB CHECK (totp_pending IS NULL OR length(totp_pending) BETWEEN 16 AND 64),
	totp_last_step      INTEGER, -- the 30-second step of the last code accepted: none twice
	failures            INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
	locked              INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
	locked_at           TEXT,
	locked_ip           TEXT CHECK (locked_ip IS NULL OR length(locked_ip) < 64),
	disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at          TEXT NOT NULL CHECK (created_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+08:00'),
	last_login_at       TEXT,
	-- administrators have no unit; business roles have one (the organisation's root for all)
	CHECK (CASE WHEN role IN ('sysadmin', 'secadmin', 'auditadmin') THEN unit_id IS NULL
		    WHEN role = 'none' THEN 1 ELSE unit_id IS NOT NULL END),
	CHECK ((password_hash IS NULL) = (password_changed_at IS NULL))
) STRICT;

-- A browser session: looked up by the hash of its id on every request (the primary key).
CREATE TABLE session (
	id_hash      BLOB PRIMARY KEY CHECK (length(id_hash) = 32),
	account_id   INTEGER NOT NULL REFERENCES account(id),
	csrf_hash    BLOB NOT NULL CHECK (length(csrf_hash) = 32),
	created_at   TEXT NOT NULL,
	last_seen_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX session_account ON session(account_id);

-- An integration's bearer token: business roles only, scoped to a unit subtree.
CREATE TABLE api_token (
	id         INTEGER PRIMARY KEY,
	hash       BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
	label      TEXT NOT NULL CHECK (length(label) >= 1 AND length(CAST(label AS BLOB)) < 128),
	role       TEXT NOT NULL CHECK (role IN ('office', 'officer', 'unit_leader', 'leader',
		'auditor')),
	unit_id    INTEGER NOT NULL REFERENCES unit(id),
	created_by TEXT NOT NULL CHECK (length(created_by) BETWEEN 1 AND 64),
	created_at TEXT NOT NULL CHECK (created_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+08:00'),
	expires_at TEXT,
	revoked_at TEXT
) STRICT;
