-- 0001_init.sql — the responsibility register and the policy profile versions.
-- Dates are TEXT 'YYYY-MM-DD' (China Standard Time calendar dates); booleans 0/1.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Every profile text the organisation has lived by; the newest row is in force. A decided
-- case keeps the id of the version it was decided under.
CREATE TABLE profile_version (
	id           INTEGER PRIMARY KEY,
	profile_id   TEXT NOT NULL,
	version      INTEGER NOT NULL,
	source       TEXT NOT NULL,
	installed_on TEXT NOT NULL
) STRICT;

CREATE TABLE unit (
	id        INTEGER PRIMARY KEY,
	code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	name      TEXT NOT NULL CHECK (length(name) >= 1),
	parent_id INTEGER REFERENCES unit(id),
	kind      TEXT NOT NULL CHECK (kind IN ('party_committee', 'leading_group',
		'leading_group_office', 'department', 'tech_support_centre', 'external_authority'))
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE person (
	id      INTEGER PRIMARY KEY,
	code    TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	name    TEXT NOT NULL CHECK (length(name) >= 1),
	unit_id INTEGER REFERENCES unit(id),
	title   TEXT,
	phone   TEXT,
	email   TEXT
) STRICT;

CREATE TABLE asset (
	id                   INTEGER PRIMARY KEY,
	code                 TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	name                 TEXT NOT NULL CHECK (length(name) >= 1),
	kind                 TEXT NOT NULL CHECK (kind IN ('portal', 'news_site', 'platform',
		'publicity_platform', 'info_system', 'server', 'infrastructure')),
	url                  TEXT,
	builder_unit         INTEGER REFERENCES unit(id),
	user_unit            INTEGER REFERENCES unit(id),
	manager_unit         INTEGER REFERENCES unit(id),
	operator_unit        INTEGER REFERENCES unit(id),
	maintainer           TEXT,
	mlps_level           INTEGER NOT NULL DEFAULT 0 CHECK (mlps_level BETWEEN 0 AND 5),
	graded_on            TEXT CHECK (graded_on IS NULL OR graded_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	filing_no            TEXT,
	filed_on             TEXT CHECK (filed_on IS NULL OR filed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	assessed_on          TEXT CHECK (assessed_on IS NULL OR assessed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	assess_result        TEXT NOT NULL DEFAULT 'none' CHECK (assess_result IN ('none', 'pass', 'basic', 'fail')),
	cii                  INTEGER NOT NULL DEFAULT 0 CHECK (cii IN (0, 1)),
	internet_facing      INTEGER NOT NULL DEFAULT 0 CHECK (internet_facing IN (0, 1)),
	personal_info        INTEGER NOT NULL DEFAULT 0 CHECK (personal_info IN (0, 1)),
	protection_installed INTEGER NOT NULL DEFAULT 0 CHECK (protection_installed IN (0, 1)),
	status               TEXT NOT NULL DEFAULT 'live' CHECK (status IN ('planned', 'building', 'live', 'retired')),
	admin_level          TEXT
) STRICT;

CREATE TABLE duty (
	id         INTEGER PRIMARY KEY,
	role       TEXT NOT NULL CHECK (role IN ('first_responsible', 'direct_responsible',
		'leadership_member', 'principal', 'security_officer', 'asset_custodian')),
	person_id  INTEGER NOT NULL REFERENCES person(id),
	unit_id    INTEGER REFERENCES unit(id),
	asset_id   INTEGER REFERENCES asset(id),
	valid_from TEXT NOT NULL CHECK (valid_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	valid_to   TEXT CHECK (valid_to IS NULL OR valid_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note       TEXT,
	CHECK ((unit_id IS NULL) <> (asset_id IS NULL)),
	CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX duty_unit ON duty(unit_id, role);
CREATE INDEX duty_asset ON duty(asset_id, role);
CREATE INDEX duty_person ON duty(person_id);
