-- 0011_similar_tiers.sql — the 举一反三 list of a new notice read tier by tier instead of ranking
-- every system of the notice's kinds (store_similar, svc/notices.c). asset_likeness counts the
-- live (not retired) systems of each kind, software and operator unit ('' and 0 for none), kept
-- by triggers whoever writes the register (and asset_kind_software the same without the operator
-- unit): the total of a list is a sum over a few rows, and the systems with two or three reasons are read combination by combination through the index
-- asset_likeness_key in id order, stopping at the cap. Those with one reason come from the kind and
-- software indexes in id order, also stopping at the cap.

CREATE TABLE asset_likeness (
	kind          TEXT NOT NULL,
	software      TEXT NOT NULL,
	operator_unit INTEGER NOT NULL,
	live          INTEGER NOT NULL CHECK (live >= 0),
	PRIMARY KEY (kind, software, operator_unit)
) STRICT, WITHOUT ROWID;
CREATE INDEX asset_likeness_operator ON asset_likeness(operator_unit);
INSERT INTO asset_likeness
	SELECT kind, coalesce(software, ''), coalesce(operator_unit, 0), count(*) FROM asset
	WHERE status <> 'retired' GROUP BY 1, 2, 3;
-- the same counts by kind and software alone (a few dozen rows: the total of a list)
CREATE TABLE asset_kind_software (
	kind     TEXT NOT NULL,
	software TEXT NOT NULL,
	live     INTEGER NOT NULL CHECK (live >= 0),
	PRIMARY KEY (kind, software)
) STRICT, WITHOUT ROWID;
CREATE INDEX asset_kind_software_software ON asset_kind_software(software);
INSERT INTO asset_kind_software
	SELECT kind, software, sum(live) FROM asset_likeness GROUP BY 1, 2;
CREATE INDEX asset_likeness_key ON asset(kind, coalesce(software, ''), coalesce(operator_unit, 0));

CREATE TRIGGER asset_likeness_insert AFTER INSERT ON asset WHEN NEW.status <> 'retired'
BEGIN
	INSERT INTO asset_likeness VALUES (NEW.kind, coalesce(NEW.software, ''),
		coalesce(NEW.operator_unit, 0), 1) ON CONFLICT DO UPDATE SET live = live + 1;
	INSERT INTO asset_kind_software VALUES (NEW.kind, coalesce(NEW.software, ''), 1)
		ON CONFLICT DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER asset_likeness_delete AFTER DELETE ON asset WHEN OLD.status <> 'retired'
BEGIN
	UPDATE asset_likeness SET live = live - 1 WHERE kind = OLD.kind
		AND software = coalesce(OLD.software, '') AND operator_unit = coalesce(OLD.operator_unit, 0);
	UPDATE asset_kind_software SET live = live - 1 WHERE kind = OLD.kind
		AND software = coalesce(OLD.software, '');
END;
CREATE TRIGGER asset_likeness_update_old AFTER UPDATE OF kind, software, operator_unit, status
	ON asset WHEN OLD.status <> 'retired'
BEGIN
	UPDATE asset_likeness SET live = live - 1 WHERE kind = OLD.kind
		AND software = coalesce(OLD.software, '') AND operator_unit = coalesce(OLD.operator_unit, 0);
	UPDATE asset_kind_software SET live = live - 1 WHERE kind = OLD.kind
		AND software = coalesce(OLD.software, '');
END;
CREATE TRIGGER asset_likeness_update_new AFTER UPDATE OF kind, software, operator_unit, status
	ON asset WHEN NEW.status <> 'retired'
BEGIN
	INSERT INTO asset_likeness VALUES (NEW.kind, coalesce(NEW.software, ''),
		coalesce(NEW.operator_unit, 0), 1) ON CONFLICT DO UPDATE SET live = live + 1;
	INSERT INTO asset_kind_software VALUES (NEW.kind, coalesce(NEW.software, ''), 1)
		ON CONFLICT DO UPDATE SET live = live + 1;
END;
