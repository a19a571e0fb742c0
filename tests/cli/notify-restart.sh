# notify-restart.sh — never lost, never doubled: `cyberduty serve` records a notice through its
# API (the message to the office's WeCom robot committed in the notice's transaction) and is
# killed with SIGKILL before its worker's next round sends it; nothing has reached the robot.
# Two servers are then started on the same database: the message reaches the robot (played on
# loopback by tests/notify/robots.py) exactly once, and stays sent through further rounds of
# both. A stop by SIGTERM ends the worker cleanly.
. "$(dirname "$0")/lib.inc"
PY=/usr/bin/python3
DB=$T/o.db
PIDS=""
trap 'set +e; for p in $PIDS; do kill -9 "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# serve NAME EVERY — start the server on a free port with its worker every EVERY seconds
serve() {
	"$CD" serve --db "$DB" --listen 127.0.0.1:0 --notify-every "$2" >"$T/$1.log" 2>&1 &
	eval "PID_$1=$!"
	PIDS="$PIDS $!"
	_i=0
	until [ -f "$T/$1.log" ] && grep -q "serving http" "$T/$1.log"; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || { cat "$T/$1.log"; fail "$1 did not start"; }
		sleep 0.1
	done
	eval "PORT_$1=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\).*|\1|p' "$T/$1.log")"
}
robot_count() { [ -f "$T/robots/requests.jsonl" ] && wc -l <"$T/robots/requests.jsonl" || echo 0; }

mkdir -p "$T/robots"
$PY "$SRC/tests/notify/robots.py" "$T/robots" --wecom-key wkey >"$T/robots/log" 2>&1 &
PIDS="$PIDS $!"
_i=0
while [ ! -s "$T/robots/port" ]; do
	_i=$((_i + 1)); [ $_i -lt 100 ] || fail "robot receiver did not start"; sleep 0.1
done
R=$(cat "$T/robots/port")

expect 0 "$CD" init --profile yantai-fao-2021 --db "$DB"
for k in units people assets duties; do
	expect 0 "$CD" import "$k" "$SRC/docs/templates/$k.csv" --db "$DB"
done
expect 0 "$CD" user add office --role office --unit DW --db "$DB"
echo 'Bangongshi#2026' >"$T/pw"
expect 0 sh -c '"$0" user passwd office --db "$1" <"$2"' "$CD" "$DB" "$T/pw"
expect 0 "$CD" notify channel --name 办公室群 --kind wecom --db "$DB" \
	--target "http://127.0.0.1:$R/cgi-bin/webhook/send?key=wkey"
expect 0 "$CD" notify pref office 1 --address office-bot --db "$DB"
expect 0 "$CD" notify rules digest off --db "$DB" # one message only: the notice's
# (not a reminder of the templates' yearly duties or MLPS deadlines, due whatever day it is)
expect 0 "$CD" notify rules obligations off --db "$DB"

# ---- server A: a round at start (nothing to send), the next an hour away ----
serve A 3600
B="http://127.0.0.1:$PORT_A/api/v1"
expect 0 curl -sf -c "$T/jar" -H 'Content-Type: application/json' \
	-d '{"name":"office","password":"Bangongshi#2026"}' "$B/session"
CSRF=$(jq -r .csrf "$T/out")
expect 0 curl -sf -b "$T/jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
	-d '{"code":"烟网信通〔2026〕5号","authority":"市委网信办","assets":["JW"],"unit":"JSJ"}' \
	"$B/notices"
# committed: the bell and the outbox hold it
expect 0 curl -sf -b "$T/jar" "$B/notifications"
jq -e '.items | length == 1 and .[0].rule == "notice.new"' "$T/out" >/dev/null ||
	fail "the bell holds the new notice"
expect 0 "$CD" notify list --state pending --json --db "$DB"
jq -e 'length == 1 and .[0].kind == "wecom"' "$T/out" >/dev/null || fail "one pending"
kill -9 "$PID_A"
set +e
wait "$PID_A" 2>/dev/null
_st=$?
set -e
[ $_st -eq 137 ] || fail "server A ended with $_st, not by SIGKILL"
[ "$(robot_count)" -eq 0 ] || fail "sent before the kill"

# ---- two servers at once after the restart: sent exactly once ----
serve B 1
serve C 1
_i=0
until [ "$(robot_count)" -ge 1 ]; do
	_i=$((_i + 1)); [ $_i -lt 200 ] || fail "not sent after the restart"; sleep 0.1
done
sleep 3 # both workers run more rounds (every second) over the same outbox
[ "$(robot_count)" -eq 1 ] || fail "sent $(robot_count) times"
jq -se '.[0] | .ok and (.body.markdown.content | test("<@office-bot>"))' \
	"$T/robots/requests.jsonl" >/dev/null || fail "the robot took it"
expect 0 "$CD" notify list --state sent --json --db "$DB"
jq -e 'length == 1 and .[0].tries == 1' "$T/out" >/dev/null || fail "sent, one try"
expect 0 "$CD" audit list --action notify.send --json --db "$DB"
jq -e '.entries | length == 1' "$T/out" >/dev/null || fail "one send audited"
kill -TERM "$PID_B" "$PID_C"
wait "$PID_B" "$PID_C" || fail "servers stopped with an error"
grep -q "stopped" "$T/B.log" || fail "B did not stop cleanly"
done_ok
