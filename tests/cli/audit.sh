# audit.sh — the audit log (审计日志) on the command line: every write of the command line
# appends one entry (a refused one none); `audit verify` exits 0 on the intact chain and 1,
# naming the first broken seq, after each kind of tampering done straight on the database file
# (a field changed, an entry deleted, one inserted, two swapped, the newest deleted, and the
# newest deleted together with the recorded head, which only a head noted outside finds);
# `audit list` and its filters; the retention; `audit archive` of backdated entries — written
# here with an SM3 of the encoding of docs/audit.md computed by openssl, independently of the
# C code — whose files verify with the database and break when changed.
. "$(dirname "$0")/lib.inc"
DB=$T/org.db
ME="cli:$(id -un)"
ZEROS=0000000000000000000000000000000000000000000000000000000000000000

count() { sqlite3 "$1" 'SELECT count(*) FROM audit_entry'; }
hash_of() { sqlite3 "$1" "SELECT hash FROM audit_entry WHERE seq = $2"; }

# ---- every write appends one entry, in the same transaction ----
expect 0 "$CD" init --profile imnu-2022 --db "$DB"
for k in units people assets duties; do
	expect 0 "$CD" import "$k" "$SRC/docs/templates/$k.csv" --db "$DB"
done
expect 0 "$CD" calendar import "$SRC/tests/fixtures/calendar/2027-test.json" --db "$DB"
expect 0 "$CD" notice add --db "$DB" --code N1 --authority 网信办 --asset WEB \
	--received '2025-03-02 09:00'
expect 0 "$CD" notice rectify N1 --db "$DB" --at '2025-03-03 10:00'
expect 0 "$CD" record drill --db "$DB" --date 2025-03-12 --title 应急演练 --unit XXZX
expect 0 "$CD" project add --db "$DB" --code P1 --name 平台 --total 1000000 --security 60000
expect 0 "$CD" incident add I1 --db "$DB" --asset WEB --detected '2025-03-10 09:00'
expect 0 "$CD" incident event I1 --db "$DB" --fact concealed=false --note 按时 --at '2025-03-10 10:00'
expect 0 "$CD" incident report I1 --db "$DB" --kind initial --to 上级网信部门 --at '2025-03-10 11:00'
expect 0 "$CD" incident close I1 --db "$DB" --at '2025-03-12 10:00'
expect 0 "$CD" accountability propose I1 --db "$DB"
expect 0 "$CD" accountability answer I1 tampered=false --note 核实 --db "$DB"
expect 0 "$CD" accountability recommend I1 --db "$DB"
expect 0 "$CD" accountability decide I1 --db "$DB" --authority 党委常委会 --date 2025-03-20 \
	--outcome T0001=诫勉谈话
# refused writes leave no entry
_n=$(count "$DB")
expect 2 "$CD" notice add --db "$DB" --code N1 --authority 网信办 --asset WEB
expect 2 "$CD" project add --db "$DB" --code P1 --name 重复 --total 10 --security 1
expect 2 "$CD" incident event I1 --db "$DB" --grade 重大
[ "$(count "$DB")" -eq "$_n" ] || fail "a refused write appended to the audit log"

expect 0 "$CD" audit list --db "$DB" --json
jq -e --arg me "$ME" '[.entries[] | .action] == ["audit.key", "profile.set", "import.units",
	"import.people", "import.assets", "import.duties", "calendar.import", "notice.create",
	"notice.rectify", "record.create", "project.create", "incident.create", "incident.event",
	"incident.report", "incident.close", "incident.propose", "accountability.answer",
	"incident.recommend", "incident.decide"] and all(.entries[]; .actor == $me and .ip == "" and
	.outcome == "ok" and (.before == null or (.action == "notice.rectify" and
	(.before | fromjson) == {"stage": "received"})))' "$T/out" >/dev/null || fail "one entry per write"
jq -e '.entries[0].prev == "'$ZEROS'" and ([.entries[] | .seq] == [range(1; 20)]) and
	([range(1; 19) as $i | .entries[$i].prev == .entries[$i - 1].hash] | all)' "$T/out" \
	>/dev/null || fail "the chain links each entry to the one before"
jq -e '.entries[7] | .object == "notice:1" and (.after | fromjson | .code == "N1" and
	.authority == "网信办" and .assets == ["WEB"] and .similar_total == 0 and .id == 1)' \
	"$T/out" >/dev/null || fail "notice.create says what was written"
jq -e '.entries[18] | .object == "incident:1" and (.after | fromjson | .events[0].person) == "T0001"' \
	"$T/out" >/dev/null || fail "incident.decide names the person"

expect 0 "$CD" audit verify --db "$DB"
has "$T/out" "audit log intact: seq 1 to 19 in the database (19 entries)"
has "$T/out" "every entry is keyed (HMAC-SM3, key "
HEAD="19:$(hash_of "$DB" 19)"
has "$T/out" "head $HEAD"
expect 0 "$CD" audit verify --db "$DB" --head "$HEAD"
expect 0 "$CD" audit verify --db "$DB" --head "9:$(hash_of "$DB" 9)"
expect 1 "$CD" audit verify --db "$DB" --head "9:$(hash_of "$DB" 8)"
has "$T/out" "seq 9: not the head noted"

# ---- list ----
expect 0 "$CD" audit list --db "$DB" --action notice. --json
jq -e '[.entries[] | .action] == ["notice.create", "notice.rectify"]' "$T/out" >/dev/null ||
	fail "--action with a prefix"
expect 0 "$CD" audit list --db "$DB" --action incident.create
has "$T/out" "incident.create"
lacks "$T/out" "incident.event"
expect 0 "$CD" audit list --db "$DB" --limit 2 --json
jq -e '[.entries[] | .seq] == [18, 19]' "$T/out" >/dev/null || fail "--limit keeps the newest"
expect 0 "$CD" audit list --db "$DB" --actor "$ME" --outcome ok --from 2025-01-01 --json
jq -e '.entries | length == 19' "$T/out" >/dev/null || fail "--actor --outcome --from"
expect 0 "$CD" audit list --db "$DB" --actor nobody --json
jq -e '.entries == []' "$T/out" >/dev/null || fail "--actor nobody"
expect 0 "$CD" audit list --db "$DB" --to 2025-01-01 --json
jq -e '.entries == []' "$T/out" >/dev/null || fail "--to before everything"
expect 2 "$CD" audit list --db "$DB" --outcome maybe
has "$T/err" "--outcome is one of ok, denied, invalid, failed, locked"
expect 2 "$CD" audit list --db "$DB" --limit 0
expect 2 "$CD" audit list --db "$DB" --from yesterday
expect 2 "$CD" audit
expect 2 "$CD" audit nope --db "$DB"
expect 2 "$CD" audit verify --db "$T/none.db"
expect 2 "$CD" audit verify --db "$DB" --head 18
has "$T/err" "--head wants SEQ:HASH"
expect 2 "$CD" audit verify --db "$DB" --archive "$T/none.jsonl"
has "$T/err" "cannot open"

# ---- tampering straight on the file: each on a fresh copy, each names its seq ----
# The database refuses changes to the log, so a tamperer first drops the triggers.
for sql in "UPDATE audit_entry SET actor = 'eve' WHERE seq = 9" \
	"DELETE FROM audit_entry WHERE seq = 19" "UPDATE audit_head SET seq = 18" \
	"INSERT INTO audit_entry SELECT 20, at, actor, ip, action, object, before, after, outcome, prev, hash FROM audit_entry WHERE seq = 19" \
	"INSERT INTO audit_archive VALUES (3, 1, (SELECT hash FROM audit_entry WHERE seq = 3), '$T/none.jsonl', '$ZEROS', strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now', '+8 hours'))" \
	"INSERT INTO audit_archive VALUES (3, 1, (SELECT hash FROM audit_entry WHERE seq = 3), '$T/none.jsonl', '$ZEROS', '2099-01-01T00:00:00+08:00')"; do
	sqlite3 "$DB" "$sql" 2>/dev/null && fail "the database allowed: $sql"
done
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
DROP=$(sqlite3 "$DB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit%'")
# tamper WHY SQL [VERIFY OPTIONS] — a fresh copy, triggers dropped, SQL run; verify must say WHY
tamper() {
	_why=$1 _sql=$2
	shift 2
	cp "$DB" "$T/x.db"
	rm -f "$T/x.db-wal" "$T/x.db-shm" "$T/x.db.key"
	cp "$DB.key" "$T/x.db.key"
	sqlite3 "$T/x.db" "$DROP $_sql"
	expect 1 "$CD" audit verify --db "$T/x.db" "$@"
	has "$T/out" "audit log broken: $_why"
	[ "$(wc -l <"$T/out")" -eq 1 ] || fail "step $n: more than one line"
}
COLS="at, actor, ip, action, object, before, after, outcome, prev, hash"
tamper "seq 9: contents changed" "UPDATE audit_entry SET actor = 'cli:eve' WHERE seq = 9"
tamper "seq 9: contents changed" "UPDATE audit_entry SET after = NULL WHERE seq = 9"
tamper "seq 9: missing" "DELETE FROM audit_entry WHERE seq = 9"
tamper "seq 1: missing" "DELETE FROM audit_entry WHERE seq = 1"
# inserted: seq 9 onwards move up one, a copy of entry 4 goes in as seq 9
tamper "seq 9: does not chain to seq 8" "UPDATE audit_entry SET seq = seq + 1000000 WHERE seq >= 9;
	UPDATE audit_entry SET seq = seq - 999999 WHERE seq > 1000000;
	INSERT INTO audit_entry SELECT 9, at, actor, ip, action, object, before, after, outcome, prev, hash
	FROM audit_entry WHERE seq = 4"
# forged: a made-up newest entry, the recorded head moved to it
tamper "seq 20: contents changed" "INSERT INTO audit_entry VALUES (20, '2025-03-21T10:00:00+08:00',
	'cli:eve', '', 'record.add', 'record:9', NULL, NULL, 'ok', (SELECT hash FROM audit_head),
	'$(printf '%064d' 1)'); UPDATE audit_head SET seq = 20, hash = '$(printf '%064d' 1)'"
# pruned: a made-up anchor for entries of today lets them be deleted; without the archive file
# named in it, verify says they are missing — with or without a head noted past them
tamper "seq 1: missing — seq 1 to 3 were archived into $T/none.jsonl, which was not given" \
	"INSERT INTO audit_archive VALUES (3, 1, (SELECT hash FROM audit_entry WHERE seq = 3),
	'$T/none.jsonl', '$ZEROS', '2099-01-01T00:00:00+08:00'); DELETE FROM audit_entry WHERE seq <= 3"
tamper "seq 1: missing" \
	"INSERT INTO audit_archive VALUES (3, 1, (SELECT hash FROM audit_entry WHERE seq = 3),
	'$T/none.jsonl', '$ZEROS', '2099-01-01T00:00:00+08:00'); DELETE FROM audit_entry WHERE seq <= 3" \
	--head "9:$(hash_of "$DB" 9)"
# reordered: entries 6 and 11 swap their contents
tamper "seq 6: does not chain to seq 5" "CREATE TEMP TABLE a AS SELECT * FROM audit_entry WHERE seq = 6;
	CREATE TEMP TABLE b AS SELECT * FROM audit_entry WHERE seq = 11;
	UPDATE audit_entry SET ($COLS) = (SELECT $COLS FROM b) WHERE seq = 6;
	UPDATE audit_entry SET ($COLS) = (SELECT $COLS FROM a) WHERE seq = 11"
tamper "seq 19: missing — the chain ends at seq 18 but the head recorded is seq 19" \
	"DELETE FROM audit_entry WHERE seq = 19"
tamper "seq 19: not the head recorded" "UPDATE audit_head SET hash = '$(hash_of "$DB" 18)'"
# the honest limit (docs/audit.md): the newest entry deleted and the head rewritten to match
# passes the database's own check; only a head noted outside finds it
cp "$DB" "$T/x.db"
rm -f "$T/x.db.key"
cp "$DB.key" "$T/x.db.key"
sqlite3 "$T/x.db" "$DROP DELETE FROM audit_entry WHERE seq = 19;
	UPDATE audit_head SET seq = 18, hash = (SELECT hash FROM audit_entry WHERE seq = 18)"
expect 0 "$CD" audit verify --db "$T/x.db"
tamper "seq 19: missing — the chain ends at seq 18 but the head noted is seq 19" \
	"DELETE FROM audit_entry WHERE seq = 19;
	UPDATE audit_head SET seq = 18, hash = (SELECT hash FROM audit_entry WHERE seq = 18)" \
	--head "$HEAD"

# ---- retention ----
expect 0 "$CD" audit retention --db "$DB"
has "$T/out" "kept 183 days"
expect 2 "$CD" audit retention 182 --db "$DB"
has "$T/err" "from 183"
expect 2 "$CD" audit retention many --db "$DB"
expect 0 "$CD" audit retention 365 --db "$DB"
has "$T/out" "kept 365 days"
expect 0 "$CD" audit list --db "$DB" --action audit.retention --json
jq -e '.entries[0] | .before == "{\"days\":183}" and .after == "{\"days\":365}" and
	.object == "setting:audit_retention_days"' "$T/out" >/dev/null || fail "retention audited"
sqlite3 "$DB" "UPDATE meta SET value = '30' WHERE key = 'audit_retention_days'"
expect 2 "$CD" audit archive --db "$DB" --out "$T/never.jsonl"
has "$T/err" "setting audit_retention_days is \"30\""
expect 0 "$CD" audit retention 183 --db "$DB"

# ---- archive ----
# sm3_entry SEQ PREV AT ACTOR IP ACTION OBJECT BEFORE AFTER OUTCOME — the entry's hash as
# docs/audit.md defines it ("NULL": no value), by openssl rather than by cyberduty
u32() {
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) \
		$(($1 >> 8 & 255)) $(($1 & 255)))"
}
txt() {
	if [ "$1" = NULL ]; then printf '\377\377\377\377'; else
		u32 "$(printf %s "$1" | wc -c)"
		printf %s "$1"
	fi
}
sm3_entry() {
	{
		printf CDAUDIT1
		u32 0
		u32 "$1"
		shift
		for _f in "$@"; do txt "$_f"; done
	} | openssl dgst -sm3 -r | cut -d' ' -f1
}
# hmac_entry KEYFILE SEQ … — a keyed entry's hash: HMAC-SM3 under the key of KEYFILE
hmac_entry() {
	_key=$(sed -n 's/^key //p' "$1")
	shift
	{
		printf CDAUDITK
		u32 0
		u32 "$1"
		shift
		for _f in "$@"; do txt "$_f"; done
	} | openssl mac -digest SM3 -macopt "hexkey:$_key" HMAC | tr A-F a-f
}
# the known entry of test_audit.c, and entry 7 above (UTF-8 in its after) agree with the C code
[ "$(sm3_entry 1 $ZEROS 2026-05-12T09:30:00+08:00 cli:admin '' notice.add notice:1 NULL \
	'{"code":"N1"}' ok)" = 525b0d75ca6424bfe36c8486701013a5a06422fb8f562114229def9090ed37da ] ||
	fail "known hash"
[ "$(hmac_entry "$DB.key" 8 "$(hash_of "$DB" 7)" "$(sqlite3 "$DB" 'SELECT at FROM audit_entry WHERE seq = 8')" \
	"$ME" '' notice.create notice:1 NULL "$(sqlite3 "$DB" 'SELECT after FROM audit_entry WHERE seq = 8')" \
	ok)" = "$(hash_of "$DB" 8)" ] || fail "entry 8's HMAC-SM3 recomputed by openssl"
# the key: made by init, readable only by its owner
[ "$(stat -c %a "$DB.key")" = 400 ] || fail "the key file is not 0400"
# forged append: a made-up newest entry with its SM3 right — whoever can write the file can
# compute it, but not the HMAC-SM3 of a keyed log
_at=2025-03-21T10:00:00+08:00
_s=$(sqlite3 "$DB" 'SELECT seq FROM audit_head')
_h=$(sm3_entry $((_s + 1)) "$(hash_of "$DB" "$_s")" "$_at" cli:eve '' record.add record:9 NULL NULL ok)
tamper "seq $((_s + 1)): contents changed, or written without the audit key" \
	"INSERT INTO audit_entry VALUES ($((_s + 1)), '$_at', 'cli:eve', '', 'record.add', 'record:9',
	NULL, NULL, 'ok', (SELECT hash FROM audit_head), '$_h');
	UPDATE audit_head SET seq = $((_s + 1)), hash = '$_h'"
# without its key file the log is not taken for an unkeyed one
cp "$DB" "$T/k.db"
rm -f "$T/k.db-wal" "$T/k.db-shm" "$T/k.db.key"
expect 2 "$CD" audit verify --db "$T/k.db"
has "$T/err" "cannot be read"
expect 2 "$CD" project add --db "$T/k.db" --code P9 --name 无钥 --total 10 --security 1
has "$T/err" "cannot be read"
expect 2 timeout 20 "$CD" serve --db "$T/k.db" --listen 127.0.0.1:0 --web "$SRC/web"
has "$T/err" "cannot be read"

# A log whose first four entries are from 2020: the init's entries are replaced by them.
A=$T/arch.db
expect 0 "$CD" init --profile imnu-2022 --db "$A"
sqlite3 "$A" "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit%'" \
	>"$T/triggers.sql"
ADROP=$(sqlite3 "$A" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit%'")
sqlite3 "$A" "$ADROP DELETE FROM audit_entry; UPDATE audit_head SET seq = 0, hash = '$ZEROS'"
_prev=$ZEROS
for i in 1 2 3 4; do
	_at="2020-01-0${i}T10:00:00+08:00"
	_h=$(hmac_entry "$A.key" "$i" "$_prev" "$_at" cli:old '' record.add "record:$i" NULL NULL ok)
	sqlite3 "$A" "INSERT INTO audit_entry VALUES ($i, '$_at', 'cli:old', '', 'record.add',
		'record:$i', NULL, NULL, 'ok', '$_prev', '$_h');
		UPDATE audit_head SET seq = $i, hash = '$_h'"
	_prev=$_h
done
sqlite3 "$A" <"$T/triggers.sql"
expect 0 "$CD" project add --db "$A" --code P1 --name 平台 --total 100 --security 5
expect 0 "$CD" audit verify --db "$A"
has "$T/out" "seq 1 to 5 in the database"

expect 2 "$CD" audit archive --db "$A" --out "$T/a0.jsonl" --before "$(date -d '10 days ago' +%F)"
has "$T/err" "lies within the retention of 183 days"
expect 2 "$CD" audit archive --db "$A" --before 2020-01-03
has "$T/err" "needs --out"
expect 2 "$CD" audit archive --db "$A" --out "$T/a0.jsonl" --before 2020-02-30
[ ! -e "$T/a0.jsonl" ] || fail "a refused archive left a file"
expect 0 "$CD" audit archive --db "$A" --out "$T/a0.jsonl" --before 2019-12-01
has "$T/out" "nothing to archive"
[ ! -e "$T/a0.jsonl" ] || fail "nothing archived, yet a file"

expect 0 "$CD" audit archive --db "$A" --out "$T/a1.jsonl" --before 2020-01-03
has "$T/out" "archived seq 1 to 2 (2 entries before 2020-01-03)"
[ "$(wc -l <"$T/a1.jsonl")" -eq 2 ] || fail "a1: two lines"
expect 2 "$CD" audit archive --db "$A" --out "$T/a1.jsonl"
has "$T/err" "exists; an archive is never overwritten"
expect 0 "$CD" audit archive --db "$A" --out "$T/a2.jsonl" # the retention's limit
has "$T/out" "archived seq 3 to 4"
jq -e -s '[.[] | .seq] == [3, 4] and .[1].action == "record.add"' "$T/a2.jsonl" >/dev/null ||
	fail "a2: its entries"
[ "$(jq -r -s '.[0].prev' "$T/a2.jsonl")" = "$(jq -r -s '.[1].hash' "$T/a1.jsonl")" ] ||
	fail "a2 chains to a1"
sqlite3 "$A" 'DELETE FROM audit_entry WHERE seq = 5' 2>/dev/null &&
	fail "the database let an entry not archived go"
[ "$(count "$A")" -eq 3 ] || fail "seq 5 and the two archive entries remain"
expect 0 "$CD" audit list --db "$A" --action audit.archive --json
jq -e '[.entries[] | .after | fromjson | [.from_seq, .upto_seq]] == [[1, 2], [3, 4]]' "$T/out" \
	>/dev/null || fail "archiving is audited"

expect 1 "$CD" audit verify --db "$A"
has "$T/out" "audit log broken: seq 1: missing — seq 1 to 2 were archived into $T/a1.jsonl, which was not given"
expect 0 "$CD" audit verify --db "$A" --archive "$T/a2.jsonl" --archive "$T/a1.jsonl"
has "$T/out" "seq 5 to 7 in the database"
has "$T/out" "2 archive files checked"
expect 1 "$CD" audit verify --db "$A" --archive "$T/a2.jsonl"
has "$T/out" "seq 1: missing — seq 1 to 2 were archived"
expect 1 "$CD" audit verify --db "$A" --archive "$T/a1.jsonl"
has "$T/out" "seq 3: missing — seq 3 to 4 were archived into $T/a2.jsonl"
expect 1 "$CD" audit verify --db "$A" --head "2:$(jq -r -s '.[1].hash' "$T/a1.jsonl")"
has "$T/out" "which was not given"
expect 0 "$CD" audit verify --db "$A" --archive "$T/a1.jsonl" --archive "$T/a2.jsonl" \
	--head "2:$(jq -r -s '.[1].hash' "$T/a1.jsonl")"
expect 2 "$CD" audit verify --db "$A" --archive "$T/a1.jsonl" --archive "$T/a1.jsonl"
has "$T/err" "give each archive once"

# archive files changed: each names the file and the seq
# atamper WHY SED — a changed copy of a1 verified with the database
atamper() {
	sed "$2" "$T/a1.jsonl" >"$T/t.jsonl"
	expect 1 "$CD" audit verify --db "$A" --archive "$T/t.jsonl" --archive "$T/a2.jsonl"
	has "$T/out" "audit log broken: archive $T/t.jsonl: $1"
}
atamper "seq 2: contents changed" '2s/"cli:old"/"cli:eve"/'
atamper "seq 2: missing — the file ends at seq 1" '2d'
atamper "seq 2: out of place after seq 2" '2p'
atamper "begins at seq 2, where no archive recorded in this database begins" '1d'
atamper "line 2: not an audit entry" '2s/}$/,"x":1}/'
atamper "its SM3 is not the one recorded" '2s/^{/{ /'
atamper "begins at seq 2, where no archive recorded in this database begins" '1{h;d};2G'
cp "$T/a2.jsonl" "$T/t.jsonl"
expect 1 "$CD" audit verify --db "$A" --archive "$T/t.jsonl" --archive "$SRC/README.md"
has "$T/out" "archive $SRC/README.md: line 1: not an audit entry"
done_ok
