-- 0020_notify.sql — reminders and notifications (src/notify/, docs/notifications.md).
-- notify_channel: a channel the security administrator configured — a mail server or a chat
-- robot (WeCom, DingTalk, Feishu). Its target (the SMTP URL or the webhook URL, whose key is the
-- robot's secret) and its secret (the SMTP password, the robot's signing secret) are sealed
-- (libsodium secretbox under the key file DB.notify.key, notify/channel.c): never in the clear
-- in the database. Channels are disabled, never deleted (messages name them).
CREATE TABLE notify_channel (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
	kind       TEXT NOT NULL CHECK (kind IN ('mail', 'wecom', 'dingtalk', 'feishu')),
	target     BLOB NOT NULL CHECK (length(target) > 40),
	secret     BLOB CHECK (secret IS NULL OR length(secret) > 40),
	config     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
	enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
	changed_at TEXT NOT NULL,
	changed_by TEXT NOT NULL
) STRICT;

-- notify_pref: the channels an account chose, with its address there (a mail address; a
-- mobile number or user id the robot mentions; '' for none). The bell (in-app) is always on.
CREATE TABLE notify_pref (
	account_id INTEGER NOT NULL REFERENCES account(id),
	channel_id INTEGER NOT NULL REFERENCES notify_channel(id),
	address    TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 254),
	PRIMARY KEY (account_id, channel_id)
) STRICT, WITHOUT ROWID;

-- notify_message: the outbox and the in-app notification centre in one table. Written in the
-- transaction of the act or of the scheduler's decision that causes it; `key` is the
-- idempotency key (rule, object, deadline, lead time, recipient, channel): a second decision,
-- a restart or a second server adds nothing. A message of the bell (channel_id NULL) is
-- delivered when written; one of a channel waits for the delivery worker: pending → sent, or
-- after NOTIFY_TRIES failed tries → dead (the dead letters the office sees).
CREATE TABLE notify_message (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 255),
	account_id  INTEGER REFERENCES account(id),
	channel_id  INTEGER REFERENCES notify_channel(id),
	address     TEXT NOT NULL DEFAULT '',
	rule        TEXT NOT NULL CHECK (length(rule) BETWEEN 1 AND 32),
	level       INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 2),
	unit_id     INTEGER REFERENCES unit(id),
	subject     TEXT NOT NULL CHECK (length(subject) >= 1),
	body        TEXT NOT NULL,
	link        TEXT,
	created_at  TEXT NOT NULL,
	state       TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
	tries       INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0),
	next_at     TEXT,
	lease_until TEXT,
	last_error  TEXT,
	sent_at     TEXT,
	read_at     TEXT,
	CHECK (account_id IS NOT NULL OR channel_id IS NOT NULL)
) STRICT;
CREATE INDEX notify_inbox ON notify_message(account_id, id) WHERE channel_id IS NULL;
CREATE INDEX notify_unread ON notify_message(account_id) WHERE channel_id IS NULL
	AND read_at IS NULL;
CREATE INDEX notify_pending ON notify_message(next_at) WHERE state = 'pending';
CREATE INDEX notify_channel_sent ON notify_message(channel_id, sent_at) WHERE state = 'sent';
CREATE INDEX notify_state ON notify_message(state, id) WHERE channel_id IS NOT NULL;
