# notify-rules.sh — what the reminder scheduler sends, and when, by the working-day calendar in
# force: a notice received on 2024-09-29 (a Sunday worked, the eve of the National Day holiday)
# under Yantai's 3 working days (五、整改落实) is due 2024-10-09; with lead times 2,1,0 the
# officer is reminded on 2024-09-30 (2 working days left — the last working day before the
# holiday; a calendar-day count would say 10-07, inside it), on no day of the holiday, on 10-08
# (1 left) and on 10-09 (due today); overdue on 10-10 it goes to the officer and up the chain to
# the direct responsible (the unit leader's account, naming 孙伟 and the article), and at 3
# working days overdue (10-12, a Saturday worked) to the first responsible (the leader and the
# office, naming 赵敏). Each once: a round run again, or a day run twice, adds nothing. An
# imported calendar changes future reminders. Answered with feedback, nothing more is sent.
. "$(dirname "$0")/lib.inc"
DB=$T/o.db

expect 0 "$CD" init --profile yantai-fao-2021 --db "$DB"
for k in units people assets duties; do
	expect 0 "$CD" import "$k" "$SRC/docs/templates/$k.csv" --db "$DB"
done
expect 0 "$CD" user add office --role office --unit DW --db "$DB"
expect 0 "$CD" user add officer --role officer --unit JSJ --db "$DB"
expect 0 "$CD" user add jsj-leader --role unit_leader --unit JSJ --db "$DB"
expect 0 "$CD" user add leader --role leader --unit DW --db "$DB"
expect 0 "$CD" user add xxzx-officer --role officer --unit XXZX --db "$DB"
expect 0 "$CD" notify rules --json --db "$DB"
jq -e '.leads == [2, 1, 0] and .escalate == [1, 3] and .tries == 5 and .digest and .obligations' "$T/out" \
	>/dev/null || fail "default rules"
expect 0 "$CD" notify rules digest off --db "$DB" # counted on its own at the end
expect 2 "$CD" notify rules escalate 3,1 --db "$DB"
has "$T/err" "escalate: give two working-day counts"

expect 0 "$CD" notice add --code '烟网信通〔2024〕31号' --authority 市委网信办 --asset JW \
	--unit JSJ --received '2024-09-29 10:00' --db "$DB"
has "$T/out" "due: 9 Oct 2024"
# the new notice went to the office and the unit's officer at once, in its transaction
expect 0 "$CD" notify inbox office --json --db "$DB"
jq -e 'length == 1 and .[0].rule == "notice.new" and .[0].link == "#/notices/1"' "$T/out" \
	>/dev/null || fail "office told of the new notice"

# inbox ACCOUNT — the subjects of its bell, oldest first
inbox() { "$CD" notify inbox "$1" --all --json --db "$DB" | jq -r 'reverse | .[] | .subject'; }
run() {
	expect 0 "$CD" notify run --at "$1 09:00" --json --db "$DB"
	jq -e ".planned == $2" "$T/out" >/dev/null || { cat "$T/out"; fail "$1: want $2 planned"; }
}
run 2024-09-29 0 # received today: 3 working days left, no lead time reached
run 2024-09-30 1
run 2024-10-01 0
run 2024-10-04 0
run 2024-10-07 0
run 2024-10-08 1
run 2024-10-08 0 # the same day again: nothing twice
run 2024-10-09 1
run 2024-10-10 2 # overdue: the officer, and the direct responsible
run 2024-10-11 0
run 2024-10-12 2 # 3 working days overdue (a Saturday worked): the leader and the office
run 2024-10-13 0 # a Sunday off: no round
run 2024-10-14 0
inbox officer >"$T/officer"
cat >"$T/want" <<'EOF'
【新通报】烟网信通〔2024〕31号
【提醒】通报 烟网信通〔2024〕31号 将于 2024-10-09 到期（剩 2 个工作日）
【提醒】通报 烟网信通〔2024〕31号 将于 2024-10-09 到期（剩 1 个工作日）
【提醒】通报 烟网信通〔2024〕31号 今日（2024-10-09）到期
【逾期】通报 烟网信通〔2024〕31号 已逾期 1 个工作日
EOF
diff "$T/want" "$T/officer" || fail "the officer's reminders"
expect 0 "$CD" notify inbox officer --all --json --db "$DB"
jq -e 'map(.created_at[0:10])[0:4] == ["2024-10-10", "2024-10-09", "2024-10-08", "2024-09-30"]' \
	"$T/out" >/dev/null || fail "each on its working day"
jq -e 'map(select(.rule == "notice.due"))[0].body | test("五、整改落实") and
	test("网络安全员：周洁（计算机科学技术学院）")' "$T/out" >/dev/null ||
	fail "the reminder names the officer and the article"
inbox jsj-leader >"$T/got"
[ "$(cat "$T/got")" = "【逾期升级】通报 烟网信通〔2024〕31号 已逾期 1 个工作日，请直接责任人督办" ] ||
	fail "escalated to the direct responsible: $(cat "$T/got")"
expect 0 "$CD" notify inbox jsj-leader --all --json --db "$DB"
jq -e '.[0] | .level == 1 and (.body | test("直接责任人：孙伟（计算机科学技术学院）") and
	test("依据："))' "$T/out" >/dev/null || fail "the direct responsible named with the article"
expect 0 "$CD" notify inbox leader --all --json --db "$DB"
jq -e 'length == 1 and .[0].level == 2 and (.[0].subject | test("已逾期 3 个工作日，请第一责任人督办"))
	and (.[0].body | test("第一责任人：赵敏"))' "$T/out" >/dev/null ||
	fail "then to the first responsible"
expect 0 "$CD" notify inbox office --all --json --db "$DB"
jq -e 'map(.rule) == ["notice.escalate", "notice.new"]' "$T/out" >/dev/null ||
	fail "the office sees the last step too"
expect 0 "$CD" notify inbox xxzx-officer --all --json --db "$DB"
jq -e 'length == 0' "$T/out" >/dev/null || fail "another unit's officer is told nothing"
expect 0 "$CD" audit list --action notify.plan --json --db "$DB"
jq -e '.entries | length == 5 and all(.actor | startswith("cli:"))' "$T/out" >/dev/null ||
	fail "each round that wrote messages audited, the others not"

# ---- answered: nothing more ----
expect 0 "$CD" notice add --code '烟网信通〔2024〕40号' --authority 市委网信办 --asset JW \
	--unit JSJ --received '2024-10-14 10:00' --db "$DB"
expect 0 "$CD" notice rectify '烟网信通〔2024〕40号' --at '2024-10-15 09:00' --db "$DB"
expect 0 "$CD" notice feedback '烟网信通〔2024〕40号' --at '2024-10-15 10:00' --db "$DB"
run 2024-10-16 0
run 2024-10-17 0

# ---- a unit's yearly duties and MLPS deadlines (svc/deadlines.c) remind alike ----
# the yearly assessment of JW (level 3; its unit in charge is DW, the root) is due 2025-05-01, a
# day of the Labour Day holiday: 2 working days left on Monday 04-28, 1 on 04-29; no officer's
# scope holds DW, so the office is told
run 2025-04-25 0
# the office's switch: off, the day's round reminds of none of them; on again, the same day's does
expect 0 "$CD" notify rules obligations off --db "$DB"
expect 0 "$CD" notify rules --json --db "$DB"
jq -e '.obligations == false and .digest == false' "$T/out" >/dev/null || fail "obligations off"
run 2025-04-28 0
expect 2 "$CD" notify rules obligations no --db "$DB"
has "$T/err" "obligations: give on or off"
expect 0 "$CD" notify rules obligations on --db "$DB"
run 2025-04-28 1
run 2025-04-28 0
expect 0 "$CD" notify inbox office --json --db "$DB"
jq -e '.[0] | .rule == "oblig.due" and (.subject | test("等级测评.*（JW） 将于 2025-05-01 到期（剩 2 个工作日）"))
	and (.body | test("工作任务："))' "$T/out" >/dev/null || fail "the assessment reminded"
run 2025-04-29 1
run 2025-05-06 2 # overdue (05-06 the first working day after the holiday): the office, as officer and as unit leader

# ---- an incident's report clock, in minutes, on any day ----
# 较大 confirmed: the report is due 240 minutes after detection (13:00); half an hour before and at
# the deadline the office and the unit's officer are told — on a Tuesday and a Saturday alike
expect 0 "$CD" incident add INC-9 --asset JW --unit JSJ --detected '2026-11-28 09:00' \
	--class network_attack --reporter other --db "$DB"
expect 0 "$CD" incident event INC-9 --grade 较大 --reason 测试 --at '2026-11-28 09:30' --db "$DB"
expect 0 "$CD" notify inbox officer --json --db "$DB"
jq -e '.[0] | .rule == "incident.new" and .link == "#/incidents/1"' "$T/out" >/dev/null ||
	fail "the officer told of the incident at once"
expect 0 "$CD" notify run --at '2026-11-28 12:00' --json --db "$DB" # a Saturday
jq -e '.planned == 0' "$T/out" >/dev/null || fail "an hour before: nothing yet"
expect 0 "$CD" notify run --at '2026-11-28 12:31' --json --db "$DB"
jq -e '.planned == 2' "$T/out" >/dev/null || fail "half an hour before: office and officer"
expect 0 "$CD" notify run --at '2026-11-28 12:45' --json --db "$DB"
jq -e '.planned == 0' "$T/out" >/dev/null || fail "once"
expect 0 "$CD" notify run --at '2026-11-28 13:05' --json --db "$DB"
jq -e '.planned == 2' "$T/out" >/dev/null || fail "at the deadline"
expect 0 "$CD" notify inbox officer --json --db "$DB"
jq -e '.[0].subject == "【超时】事件 INC-9 应于 2026-11-28 13:00 报告，已超时 5 分钟" and
	.[1].subject == "【报告提醒】事件 INC-9 应于 2026-11-28 13:00 前报告（还有 29 分钟）"' "$T/out" \
	>/dev/null || fail "the report reminders"
expect 0 "$CD" incident report INC-9 --kind initial --to 上级网信部门 --at '2026-11-28 13:10' \
	--db "$DB"
expect 0 "$CD" notify run --at '2026-11-28 13:30' --json --db "$DB"
jq -e '.planned == 0' "$T/out" >/dev/null || fail "reported: nothing more"

# ---- the calendar in force: a year imported changes the reminders to come ----
# 2027 has no official calendar here (Monday–Friday) until one is imported: the test calendar
# (tests/fixtures/calendar/2027-test.json) works Saturday 02-06 and takes 02-08…02-12 off. A
# notice due 2027-02-16 would remind 2 working days ahead on Friday 02-12; under the imported
# calendar that is a day off and the reminder comes on the Saturday worked before the holiday.
expect 0 "$CD" notice add --code '烟网信通〔2026〕99号' --authority 市委网信办 --asset JW \
	--unit JSJ --due 2027-02-16 --db "$DB"
run 2027-02-06 0 # a Saturday
expect 0 "$CD" calendar import "$SRC/tests/fixtures/calendar/2027-test.json" --db "$DB"
run 2027-02-06 1 # now a working Saturday, the last before the holiday
expect 0 "$CD" notify inbox officer --json --db "$DB"
jq -e '.[0].subject | test("将于 2027-02-16 到期（剩 2 个工作日）")' "$T/out" >/dev/null ||
	fail "reminded by the calendar imported"
run 2027-02-12 0 # a day off now: no round
run 2027-02-15 1 # 1 working day left

# ---- the weekly digest: each account's scope, once a week ----
expect 0 "$CD" notify rules digest on --db "$DB"
digests() { "$CD" notify inbox "$1" --all --json --db "$DB" |
	jq '[.[] | select(.rule == "digest.weekly")] | length'; }
expect 0 "$CD" notify run --at '2027-02-17 09:00' --db "$DB"
expect 0 "$CD" notify run --at '2027-02-18 09:00' --db "$DB"
[ "$(digests officer)" -eq 1 ] && [ "$(digests office)" -eq 1 ] || fail "one digest a week"
expect 0 "$CD" notify inbox officer --all --json --db "$DB"
jq -e '[.[] | select(.rule == "digest.weekly")][0] | (.subject | test("2027-02-15 起的一周"))
	and (.body | test("通报：已逾期 2"))' "$T/out" >/dev/null || fail "the officer's digest"
expect 0 "$CD" notify run --at '2027-02-22 09:00' --db "$DB"
[ "$(digests officer)" -eq 2 ] || fail "the next week's digest"
done_ok
