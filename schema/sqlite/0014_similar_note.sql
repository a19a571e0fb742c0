-- 0014_similar_note.sql — a 举一反三 check keeps the note it was recorded with (what was looked at,
-- what was found): several systems checked at once share one note.

ALTER TABLE notice_similar ADD COLUMN note TEXT;

-- and how many systems a notice's list holds, kept on the notice like similar_open (schema 0010),
-- so that a page of notices shows checked against listed without counting each list
ALTER TABLE notice ADD COLUMN similar_listed INTEGER NOT NULL DEFAULT 0;
UPDATE notice SET similar_listed = (SELECT count(*) FROM notice_similar s
	WHERE s.notice_id = notice.id);
CREATE TRIGGER notice_similar_listed_insert AFTER INSERT ON notice_similar
	BEGIN UPDATE notice SET similar_listed = similar_listed + 1 WHERE id = NEW.notice_id; END;
CREATE TRIGGER notice_similar_listed_delete AFTER DELETE ON notice_similar
	BEGIN UPDATE notice SET similar_listed = similar_listed - 1 WHERE id = OLD.notice_id; END;
