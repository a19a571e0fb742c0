# incidents.sh — incidents and their accountability case on the command line: the Yantai demo's
# incidents in every state as of 2024-11-01 (a report not yet due, one overdue, one on time, a
# summary overdue, a repeat with criticism, a vacant role, a decided case); a fresh register
# where the first responsible person changed the day before an incident; the whole case from
# add to decision; bad input answered with exit 2 and nothing written; the timeline kept
# append-only by the database itself.
. "$(dirname "$0")/lib.inc"
DB=$T/yt.db
I1='示例事件〔2024〕1号' I2='示例事件〔2024〕2号' I3='示例事件〔2024〕3号'
I4='示例事件〔2024〕4号' I5='示例事件〔2024〕5号' I6='示例事件〔2024〕6号' I7='示例事件〔2024〕7号'
events() { sqlite3 "$1" 'SELECT count(*) FROM incident_event'; }

expect 0 "$CD" demo --db "$DB" --profile yantai-fao-2021 --as-of 2024-11-01

# the demo has an incident in every state on its day
expect 0 "$CD" incident list --db "$DB" --as-of 2024-11-01 --json
jq -e '.incidents | length == 7' "$T/out" >/dev/null || fail "demo incidents"
for s in open overdue done_on_time done_late; do
	jq -e --arg s "$s" '[.incidents[] | select(.report_state == $s)] | length >= 1' "$T/out" \
		>/dev/null || fail "no incident with its report $s"
done
for s in done_on_time overdue; do
	jq -e --arg s "$s" '[.incidents[] | select(.summary_state == $s)] | length >= 1' "$T/out" \
		>/dev/null || fail "no incident with its summary $s"
done
jq -e '[.incidents[] | select(.case_stage == "decided")] | length == 1' "$T/out" >/dev/null ||
	fail "no decided case"
jq -e '[.incidents[] | select(.grade_draft)] | length == 1' "$T/out" >/dev/null ||
	fail "no grade on a draft threshold"
expect 0 "$CD" incident list --db "$DB" --as-of 2024-11-01
has "$T/out" "$I5"
has "$T/out" "较大 draft"
# as of the morning, today's incident is not yet detected
expect 0 "$CD" incident list --db "$DB" --as-of 2024-11-01T12:00:00+08:00
lacks "$T/out" "$I7"

# today's incident: detected 20:30, the report is due 4 hours later, after midnight
expect 0 "$CD" incident show "$I7" --db "$DB" --as-of 2024-11-01 --json
jq -e '.report_required and .report_due == "2024-11-02T00:30:00+08:00" and .report_state == "open" and .grade == "较大" and (.grade_confirmed | not)' \
	"$T/out" >/dev/null || fail "report not yet due"
expect 0 "$CD" incident show "$I7" --db "$DB" --as-of 2024-11-02T00:31:00+08:00 --json
jq -e '.report_state == "overdue" and .facts.reported_timely.value == false and .facts.reported_timely.origin == "derived"' \
	"$T/out" >/dev/null || fail "report overdue after 00:30"
# closed, summary 30 days after handling ended: overdue
expect 0 "$CD" incident show "$I2" --db "$DB" --as-of 2024-11-01 --json
jq -e '.summary_due == "2024-09-07" and .summary_state == "overdue" and .record.handling_ended_at != null' \
	"$T/out" >/dev/null || fail "summary overdue"
# the repeat: a notice on the same system 15 days before, within 3 months
expect 0 "$CD" incident show "$I4" --db "$DB" --as-of 2024-11-01 --json
jq -e '.repeat_of == "示例通报〔2024〕2号" and .criticism_proposed and .criticism_article == "五、整改落实"' \
	"$T/out" >/dev/null || fail "repeat"
# the vacant role: 友城工作科 has had no principal for 40 days
expect 0 "$CD" incident show "$I6" --db "$DB" --as-of 2024-11-01 --json
jq -e '[.chain[] | select(.vacant and .unit == "YCK" and .role == "principal" and .person == null)] | length == 1' \
	"$T/out" >/dev/null || fail "vacant role"
expect 0 "$CD" incident show "$I6" --db "$DB" --as-of 2024-11-01
has "$T/out" "友城工作科 principal: vacant"
# the decided case: proposal → answer → recommendation → decision, all in the timeline
expect 0 "$CD" accountability show "$I1" --db "$DB" --json
jq -e '.stage == "decided" and (.proposals | length) == 1 and (.recommendations | length) == 1 and (.decisions | length) == 2 and ([.answers[] | select(.fact == "concealed" and .value == "true")] | length) == 1' \
	"$T/out" >/dev/null || fail "decided case"
expect 0 "$CD" incident show "$I1" --db "$DB" --as-of 2024-11-01 --json
jq -e '[.triggers[] | select(.state == "fired") | .id] == ["8.5"] and .report_state == "done_late" and ([.timeline[].event] | index("decide")) > ([.timeline[].event] | index("recommend"))' \
	"$T/out" >/dev/null || fail "the decided case's verdict"

# bad input: exit 2, one line saying what to fix, nothing written
before=$(events "$DB")
expect 2 "$CD" incident event "$I7" --db "$DB" --fact nope=true --at '2024-11-01 21:00'
has "$T/err" 'no fact "nope"'
expect 2 "$CD" incident event "$I7" --db "$DB" --fact tampered --at '2024-11-01 21:00'
has "$T/err" "--fact wants NAME=VALUE"
expect 2 "$CD" incident event "$I7" --db "$DB" --fact tampered=yes --at '2024-11-01 21:00'
has "$T/err" '"yes" is not true or false'
expect 2 "$CD" incident event "$I7" --db "$DB" --measure outage_hours=3 --at '2024-11-01 21:00'
has "$T/err" "the outage hours come from the outage times"
expect 2 "$CD" incident event "$I7" --db "$DB" --grade 很大 --reason x --at '2024-11-01 21:00'
has "$T/err" "is not 特别重大, 重大, 较大 or 一般"
expect 2 "$CD" incident event "$I7" --db "$DB" --grade 重大 --at '2024-11-01 21:00'
has "$T/err" "--grade and --reason go together"
expect 2 "$CD" incident event "$I7" --db "$DB" --step 处置 --fact tampered=true
has "$T/err" "takes one of"
expect 2 "$CD" incident event "$I7" --db "$DB" --person NOBODY
has "$T/err" 'no person "NOBODY"'
expect 2 "$CD" incident event "$I7" --db "$DB" --set class=阴谋
has "$T/err" "is not an incident class of GB/T 20986-2023"
expect 2 "$CD" incident event "$I7" --db "$DB" --set nothing=1
has "$T/err" 'no field "nothing"'
expect 2 "$CD" incident report "$I7" --db "$DB" --kind initial --to 市委网信办 --at '2024-11-01 10:00'
has "$T/err" "dated before the incident was detected"
expect 2 "$CD" incident report "$I7" --db "$DB" --kind summary --to 市委网信办 --at '2024-11-01 22:00'
has "$T/err" "close the incident first"
expect 2 "$CD" incident report "$I7" --db "$DB" --kind final --to 市委网信办 --at '2024-11-01 22:00'
has "$T/err" '"final" is not initial, supplementary or summary'
expect 2 "$CD" incident close "$I3" --db "$DB" --at '2024-11-01 10:00'
has "$T/err" "handling ended already"
expect 2 "$CD" incident event "$I3" --db "$DB" --step 再处置 --at '2024-11-01 10:00'
has "$T/err" "handling ended already"
expect 2 "$CD" accountability decide "$I3" --db "$DB" --authority 党组 --date 2024-10-30 --outcome YT0006=批评教育
has "$T/err" "decide: no recommendation yet"
expect 2 "$CD" accountability recommend "$I3" --db "$DB" --as-of 2024-11-01
has "$T/err" "recommend: no proposal yet"
expect 2 "$CD" accountability propose "$I7" --db "$DB" --as-of 2024-11-01
has "$T/err" "close the incident first"
expect 2 "$CD" accountability answer "$I7" concealed=false --db "$DB"
has "$T/err" "--note WHY"
expect 2 "$CD" accountability decide "$I1" --db "$DB" --authority 党组 --date 2024-10-30 --outcome YT0006
has "$T/err" "--outcome wants NAME=VALUE"
expect 2 "$CD" accountability decide "$I1" --db "$DB" --authority 党组 --date 2999-01-01 --outcome YT0006=x
has "$T/err" "lies in the future"
expect 2 "$CD" incident add "$I1" --db "$DB" --asset YT-WEB --detected '2024-10-30 09:00'
has "$T/err" "already recorded"
expect 2 "$CD" incident add X1 --db "$DB" --asset YT-WEB
has "$T/err" "--detected TIME"
expect 2 "$CD" incident add X1 --db "$DB" --asset YT-WEB --detected '2999-01-01 09:00'
has "$T/err" "lies in the future"
expect 2 "$CD" incident add X1 --db "$DB" --asset NOPE --detected '2024-10-30 09:00'
has "$T/err" 'no asset "NOPE"'
expect 2 "$CD" incident add X1 --db "$DB" --asset YT-WEB --detected '2024-10-30 09:00' --class 阴谋
has "$T/err" "use the code or the Chinese name"
expect 2 "$CD" incident add X1 --db "$DB" --asset YT-WEB --detected '2024-10-30 09:00' --subclass 某类
has "$T/err" "record the class first"
expect 2 "$CD" incident add X1 --db "$DB" --asset YT-WEB --detected '2024-10-30 09:00' --occurred '2024-10-30 10:00'
has "$T/err" "occurred_at: after the incident was detected"
expect 2 "$CD" incident add X1 --db "$DB" --asset YT-WEB --detected '2024-10-30 09:00' --reporter 外星
has "$T/err" "is not cii, central_organ or other"
expect 2 "$CD" incident show NOPE --db "$DB"
has "$T/err" "no incident NOPE"
expect 2 "$CD" incident frobnicate --db "$DB"
has "$T/err" 'unknown incident command "frobnicate"'
[ "$(events "$DB")" -eq "$before" ] || fail "a refused command wrote an event"
expect 0 "$CD" incident list --db "$DB" --json
lacks "$T/out" '"X1"'

# the database itself keeps the timeline append-only and the record fixed
set +e
sqlite3 "$DB" "UPDATE incident_event SET value = 'false' WHERE kind = 'fact'" 2>"$T/err"
st=$?
set -e
[ "$st" -ne 0 ] || fail "an UPDATE of incident_event was allowed"
has "$T/err" "incident events are append-only"
if sqlite3 "$DB" "DELETE FROM incident_event" 2>"$T/err"; then fail "a DELETE was allowed"; fi
has "$T/err" "incident events are append-only"
if sqlite3 "$DB" "UPDATE incident SET detected_at = '2024-11-01T23:00:00+08:00'" 2>"$T/err"; then
	fail "an UPDATE of incident was allowed"
fi
has "$T/err" "an incident record is fixed"
[ "$(events "$DB")" -eq "$before" ] || fail "the timeline changed"

# repeats both ways: an incident after a notice on the same system, a notice after an incident
expect 0 "$CD" incident add R1 --db "$DB" --asset YT-WEB --detected '2024-11-01 10:00'
has "$T/out" "REPEAT: YT-WEB had notice 示例通报〔2024〕3号 on 20 Oct 2024 15:00, within 3 months"
expect 0 "$CD" incident list --db "$DB" --as-of 2024-11-01 --json
_srv=$(jq -r --arg i "$I5" '.incidents[] | select(.code == $i) | .assets[0]' "$T/out")
expect 0 "$CD" notice add --db "$DB" --code N-AFTER --authority 市委网信办 --asset "$_srv" \
	--received '2024-11-01 11:00'
has "$T/out" "REPEAT: $_srv had incident $I5 on 30 Oct 2024 10:00, within 3 months"

# a fresh register: 计算机学院's first responsible changed on 2025-03-10
F=$T/fresh.db
expect 0 "$CD" init --profile imnu-2022 --db "$F"
printf '%s\n' 编码,名称,上级编码,类型 DW,中共示例学院委员会,,党委 WXW,网络安全和信息化委员会,DW,网信委 \
	WXB,网信委办公室,WXW,网信办 XXZX,信息中心,DW,信息中心 JSJ,计算机学院,DW,部门 >"$T/units.csv"
printf '%s\n' 工号,姓名,所属单位,职务 P1,王书记,DW,党委书记 P2,李副校长,DW,副校长 P3,赵老院长,JSJ,原院长 \
	P4,钱新院长,JSJ,院长 P5,孙副院长,JSJ,副院长 P6,周安全员,JSJ,网络安全员 P7,吴主任,XXZX,主任 \
	P8,郑委员,DW,党委常委 >"$T/people.csv"
printf '%s\n' 资产编码,名称,类型,使用单位,主管单位,运维单位,状态 OJ,在线评测系统,信息系统,JSJ,JSJ,XXZX,运行 \
	>"$T/assets.csv"
printf '%s\n' 人员工号,角色,单位编码,起始日期,截止日期 P1,第一责任人,DW,2020-01-01, P2,直接责任人,DW,2020-01-01, \
	P3,第一责任人,JSJ,2020-01-01,2025-03-09 P4,第一责任人,JSJ,2025-03-10, P5,直接责任人,JSJ,2020-01-01, \
	P6,网络安全员,JSJ,2020-01-01, P7,第一责任人,XXZX,2020-01-01, P8,领导责任人,DW,2020-01-01, >"$T/duties.csv"
for k in units people assets duties; do expect 0 "$CD" import "$k" "$T/$k.csv" --db "$F"; done

# the chain is traced with the holders of the day: the new head the day after the change …
expect 0 "$CD" incident add A1 --db "$F" --asset OJ --detected '2025-03-11 09:00' --title 评测系统被篡改 \
	--class network_attack --reporter other --occurred '2025-03-11 08:20' --by 值班员
has "$T/out" "incident A1: recorded"
expect 0 "$CD" incident show A1 --db "$F" --as-of 2025-03-11 --json
jq -e '[.chain[] | select(.unit == "JSJ" and .role == "first_responsible") | .person] == ["P4"]' "$T/out" \
	>/dev/null || fail "chain after the change of holder"
# … a role nobody held that day is vacant …
jq -e '[.chain[] | select(.vacant) | [.unit, .role]] == [["XXZX", "direct_responsible"]]' "$T/out" \
	>/dev/null || fail "vacant direct_responsible of XXZX"
jq -e '.record.class == "network_attack" and .record.reporter == "other" and .record.occurred_at == "2025-03-11T08:20:00+08:00" and (.timeline | length) == 3' \
	"$T/out" >/dev/null || fail "record"
# … and the old head the day before
expect 0 "$CD" incident add A0 --db "$F" --asset OJ --detected '2025-03-09 18:00'
expect 0 "$CD" incident show A0 --db "$F" --as-of 2025-03-10 --json
jq -e '[.chain[] | select(.unit == "JSJ" and .role == "first_responsible") | .person] == ["P3"] and .repeat_of == null' \
	"$T/out" >/dev/null || fail "chain before the change of holder"

# the whole case on A1, each step appended (the earlier entries stay as they were)
expect 0 "$CD" incident show A1 --db "$F" --as-of 2025-03-11 --json
jq '.timeline' "$T/out" >"$T/tl0"
expect 0 "$CD" incident event A1 --db "$F" --set outage_start='2025-03-11 08:20' --at '2025-03-11 09:05'
expect 0 "$CD" incident event A1 --db "$F" --set outage_end='2025-03-11 15:50' --at '2025-03-11 15:50'
has "$T/out" "paralysis: 7.5 hours"
expect 0 "$CD" incident event A1 --db "$F" --measure personal_info_people=1500000 --at '2025-03-11 10:00' --by 信息中心
has "$T/out" "较大 proposed"
has "$T/out" "meets: 泄露 100 万人以上个人信息"
expect 0 "$CD" incident event A1 --db "$F" --grade 较大 --reason 个人信息泄露逾百万 --at '2025-03-11 11:00' --by 网信办
has "$T/out" "较大 confirmed by 网信办: 个人信息泄露逾百万"
expect 0 "$CD" incident event A1 --db "$F" --person P6 --at '2025-03-11 12:00'
expect 0 "$CD" incident event A1 --db "$F" --participant P8 --at '2025-03-11 12:00'
expect 2 "$CD" incident event A1 --db "$F" --participant P8 --at '2025-03-11 12:01'
has "$T/err" "the person is recorded already"
expect 0 "$CD" incident event A1 --db "$F" --set coordination_failed=true --at '2025-03-11 12:00'
expect 0 "$CD" incident event A1 --db "$F" --fact tampered=true --note 页面截图 --at '2025-03-11 12:00'
expect 0 "$CD" incident event A1 --db "$F" --step 下线系统，修复漏洞 --at '2025-03-11 13:00'
expect 0 "$CD" incident report A1 --db "$F" --kind initial --to 自治区党委网信办 --at '2025-03-11 14:00'
has "$T/out" "done_late, reported 11 Mar 2025 14:00"
expect 0 "$CD" incident close A1 --db "$F" --at '2025-03-12 18:00' --note 恢复上线
has "$T/out" "summary:  due 11 Apr 2025 24:00"
expect 0 "$CD" incident report A1 --db "$F" --kind summary --to 自治区党委网信办 --at '2025-04-01 10:00'
expect 0 "$CD" incident show A1 --db "$F" --as-of 2025-04-02 --json
jq -e '.paralysis_hours == 7.5 and .report_state == "done_late" and .summary_state == "done_on_time" and .facts.paralysis_hours.origin == "derived" and .facts.tampered.origin == "recorded"' \
	"$T/out" >/dev/null || fail "A1 after handling"
# P8 sat in the school committee's (DW) decision: main leadership falls on DW's first and direct
# responsible (P1, P2); the college's dean (P4) was not in that body and keeps leadership
jq -e '[.chain[] | select(.person == "P8") | .responsibility] == ["important_leadership"] and ([.chain[] | select(.person == "P1" or .person == "P2") | .responsibility] == ["main_leadership", "main_leadership"]) and ([.chain[] | select(.person == "P4") | .responsibility] == ["leadership"]) and ([.chain[] | select(.person == "P6") | .responsibility] == ["party_involved"])' \
	"$T/out" >/dev/null || fail "collective responsibility"
jq -e '[.chain[] | select(.responsibility == "coordination") | [.unit, .vacant]] == [["WXB", true]]' "$T/out" \
	>/dev/null || fail "coordination: the office without a head"
jq -e --slurpfile tl "$T/tl0" '.timeline[0:3] == $tl[0] and (.timeline | length) == 15' "$T/out" \
	>/dev/null || fail "the timeline is not append-only"
expect 0 "$CD" accountability propose A1 --db "$F" --as-of 2025-04-02 --by 网信办
has "$T/out" "accountability proposal (责任追究提议) — incident A1"
has "$T/out" "网信委办公室 principal: vacant"
has "$T/out" "the case is now proposed"
expect 0 "$CD" accountability answer A1 harmful_info_spread_wide=true --note 截图被转发 --db "$F" --at '2025-04-03 10:00'
has "$T/out" "FIRED 14.1"
expect 0 "$CD" accountability recommend A1 --db "$F" --as-of 2025-04-04 --by 网信办
has "$T/out" "关于网络安全事件 A1「评测系统被篡改」 的问责建议"
has "$T/out" "第十四条第（一）项"
expect 2 "$CD" accountability decide A1 --db "$F" --authority 党委常委会 --date 2025-04-10 --outcome P6=诫勉谈话 --outcome P6=批评
has "$T/err" "given twice"
expect 2 "$CD" accountability decide A1 --db "$F" --authority 党委常委会 --date 2025-04-10 --outcome NOBODY=x
has "$T/err" 'no person "NOBODY"'
expect 0 "$CD" accountability decide A1 --db "$F" --authority 党委常委会 --date 2025-04-10 \
	--outcome P6=诫勉谈话 --outcome P4=批评教育 --by 网信办
has "$T/out" "周安全员 (P6): 诫勉谈话"
expect 0 "$CD" accountability show A1 --db "$F"
has "$T/out" "decided (已作出决定)"
has "$T/out" "harmful_info_spread_wide = true — 截图被转发"
expect 0 "$CD" accountability show A1 --db "$F" --json
jq -e '[.decisions[] | [.person, .outcome, .authority]] == [["P6", "诫勉谈话", "党委常委会"], ["P4", "批评教育", "党委常委会"]] and (.proposals[0].text | test("14.1"))' \
	"$T/out" >/dev/null || fail "decisions"
expect 0 "$CD" incident show A1 --db "$F" --as-of 2025-04-11 --json
jq -e --slurpfile tl "$T/tl0" '.case_stage == "decided" and .timeline[0:3] == $tl[0] and (.timeline | length) == 20 and (.timeline[-1].recorded_at | test("\\+08:00$"))' \
	"$T/out" >/dev/null || fail "the case in the timeline"
done_ok
