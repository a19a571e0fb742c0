# deadlines.sh — notices, due, records and projects on the command line against a Yantai demo
# built as of 2024-11-01: the demo's notices in every state, a notice received on the working
# Sunday before National Day (due 2024-10-09, a repeat within three months), its closed loop with
# refusals of steps out of order, support and extension, 举一反三 checks, records fulfilling
# duties across the year boundary, the budget ratio, and bad input answered with exit 2.
. "$(dirname "$0")/lib.inc"
DB=$T/yt.db
N='烟网信通〔2024〕31号'

expect 0 "$CD" demo --db "$DB" --profile yantai-fao-2021 --as-of 2024-11-01

# the demo has a notice in every state on its day
expect 0 "$CD" notice list --db "$DB" --as-of 2024-11-01 --json
for s in open due_today overdue done_on_time done_late; do
	jq -e --arg s "$s" '[.notices[] | select(.state == $s)] | length >= 1' "$T/out" >/dev/null ||
		fail "demo has no notice in state $s"
done
jq -e '[.notices[] | select(.repeat)] | length == 1' "$T/out" >/dev/null || fail "demo repeat"
expect 0 "$CD" notice list --db "$DB" --as-of 2024-11-01 --state overdue
has "$T/out" "示例通报〔2024〕3号"
lacks "$T/out" "示例通报〔2024〕1号"

# due: everything open, soonest first; exit 1 because something is overdue; last year's missed duty
expect 1 "$CD" due --db "$DB" --as-of 2024-11-01 --json
jq -e '.items | map(.due // "9999") | . == sort' "$T/out" >/dev/null || fail "due not sorted"
jq -e '[.items[] | select(.what == "duty" and .subject == "2023" and .state == "overdue")] | length == 1' \
	"$T/out" >/dev/null || fail "last year's missed duty is not overdue"
jq -e '[.items[] | select(.what == "duty" and .subject == "2024")] | length >= 1' "$T/out" >/dev/null ||
	fail "this year's duties missing"
jq -e '[.items[] | select(.what == "notice")] | length == 4' "$T/out" >/dev/null || fail "open notices"
expect 0 "$CD" due --db "$DB" --as-of 2024-11-01 --unit YCK
has "$T/out" "示例通报〔2024〕4号"
lacks "$T/out" "示例通报〔2024〕3号"
expect 1 "$CD" due --db "$DB" --as-of 2024-11-01 --all --json
jq -e '[.items[] | select(.state == "done_late" and .what == "duty")] | length == 1' "$T/out" >/dev/null ||
	fail "the duty done in January is not done late"

# a notice received on the working Sunday before National Day: due 2024-10-09; a repeat
expect 0 "$CD" notice add --db "$DB" --code "$N" --authority 中共烟台市委网信办 --asset YT-WEB \
	--received '2024-09-29 10:00' --category 网页篡改 --text 门户网站存在被篡改风险
has "$T/out" "due: 9 Oct 2024 24:00 (3 working days after receipt, 五、整改落实)"
has "$T/out" "REPEAT: YT-WEB had notice 示例通报〔2024〕1号"
has "$T/out" "通报批评 proposed (五、整改落实)"
has "$T/out" "举一反三: 2 similar systems"
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2024-10-08T23:59:59+08:00 --json
jq -e '.due == "2024-10-09" and .state == "open" and .repeat and .criticism.article == "五、整改落实"' \
	"$T/out" >/dev/null || fail "show before the due day"
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2024-10-09 --json
jq -e '.state == "due_today" and (.similar | length) == 2' "$T/out" >/dev/null || fail "due today"
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2024-10-10 --json
jq -e '.state == "overdue"' "$T/out" >/dev/null || fail "overdue the day after"
# Yantai 五: 通报批评 for a notice not handled as required as well as for a repeat — both named
jq -e '.criticism.grounds == ["late", "repeat"] and .criticism.article == "五、整改落实"' "$T/out" \
	>/dev/null || fail "criticism on both grounds once overdue"
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2024-10-09 --json
jq -e '.criticism.grounds == ["repeat"]' "$T/out" >/dev/null || fail "due today is not late"
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2024-10-10
has "$T/out" "LATE: overdue — 通报批评 proposed for a notice not handled as required (五、整改落实)"
# the demo's overdue notice: criticism for lateness beside its repeat
expect 0 "$CD" notice list --db "$DB" --as-of 2024-11-01 --state overdue
has "$T/out" "[late: 通报批评 proposed]"

# the closed loop: out of order is refused and nothing is written
expect 2 "$CD" notice feedback "$N" --db "$DB" --at '2024-10-08 10:00'
has "$T/err" "feedback is not possible now: the notice is received"
expect 2 "$CD" notice rectify "$N" --db "$DB" --at '2024-09-29 09:00'
has "$T/err" "before the notice was received"
expect 0 "$CD" notice rectify "$N" --db "$DB" --at '2024-10-08 16:00' --by 外事综合服务中心 --note 已修补漏洞
has "$T/out" "now rectified"
# rectified without feedback: the clock still runs
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2024-10-10 --json
jq -e '.stage == "rectified" and .state == "overdue"' "$T/out" >/dev/null || fail "rectified is not done"
expect 0 "$CD" notice feedback "$N" --db "$DB" --at '2024-10-09 23:59:59'
has "$T/out" "按时完成"
expect 2 "$CD" notice extend "$N" --db "$DB" --to 2024-10-20 --reason x --by y --at '2024-10-10 09:00'
has "$T/err" "feedback was already sent"
expect 0 "$CD" notice verify "$N" --db "$DB" --at '2024-10-15 10:00' --by 中共烟台市委网信办
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2024-11-01 --json
jq -e '.stage == "verified" and .state == "done_on_time" and (.timeline | map(.event)) == ["rectify","feedback","verify"]' \
	"$T/out" >/dev/null || fail "closed loop"

# 举一反三: mark the similar systems checked
_sim=$(jq -r '.similar[0].asset' "$T/out")
expect 0 "$CD" notice checked "$N" "$_sim" --db "$DB" --at '2024-10-12 10:00' --by 信息员
expect 2 "$CD" notice checked "$N" "$_sim" --db "$DB" --at '2024-10-12 11:00'
has "$T/err" "already"
expect 2 "$CD" notice checked "$N" YT-ZWXT --db "$DB"
expect 0 "$CD" notice show "$N" --db "$DB"
has "$T/out" "[x] $_sim"
# due by the record: a check made after the instant asked was still to do then (the list is read),
# at and after it one is left (now: the count kept with the notice)
expect 1 "$CD" due --db "$DB" --as-of 2024-10-12T09:59 --json
jq -e --arg n "$N" '[.items[] | select(.what == "similar_check" and .subject == $n) | .title] ==
	["举一反三: notice \($n), 2 similar systems to check"]' "$T/out" >/dev/null ||
	fail "due before the check: $(cat "$T/out")"
for at in 2024-10-12T10:00 2024-11-01; do
	expect 1 "$CD" due --db "$DB" --as-of "$at" --json
	jq -e --arg n "$N" '[.items[] | select(.what == "similar_check" and .subject == $n) |
		.title + " " + .state] == ["举一反三: notice \($n), 1 similar systems to check overdue"]' \
		"$T/out" >/dev/null || fail "due at $at, after the check: $(cat "$T/out")"
done
expect 1 "$CD" due --db "$DB" --json
jq -e --arg n "$N" '[.items[] | select(.what == "similar_check" and .subject == $n)] | length == 1' \
	"$T/out" >/dev/null || fail "due now, after the check"
# the order (due date, then title), the counts, and the unit filter of the kept obligations
expect 1 "$CD" due --db "$DB" --as-of 2024-11-01 --all --json
jq -e '(.items | map([(.due // "9999"), .title]) | . == sort) and .count == (.items | length) and
	.overdue == ([.items[] | select(.state == "overdue")] | length) and .count > 20' "$T/out" \
	>/dev/null || fail "due --all: order or counts"
expect 1 "$CD" due --db "$DB" --as-of 2024-11-01 --unit HZQZK --all --json
jq -e '[.items[] | .unit] | unique == ["HZQZK"]' "$T/out" >/dev/null || fail "due --unit: $(cat "$T/out")"

# support requested (the clock runs on) and an extension granted, on a working Sunday receipt
expect 0 "$CD" notice add --db "$DB" --code N-SUN --authority 烟台市公安局网安支队 --asset YT-OA \
	--received '2024-02-04T09:00:00+08:00'
has "$T/out" "due: 7 Feb 2024 24:00"
expect 0 "$CD" notice support N-SUN --db "$DB" --at '2024-02-05 09:00' --note 需厂商协助
has "$T/out" "the clock runs on"
expect 2 "$CD" notice extend N-SUN --db "$DB" --to 2024-02-06 --reason 厂商补丁 --by 网安支队 --at '2024-02-05 10:00'
has "$T/err" "not later than the current one (2024-02-07)"
expect 2 "$CD" notice extend N-SUN --db "$DB" --to 2024-02-20 --at '2024-02-05 10:00'
has "$T/err" "--reason and --by"
expect 0 "$CD" notice extend N-SUN --db "$DB" --to 2024-02-20 --reason 厂商补丁 --by 网安支队 --at '2024-02-05 10:00'
expect 0 "$CD" notice show N-SUN --db "$DB" --as-of 2024-02-19 --json
jq -e '.due == "2024-02-20" and .state == "open"' "$T/out" >/dev/null || fail "extension"
expect 0 "$CD" notice show N-SUN --db "$DB" --as-of 2024-02-19
has "$T/out" "extended by 网安支队: 厂商补丁"

# bad input: exit 2, a message that says what to fix, nothing written
expect 2 "$CD" notice add --db "$DB" --code X1 --authority A
has "$T/err" "--asset"
expect 2 "$CD" notice add --db "$DB" --code X1 --authority A --asset NOPE --received '2024-01-02 10:00'
has "$T/err" 'no asset "NOPE"'
expect 2 "$CD" notice add --db "$DB" --code X1 --authority A --asset YT-WEB,YT-WEB --received '2024-01-02 10:00'
has "$T/err" "given twice"
expect 2 "$CD" notice add --db "$DB" --code X1 --authority A --asset YT-WEB --received 2024-01-02
has "$T/err" "--received wants a date-time"
expect 2 "$CD" notice add --db "$DB" --code X1 --authority A --asset YT-WEB --received '2999-01-02 10:00'
has "$T/err" "future"
expect 2 "$CD" notice add --db "$DB" --code "$N" --authority A --asset YT-WEB --received '2024-01-02 10:00'
has "$T/err" "already recorded"
expect 2 "$CD" notice add --db "$DB" --code X1 --authority A --asset YT-WEB --received '2024-01-02 10:00' --due 2024-01-01
has "$T/err" "before the notice was received"
expect 2 "$CD" notice rectify NOPE --db "$DB"
has "$T/err" "no notice NOPE"
expect 2 "$CD" notice list --db "$DB" --state late
has "$T/err" "unknown state"
expect 0 "$CD" notice list --db "$DB" --json
lacks "$T/out" '"X1"'

# records: a meeting goes to the leading group's duty by default
expect 0 "$CD" record meeting --db "$DB" --date 2024-03-01 --title 2024年网络安全专题会议 \
	--participants 办领导、各科室负责人
has "$T/out" "fulfils: 网络安全工作专题会议（2024）— 2/1"
# training answers two duties held by different units: say which
expect 2 "$CD" record training --db "$DB" --date 2024-03-05 --title 培训
has "$T/err" "--unit: say which unit"
expect 0 "$CD" record training --db "$DB" --date 2024-03-05 --title 科室培训 --unit GJJLK
has "$T/out" "fulfils: 本部门人员网络安全教育培训（2024）"
expect 2 "$CD" record other --db "$DB" --date 2024-03-05 --title x --duty nope --unit ZHK
has "$T/err" 'has no duty "nope"'
expect 2 "$CD" record meeting --db "$DB" --date 2024-03-05 --title x --duty special_meeting --period 2024-H1
has "$T/err" "is not a period of duty special_meeting"
expect 2 "$CD" record meeting --db "$DB" --date 2999-03-05 --title x
has "$T/err" "future"
expect 2 "$CD" record meeting --db "$DB" --date 2024-03-05
has "$T/err" "--title"
expect 2 "$CD" record nap --db "$DB"
has "$T/err" "unknown record kind"
expect 0 "$CD" record list --db "$DB" --json
jq -e '[.records[] | select(.title == "2024年网络安全专题会议")][0] | .answers.duty == "special_meeting" and .answers.period == "2024"' \
	"$T/out" >/dev/null || fail "record list"

# budget: a project under the profile's 5 % is a check finding
expect 0 "$CD" project add --db "$DB" --code P-LOW --name 低预算项目 --total 1000000 --security 49999 --unit ZHK --year 2024
has "$T/out" "under the 5 % the profile asks (七、强化保障)"
expect 0 "$CD" project add --db "$DB" --code P-OK --name 达标项目 --total 1000000 --security 50000 --year 2024
expect 2 "$CD" project add --db "$DB" --code P-BAD --name x --total 100 --security 101
has "$T/err" "--security: the security budget (101 yuan) is part of the total (100 yuan)"
expect 2 "$CD" project add --db "$DB" --code P-BAD --name x --total 1e6 --security 1
has "$T/err" "not a whole number"
expect 1 "$CD" check --db "$DB" --as-of 2024-11-01 --json
jq -e '[.findings[] | select(.rule == "budget.low") | .message] | map(test("P-LOW|XM-02")) | all and length == 2' \
	"$T/out" >/dev/null || fail "budget.low"
done_ok
