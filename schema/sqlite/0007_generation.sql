-- 0007_generation.sql — a number that changes whenever the organisation's data does: the
-- server keeps encoded answers (a list page, a record) under the number it read before building
-- them and serves them again while it is unchanged (src/api/cache.c). Triggers change it on every
-- insert, update and delete of the register, the calendar, the profile, notices, records and
-- incidents, so a write by the command line or another server process is seen as well as the
-- server's own. Accounts, sessions, tokens, settings and the audit log do not change it: no kept
-- answer holds them. The number is random, not a count: a database restored from a copy under a
-- running server and written again never comes back to a number a kept answer was filed under.

CREATE TABLE generation (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	n   INTEGER NOT NULL
);
INSERT INTO generation (one, n) VALUES (1, random());
CREATE TRIGGER profile_version_insert_gen AFTER INSERT ON profile_version
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER profile_version_update_gen AFTER UPDATE ON profile_version
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER profile_version_delete_gen AFTER DELETE ON profile_version
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER unit_insert_gen AFTER INSERT ON unit
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER unit_update_gen AFTER UPDATE ON unit
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER unit_delete_gen AFTER DELETE ON unit
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER person_insert_gen AFTER INSERT ON person
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER person_update_gen AFTER UPDATE ON person
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER person_delete_gen AFTER DELETE ON person
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER asset_insert_gen AFTER INSERT ON asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER asset_update_gen AFTER UPDATE ON asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER asset_delete_gen AFTER DELETE ON asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER duty_insert_gen AFTER INSERT ON duty
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER duty_update_gen AFTER UPDATE ON duty
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER duty_delete_gen AFTER DELETE ON duty
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER project_insert_gen AFTER INSERT ON project
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER project_update_gen AFTER UPDATE ON project
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER project_delete_gen AFTER DELETE ON project
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER calendar_year_insert_gen AFTER INSERT ON calendar_year
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER calendar_year_update_gen AFTER UPDATE ON calendar_year
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER calendar_year_delete_gen AFTER DELETE ON calendar_year
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER calendar_day_insert_gen AFTER INSERT ON calendar_day
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER calendar_day_update_gen AFTER UPDATE ON calendar_day
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER calendar_day_delete_gen AFTER DELETE ON calendar_day
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_insert_gen AFTER INSERT ON notice
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_update_gen AFTER UPDATE ON notice
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_delete_gen AFTER DELETE ON notice
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_asset_insert_gen AFTER INSERT ON notice_asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_asset_update_gen AFTER UPDATE ON notice_asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_asset_delete_gen AFTER DELETE ON notice_asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_event_insert_gen AFTER INSERT ON notice_event
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_event_update_gen AFTER UPDATE ON notice_event
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_event_delete_gen AFTER DELETE ON notice_event
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_similar_insert_gen AFTER INSERT ON notice_similar
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_similar_update_gen AFTER UPDATE ON notice_similar
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER notice_similar_delete_gen AFTER DELETE ON notice_similar
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER record_insert_gen AFTER INSERT ON record
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER record_update_gen AFTER UPDATE ON record
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER record_delete_gen AFTER DELETE ON record
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_insert_gen AFTER INSERT ON incident
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_update_gen AFTER UPDATE ON incident
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_delete_gen AFTER DELETE ON incident
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_asset_insert_gen AFTER INSERT ON incident_asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_asset_update_gen AFTER UPDATE ON incident_asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_asset_delete_gen AFTER DELETE ON incident_asset
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_event_insert_gen AFTER INSERT ON incident_event
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_event_update_gen AFTER UPDATE ON incident_event
	BEGIN UPDATE generation SET n = random(); END;
CREATE TRIGGER incident_event_delete_gen AFTER DELETE ON incident_event
	BEGIN UPDATE generation SET n = random(); END;
