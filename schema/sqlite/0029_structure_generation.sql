-- 0029_structure_generation.sql — a number that changes whenever the organisation's structure
-- does: its units, persons, duties and projects (and the profile in force). A connection keeps the
-- structure it read (store/sqlite.c, base_now: every unit, person and project and the duties held
-- for units, what an incident's chain and a page of incidents read around a few systems) under
-- this number. Under the data generation of 0007 it was read again after every write of the work
-- — a notice, an incident, a record — though none of those changes it: the answer of every
-- incident written reloaded the organisation (most of the cost of POST /incidents at 100,000
-- systems). Random, not a count, for the reason 0007 gives.

CREATE TABLE structure_generation (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	n   INTEGER NOT NULL
);
INSERT INTO structure_generation (one, n) VALUES (1, random());
CREATE TRIGGER profile_version_insert_sgen AFTER INSERT ON profile_version
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER profile_version_update_sgen AFTER UPDATE ON profile_version
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER profile_version_delete_sgen AFTER DELETE ON profile_version
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER unit_insert_sgen AFTER INSERT ON unit
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER unit_update_sgen AFTER UPDATE ON unit
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER unit_delete_sgen AFTER DELETE ON unit
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER person_insert_sgen AFTER INSERT ON person
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER person_update_sgen AFTER UPDATE ON person
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER person_delete_sgen AFTER DELETE ON person
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER duty_insert_sgen AFTER INSERT ON duty
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER duty_update_sgen AFTER UPDATE ON duty
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER duty_delete_sgen AFTER DELETE ON duty
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER project_insert_sgen AFTER INSERT ON project
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER project_update_sgen AFTER UPDATE ON project
	BEGIN UPDATE structure_generation SET n = random(); END;
CREATE TRIGGER project_delete_sgen AFTER DELETE ON project
	BEGIN UPDATE structure_generation SET n = random(); END;
