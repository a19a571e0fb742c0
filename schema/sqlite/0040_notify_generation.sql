-- 0040_notify_generation.sql — a number that changes whenever who is told, and where, does: the
-- accounts (their role, unit, name or being disabled), each account's channels (notify_pref) and
-- the channels themselves. The scheduler's round (src/notify/rules.c, notify_plan) decides the
-- reminders of the notices and the yearly duties again only when this number, the data
-- generation of 0007, the rules or the day have moved since its last round: otherwise it would
-- find every message it could write already written. Random, not a count, for the reason 0007
-- gives.

CREATE TABLE notify_generation (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	n   INTEGER NOT NULL
);
INSERT INTO notify_generation (one, n) VALUES (1, random());
CREATE TRIGGER account_insert_ngen AFTER INSERT ON account
	BEGIN UPDATE notify_generation SET n = random(); END;
CREATE TRIGGER account_update_ngen AFTER UPDATE OF name, role, unit_id, disabled ON account
	BEGIN UPDATE notify_generation SET n = random(); END;
CREATE TRIGGER account_delete_ngen AFTER DELETE ON account
	BEGIN UPDATE notify_generation SET n = random(); END;
CREATE TRIGGER notify_pref_insert_ngen AFTER INSERT ON notify_pref
	BEGIN UPDATE notify_generation SET n = random(); END;
CREATE TRIGGER notify_pref_update_ngen AFTER UPDATE ON notify_pref
	BEGIN UPDATE notify_generation SET n = random(); END;
CREATE TRIGGER notify_pref_delete_ngen AFTER DELETE ON notify_pref
	BEGIN UPDATE notify_generation SET n = random(); END;
CREATE TRIGGER notify_channel_insert_ngen AFTER INSERT ON notify_channel
	BEGIN UPDATE notify_generation SET n = random(); END;
CREATE TRIGGER notify_channel_update_ngen AFTER UPDATE ON notify_channel
	BEGIN UPDATE notify_generation SET n = random(); END;
CREATE TRIGGER notify_channel_delete_ngen AFTER DELETE ON notify_channel
	BEGIN UPDATE notify_generation SET n = random(); END;
