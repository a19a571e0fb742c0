# notify-channels.sh — the channels of reminders and notifications against real receivers on
# loopback: Debian's aiosmtpd (tests/notify/smtpd.py) as a plain SMTP server and as one that
# requires STARTTLS and AUTH, and a local HTTP server (tests/notify/robots.py) playing the
# WeCom, DingTalk and Feishu robots, checking keys, signatures and sizes as they do. Channel
# secrets are sealed at rest and never audited; a test message per channel; the outbox of a new
# notice delivered to each account's chosen channels with its mention; mail read back (headers,
# RFC 2047 subject, both parts); a robot's signature refused when the secret is wrong; a receiver
# down — retried with back-off, then a dead letter the office lists; the robots' rate limit.
. "$(dirname "$0")/lib.inc"
PY=/usr/bin/python3 # Debian's, with python3-aiosmtpd (scripts/deps)
DB=$T/o.db
PIDS=""
trap 'set +e; for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# start DIR CMD… — run a receiver in the background until it has written DIR/port
start() {
	_dir=$1; shift
	mkdir -p "$_dir"
	"$@" "$_dir" >"$_dir/log" 2>&1 &
	PIDS="$PIDS $!"
	_i=0
	while [ ! -s "$_dir/port" ]; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || { cat "$_dir/log"; fail "receiver in $_dir did not start"; }
		sleep 0.1
	done
}
# cst SECONDS — the instant SECONDS from now in China Standard Time, for --at
cst() { date -u -d "@$(($(date +%s) + 8 * 3600 + $1))" '+%Y-%m-%d %H:%M:%S'; }
robot_lines() { wc -l <"$T/robots/requests.jsonl"; }

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 \
	-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
start "$T/smtp" $PY "$SRC/tests/notify/smtpd.py"
start "$T/smtps" $PY "$SRC/tests/notify/smtpd.py" --cert "$T/cert.pem" --key "$T/key.pem" \
	--auth 'duty:pw-秘密'
start "$T/robots" $PY "$SRC/tests/notify/robots.py" --wecom-key wkey-0001 \
	--dingtalk-token dtoken-0002 --dingtalk-secret SECding-0003 --feishu-hook fhook-0004 \
	--feishu-secret fsecret-0005
P=$(cat "$T/smtp/port"); P2=$(cat "$T/smtps/port"); R=$(cat "$T/robots/port")
DEAD=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

expect 0 "$CD" init --profile yantai-fao-2021 --db "$DB"
for k in units people assets duties; do
	expect 0 "$CD" import "$k" "$SRC/docs/templates/$k.csv" --db "$DB"
done
expect 0 "$CD" user add office --role office --unit DW --db "$DB"
expect 0 "$CD" user add officer --role officer --unit JSJ --db "$DB"
expect 0 "$CD" notify rules digest off --db "$DB" # the messages counted here are the notices'
# …and not the yearly duties' and MLPS deadlines' of the templates, due whatever day it is
expect 0 "$CD" notify rules obligations off --db "$DB"

# ---- channels: created, sealed, listed without their secrets ----
expect 0 "$CD" notify channel --name 邮件 --kind mail --target "smtp://127.0.0.1:$P" --tls none \
	--from cyberduty@example.edu.cn --db "$DB"
has "$T/out" "channel 1 created"
echo 'pw-秘密' >"$T/pw"
expect 0 sh -c '"$0" notify channel --name 加密邮件 --kind mail --target "smtp://127.0.0.1:$1" \
	--tls starttls --user duty --secret - --ca-file "$2" --from cyberduty@example.edu.cn \
	--db "$3" <"$4"' "$CD" "$P2" "$T/cert.pem" "$DB" "$T/pw"
expect 0 "$CD" notify channel --name 企业微信群 --kind wecom --db "$DB" \
	--target "http://127.0.0.1:$R/cgi-bin/webhook/send?key=wkey-0001"
expect 0 "$CD" notify channel --name 钉钉群 --kind dingtalk --secret SECding-0003 --db "$DB" \
	--target "http://127.0.0.1:$R/robot/send?access_token=dtoken-0002"
expect 0 "$CD" notify channel --name 飞书群 --kind feishu --secret fsecret-0005 --db "$DB" \
	--target "http://127.0.0.1:$R/open-apis/bot/v2/hook/fhook-0004"
expect 0 "$CD" notify channel --name 停用的机器人 --kind wecom --db "$DB" \
	--target "http://127.0.0.1:$DEAD/cgi-bin/webhook/send?key=wkey-0001"
expect 2 "$CD" notify channel --name 坏的 --kind fax --target "http://x" --db "$DB"
has "$T/err" "kind: give mail, wecom, dingtalk or feishu"
expect 2 "$CD" notify channel --name 坏的 --kind mail --target "http://127.0.0.1/" --db "$DB"
has "$T/err" "smtp://HOST:PORT"
expect 0 "$CD" notify channels --json --db "$DB"
jq -e '[.[] | .kind] == ["mail", "mail", "wecom", "dingtalk", "feishu", "wecom"] and
	.[1].secret_set and (.[0].secret_set | not) and .[2].target == "http://127.0.0.1:'$R'"' \
	"$T/out" >/dev/null || fail "channels listed: kinds, secret set, target without its key"
for s in wkey-0001 dtoken-0002 SECding-0003 fhook-0004 fsecret-0005 pw-秘密; do
	lacks "$T/out" "$s"
	grep -qaF -- "$s" "$DB" && fail "$s is kept in the clear in the database"
	sqlite3 "$DB" "SELECT before, after FROM audit_entry" | grep -qF -- "$s" &&
		fail "$s is in the audit log"
done
expect 0 "$CD" audit list --action notify.channel --json --db "$DB"
jq -e '[.entries[] | .action] | length == 6' "$T/out" >/dev/null || fail "each channel audited"

# ---- a test message through each ----
expect 0 "$CD" notify test 1 --to 'zhou@example.edu.cn' --db "$DB"
$PY "$SRC/tests/notify/mailcheck.py" "$T/smtp/1.eml" "cyberduty 测试消息 / test message" \
	"这是一条测试消息" || fail "the test mail as read back"
jq -e '.from == "cyberduty@example.edu.cn" and .to == ["zhou@example.edu.cn"] and
	(.tls | not)' "$T/smtp/1.json" >/dev/null || fail "envelope of the plain mail"
expect 0 "$CD" notify test 2 --to 'zhou@example.edu.cn' --db "$DB"
jq -e '.tls and .auth' "$T/smtps/1.json" >/dev/null || fail "STARTTLS and AUTH were used"
expect 2 "$CD" notify test 1 --db "$DB"
has "$T/err" "give the mail address"
for c in 3 4 5; do expect 0 "$CD" notify test $c --db "$DB"; done
[ "$(robot_lines)" -eq 3 ] || fail "three robot requests"
jq -se 'map(.ok) == [true, true, true] and map(.robot) == ["wecom", "dingtalk", "feishu"]' \
	"$T/robots/requests.jsonl" >/dev/null || fail "each robot took its test message"
expect 1 "$CD" notify test 6 --db "$DB"
has "$T/err" "not sent"
# a wrong signing secret: the robot refuses, the test says so
expect 0 "$CD" notify channel 4 --secret wrong-secret --db "$DB"
expect 1 "$CD" notify test 4 --db "$DB"
has "$T/err" "sign not match"
expect 0 "$CD" notify channel 4 --secret SECding-0003 --db "$DB"
expect 0 "$CD" audit list --action notify.test --json --db "$DB"
jq -e '[.entries[] | .outcome] | (map(select(. == "ok")) | length) == 5 and
	(map(select(. == "failed")) | length) == 2' "$T/out" >/dev/null || fail "tests audited"

# ---- the outbox: a new notice reaches the chosen channels of office and officer ----
expect 0 "$CD" notify pref office 1 --address 'office@example.edu.cn' --db "$DB"
expect 0 "$CD" notify pref office 3 --address zhangsan --db "$DB"
expect 0 "$CD" notify pref officer 4 --address 13800000005 --db "$DB"
expect 0 "$CD" notify pref officer 5 --address ou_0005 --db "$DB"
expect 2 "$CD" notify pref officer 1 --address 'not-a-mail' --db "$DB"
has "$T/err" "mail address"
expect 0 "$CD" notify pref officer --db "$DB"
jq -e 'map(select(.chosen) | .channel) == [4, 5]' "$T/out" >/dev/null || fail "officer's choice"
expect 0 "$CD" notice add --code '烟网信通〔2026〕7号' --authority 市委网信办 --asset JW \
	--unit JSJ --db "$DB"
# written in the notice's transaction, sent by the next round
expect 0 "$CD" notify list --state pending --json --db "$DB"
jq -e 'length == 4 and all(.rule == "notice.new")' "$T/out" >/dev/null || fail "4 pending"
_before=$(robot_lines)
expect 0 "$CD" notify run --json --db "$DB"
jq -e '.sent == 4 and .dead == 0' "$T/out" >/dev/null || fail "the round sent 4"
$PY "$SRC/tests/notify/mailcheck.py" "$T/smtp/2.eml" "【新通报】烟网信通〔2026〕7号" \
	"收到通报 烟网信通〔2026〕7号（市委网信办）" "责任单位：JSJ" "#/notices/1" ||
	fail "the notice's mail as read back"
jq -e '.to == ["office@example.edu.cn"]' "$T/smtp/2.json" >/dev/null || fail "mail to office"
tail -n +$((_before + 1)) "$T/robots/requests.jsonl" >"$T/new.jsonl"
jq -se 'length == 3 and all(.ok) and
	(map(select(.robot == "wecom"))[0].body.markdown.content | test("<@zhangsan>") and
		test("烟网信通〔2026〕7号")) and
	(map(select(.robot == "dingtalk"))[0].body | .at.atMobiles == ["13800000005"] and
		(.markdown.text | test("@13800000005"))) and
	(map(select(.robot == "feishu"))[0].body.content.text | test("<at user_id=\"ou_0005\">"))' \
	"$T/new.jsonl" >/dev/null || { cat "$T/new.jsonl"; fail "robots got the notice, mentioning"; }
# sent once: another round sends nothing again
expect 0 "$CD" notify run --json --db "$DB"
jq -e '.sent == 0' "$T/out" >/dev/null || fail "nothing sent twice"
[ "$(robot_lines)" -eq $((_before + 3)) ] || fail "a robot got a message twice"
expect 0 "$CD" audit list --action notify.send --json --db "$DB"
jq -e '(.entries | length) == 4 and all(.entries[]; .outcome == "ok" and .actor == "notify")' \
	"$T/out" >/dev/null || fail "each send audited"

# ---- a receiver down: retried with back-off, then a dead letter the office lists ----
expect 0 "$CD" notify rules tries 3 --db "$DB"
expect 0 "$CD" notify rules backoff 5 --db "$DB"
expect 2 "$CD" notify rules tries 0 --db "$DB"
has "$T/err" "tries: give 1 to 20"
expect 0 "$CD" notify pref officer 5 --off 1 --db "$DB"
expect 0 "$CD" notify pref officer 4 --off 1 --db "$DB"
expect 0 "$CD" notify pref officer 6 --db "$DB"
expect 0 "$CD" notice add --code '烟网信通〔2026〕8号' --authority 市委网信办 --asset JW \
	--unit JSJ --db "$DB"
expect 0 "$CD" notify run --json --db "$DB"
jq -e '.retried == 1' "$T/out" >/dev/null || fail "first try failed, to retry"
expect 0 "$CD" notify run --json --db "$DB"
jq -e '.retried == 0 and .sent == 0' "$T/out" >/dev/null || fail "waits its back-off"
expect 0 "$CD" notify run --at "$(cst 6)" --json --db "$DB"
jq -e '.retried == 1' "$T/out" >/dev/null || fail "second try after 5 s"
expect 0 "$CD" notify run --at "$(cst 12)" --json --db "$DB"
jq -e '.retried == 0' "$T/out" >/dev/null || fail "the second back-off is 10 s"
expect 0 "$CD" notify run --at "$(cst 30)" --json --db "$DB"
jq -e '.dead == 1' "$T/out" >/dev/null || fail "dead after 3 tries"
expect 0 "$CD" notify list --state dead --json --db "$DB"
jq -e 'length == 1 and .[0].tries == 3 and .[0].channel == "停用的机器人" and
	(.[0].error | test("onnect"))' "$T/out" >/dev/null || fail "the dead letter listed"
expect 0 "$CD" notify list --state dead --db "$DB"
has "$T/out" "dead"
expect 0 "$CD" notify run --at "$(cst 600)" --json --db "$DB"
jq -e '.sent == 0 and .retried == 0 and .dead == 0' "$T/out" >/dev/null || fail "dead stays dead"

# ---- the robots' rate limit: 20 a minute to WeCom, the rest wait ----
expect 0 "$CD" notify pref officer 6 --off 1 --db "$DB"
expect 0 "$CD" notify pref office 1 --off 1 --db "$DB"
for i in $(seq 11 32); do
	expect 0 "$CD" notice add --code "烟网信通〔2026〕$i号" --authority 市委网信办 --asset JW \
		--unit JSJ --db "$DB"
done
_before=$(robot_lines)
expect 0 "$CD" notify run --at "$(cst 120)" --json --db "$DB"
jq -e '.sent == 20 and .deferred == 2' "$T/out" >/dev/null || fail "20 a minute to WeCom"
[ "$(robot_lines)" -eq $((_before + 20)) ] || fail "the robot got 20"
expect 0 "$CD" notify run --at "$(cst 190)" --json --db "$DB"
jq -e '.sent == 2 and .deferred == 0' "$T/out" >/dev/null || fail "the rest a minute later"
done_ok
