-- 0010_similar_open.sql — how many systems of a notice's 举一反三 list are still to be checked,
-- kept on the notice itself, so that a page of notices reads it with the row instead of counting
-- each notice's list (most of what a page cost with lists of 200). Triggers keep it, whoever
-- writes the list.

ALTER TABLE notice ADD COLUMN similar_open INTEGER NOT NULL DEFAULT 0;
UPDATE notice SET similar_open = (SELECT count(*) FROM notice_similar s
	WHERE s.notice_id = notice.id AND s.checked_at IS NULL);
CREATE TRIGGER notice_similar_open_insert AFTER INSERT ON notice_similar
	WHEN NEW.checked_at IS NULL
	BEGIN UPDATE notice SET similar_open = similar_open + 1 WHERE id = NEW.notice_id; END;
CREATE TRIGGER notice_similar_open_check AFTER UPDATE OF checked_at ON notice_similar
	WHEN OLD.checked_at IS NULL AND NEW.checked_at IS NOT NULL
	BEGIN UPDATE notice SET similar_open = similar_open - 1 WHERE id = NEW.notice_id; END;
CREATE TRIGGER notice_similar_open_delete AFTER DELETE ON notice_similar
	WHEN OLD.checked_at IS NULL
	BEGIN UPDATE notice SET similar_open = similar_open - 1 WHERE id = OLD.notice_id; END;
