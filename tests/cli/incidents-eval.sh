# incidents-eval.sh — incidents through `cyberduty eval` (docs/eval.md), what every profile shares:
# grading from the thresholds, reporting and summary deadlines at their edges, facts derived from
# the data (and winning over recorded ones), evidence, and malformed incidents refused with their
# exact messages. The profiles' triggers and chains: incidents-central.sh, incidents-yantai.sh,
# incidents-imnu.sh (the register: tests/fixtures/eval/central-2017.json).
. "$(dirname "$0")/lib.inc"
. "$(dirname "$0")/eval.inc"

C=$(cat "$CD_FIXTURES/eval/central-2017.json")

# ============================================================================================
# grading (国家网络安全事件应急预案, data/incident-grades.json) and reporting deadlines (国家网络安全
# 事件报告管理办法: 较大 and above, 1 h CII operator, 2 h central organs, 4 h others, from
# detection; summary within 30 days after handling ends) — the same under every profile
# ============================================================================================
GRADE='.incidents[0] | [.grade_proposed, .grade, .report_required, .report_due, .report_state, .facts.reported_timely.value] | map(tostring) | join(" ")'
OUT='"outage_start": "2024-05-10T08:00:00+08:00", "outage_end"'
table "$C" "$GRADE" <<ROWS
999,999 people: 一般, nothing to report ; {"measures": {"personal_info_people": 999999}} ; 一般 一般 false null no_deadline null
1,000,000 people: 较大, 4 h, not reported ; {"measures": {"personal_info_people": 1000000}} ; 较大 较大 true 2024-05-10T13:00:00+08:00 overdue false
10,000,000 people: 重大 ; {"measures": {"personal_info_people": 10000000}} ; 重大 重大 true 2024-05-10T13:00:00+08:00 overdue false
100,000,000 people: 特别重大 ; {"measures": {"personal_info_people": 100000000}} ; 特别重大 特别重大 true 2024-05-10T13:00:00+08:00 overdue false
# a CII system reports within 1 hour: the register says it is CII, whatever the incident says
CII wholly down 6 h: 特别重大 ; {"asset": "CII", $OUT: "2024-05-10T14:00:00+08:00"} ; 特别重大 特别重大 true 2024-05-10T10:00:00+08:00 overdue false
CII wholly down 6 h less a second: 重大 (draft) ; {"asset": "CII", $OUT: "2024-05-10T13:59:59+08:00"} ; 重大 重大 true 2024-05-10T10:00:00+08:00 overdue false
CII main functions 6 h: 重大 (draft) ; {"asset": "CII", "outage_scope": "main_functions", $OUT: "2024-05-10T14:00:00+08:00"} ; 重大 重大 true 2024-05-10T10:00:00+08:00 overdue false
CII main functions 24 h: 特别重大 ; {"asset": "CII", "outage_scope": "main_functions", $OUT: "2024-05-11T08:00:00+08:00"} ; 特别重大 特别重大 true 2024-05-10T10:00:00+08:00 overdue false
portal down 1 h: 一般 ; {$OUT: "2024-05-10T09:00:00+08:00"} ; 一般 一般 false null no_deadline null
the confirmed grade decides ; {"measures": {"personal_info_people": 1000000}, "grade": "一般", "grade_reason": "实际泄露人数经核实不足 100 万"} ; 较大 一般 false null no_deadline null
a confirmed grade without measures ; {"grade": "重大"} ; 一般 重大 true 2024-05-10T13:00:00+08:00 overdue false
the highest of several assets ; {"asset": null, "assets": ["PORTAL", "CII"], $OUT: "2024-05-10T14:00:00+08:00"} ; 特别重大 特别重大 true 2024-05-10T10:00:00+08:00 overdue false
ROWS
# a confirmed threshold, and a draft one with its warning; the measures a higher grade awaits
inc "$C" '{"measures": {"personal_info_people": 1000000}, "reporter_type": "other"}'
is '.incidents[0].grade_basis | tojson' '[{"text":"泄露 100 万人以上个人信息","confirmed":true}]'
is '.incidents[0].grade_confirmed' false
is '.incidents[0].warnings' '[]'
is '.incidents[0].grade_unknown_measures | sort | join(" ")' 'core_data_leak direct_loss_yuan outage_hours reposts tamper_homepage_hours tamper_other_hours views'
inc "$C" "{$O6}"
is '.incidents[0].grade_basis | tojson' '[{"text":"网站无法访问 6 小时以上（2023 年征求意见稿）","confirmed":false}]'
is '.incidents[0].warnings[0]' 'the proposed grade rests on a draft threshold (confirmed: false): a person confirms or overrides it'
is '.incidents[0].paralysis_hours' 6
inc "$C" "{$O6, \"grade\": \"重大\", \"grade_reason\": \"复核\", \"reporter_type\": \"other\"}"
is '.incidents[0].grade_confirmed' true
is '.incidents[0].warnings' '[]'

# the deadline by who reports; a report at the due instant is on time, a second later late; no
# report and as_of past the due instant: overdue, so not reported in time
REPORT='.incidents[0] | [.report_due, .report_state, .reported_at, .facts.reported_timely.value] | map(tostring) | join(" ")'
G='"measures": {"personal_info_people": 1000000}'
R='"kind": "initial", "to": "市委网信办"'
table "$C" "$REPORT" filtered <<ROWS
cii: 1 h, on time at the due instant ; {$G, "reporter_type": "cii", "reports": [{"at": "2024-05-10T10:00:00+08:00", $R}]} ; . ; 2024-05-10T10:00:00+08:00 done_on_time 2024-05-10T10:00:00+08:00 true
cii: a second later ; {$G, "reporter_type": "cii", "reports": [{"at": "2024-05-10T10:00:01+08:00", $R}]} ; . ; 2024-05-10T10:00:00+08:00 done_late 2024-05-10T10:00:01+08:00 false
central organ: 2 h ; {$G, "reporter_type": "central_organ", "reports": [{"at": "2024-05-10T11:00:00+08:00", $R}]} ; . ; 2024-05-10T11:00:00+08:00 done_on_time 2024-05-10T11:00:00+08:00 true
central organ: a second later ; {$G, "reporter_type": "central_organ", "reports": [{"at": "2024-05-10T03:00:01Z", $R}]} ; . ; 2024-05-10T11:00:00+08:00 done_late 2024-05-10T11:00:01+08:00 false
other: 4 h ; {$G, "reporter_type": "other", "reports": [{"at": "2024-05-10T13:00:00+08:00", $R}]} ; . ; 2024-05-10T13:00:00+08:00 done_on_time 2024-05-10T13:00:00+08:00 true
other (the default): a second later ; {$G, "reports": [{"at": "2024-05-10T13:00:01+08:00", $R}]} ; . ; 2024-05-10T13:00:00+08:00 done_late 2024-05-10T13:00:01+08:00 false
the first report counts, whatever its kind ; {$G, "reports": [{"at": "2024-05-10T15:00:00+08:00", $R}, {"at": "2024-05-10T12:00:00+08:00", "kind": "supplementary"}]} ; . ; 2024-05-10T13:00:00+08:00 done_on_time 2024-05-10T12:00:00+08:00 true
no report, as_of at the due instant: open, unknown ; {$G} ; .as_of = "2024-05-10T13:00:00+08:00" ; 2024-05-10T13:00:00+08:00 open null null
no report, as_of a second later: overdue ; {$G} ; .as_of = "2024-05-10T13:00:01+08:00" ; 2024-05-10T13:00:00+08:00 overdue null false
a report after as_of has not happened yet ; {$G, "reports": [{"at": "2024-05-10T12:30:00+08:00", $R}]} ; .as_of = "2024-05-10T12:00:00+08:00" ; 2024-05-10T13:00:00+08:00 open null null
ROWS
inc "$C" "{$G}"
is '.incidents[0].facts.reported_timely.why' 'report due 2024-05-10T13:00:00+08:00, not reported by as_of'
is '.incidents[0].facts.reported_timely.origin' derived

# who reports follows the register (2025 reporting measures: CII operator 1 h, central and state
# organs 2 h, others 4 h): a CII system makes it a CII report whatever the incident says (with a
# warning when it says otherwise); else the incident's record; else the organisation's
# reporter_type; else the default other — said in the verdict and warned about
WHO='.incidents[0] | [.reporter_type, .reporter_basis, .report_due] | join(" ")'
table "$C" "$WHO" filtered <<ROWS
nothing known: the default, warned ; {$G} ; . ; other default 2024-05-10T13:00:00+08:00
the organisation is a central organ ; {$G} ; .reporter_type = "central_organ" ; central_organ organisation 2024-05-10T11:00:00+08:00
the incident says other, the organisation central_organ ; {$G, "reporter_type": "other"} ; .reporter_type = "central_organ" ; other incident 2024-05-10T13:00:00+08:00
a CII system, no reporter type given ; {$G, "asset": "CII"} ; . ; cii asset_cii 2024-05-10T10:00:00+08:00
a CII system, the incident says other ; {$G, "asset": "CII", "reporter_type": "other"} ; .reporter_type = "other" ; cii asset_cii 2024-05-10T10:00:00+08:00
ROWS
inc "$C" "{$G}"
is '.incidents[0].reporter_why' 'nothing known: the default, other'
is '.incidents[0].warnings | map(select(startswith("reporter type unknown"))) | length' 1
inc "$C" "{$G, \"asset\": \"CII\", \"reporter_type\": \"other\"}"
is '.incidents[0].reporter_why' 'system CII is critical information infrastructure in the register'
is '.incidents[0].warnings | map(select(startswith("reporter: the incident records another"))) | length' 1
inc "$C" "{$G}" '.reporter_type = "cii"'
is '.incidents[0].warnings | map(select(startswith("reporter type unknown"))) | length' 0
# a 一般 incident has no deadline: nothing to warn about
inc "$C" '{}'
is '.incidents[0] | [.reporter_basis, (.warnings | length | tostring)] | join(" ")' 'default 0'

# inside first (IMNU 第十一条（四）、第十三条): every incident, 一般 included, is reported to the
# school within the profile's internal_report_minutes (30) of detection; central has no such clock
INSIDE='.incidents[0] | [.internal_report_due, .internal_report_state, .internal_reported_at] | map(tostring) | join(" ")'
IM=$(cat "$CD_FIXTURES/eval/imnu-2022.json")
table "$IM" "$INSIDE" filtered <<ROWS
a 一般 incident, as_of at the due instant ; {} ; .as_of = "2024-05-10T09:30:00+08:00" ; 2024-05-10T09:30:00+08:00 open null
a second later: overdue ; {} ; .as_of = "2024-05-10T09:30:01+08:00" ; 2024-05-10T09:30:00+08:00 overdue null
reported inside at 09:30 ; {"reports": [{"at": "2024-05-10T09:30:00+08:00", "kind": "internal", "to": "学校网信办"}]} ; . ; 2024-05-10T09:30:00+08:00 done_on_time 2024-05-10T09:30:00+08:00
an outside report does not answer it ; {"reports": [{"at": "2024-05-10T09:10:00+08:00", "kind": "initial"}]} ; . ; 2024-05-10T09:30:00+08:00 overdue null
ROWS
inc "$C" '{}'
is "$INSIDE" 'null no_deadline null'
# an internal report answers no outside deadline
inc "$C" "{$G, \"reporter_type\": \"other\", \"reports\": [{\"at\": \"2024-05-10T09:10:00+08:00\", \"kind\": \"internal\"}]}"
is '.incidents[0].report_state' overdue

# 续报 (2025 measures): owed when cause or impact was not known at the first report
FOLLOW='.incidents[0] | [.followup_state, .followup_at] | map(tostring) | join(" ")'
I0='{"at": "2024-05-10T10:00:00+08:00", "kind": "initial"}'
table "$C" "$FOLLOW" <<ROWS
一般: no report, no 续报 ; {} ; not_required null
no first report yet ; {$G} ; no_initial null
reported, nobody said whether cause and impact were known ; {$G, "reports": [$I0]} ; ask null
not known at the first report: owed ; {$G, "reports": [$I0], "facts": {"cause_impact_known": false}} ; open null
known at the first report ; {$G, "reports": [$I0], "facts": {"cause_impact_known": true}} ; not_needed null
the 续报 made ; {$G, "reports": [$I0, {"at": "2024-05-10T15:00:00+08:00", "kind": "supplementary"}], "facts": {"cause_impact_known": false}} ; done 2024-05-10T15:00:00+08:00
ROWS

# the summary report: due 30 days after the CST date handling ended (24:00 of that day)
SUMMARY='.incidents[0] | [.summary_due, .summary_state] | map(tostring) | join(" ")'
H='"handling_ended_at": "2024-05-10T18:00:00+08:00"'
S='"kind": "summary", "to": "市委网信办"'
table "$C" "$SUMMARY" filtered <<ROWS
handling not ended ; {$G} ; . ; null no_deadline
ended: due 2024-06-09 ; {$G, $H} ; .as_of = "2024-06-08T23:59:59+08:00" ; 2024-06-09 open
on the due date ; {$G, $H} ; .as_of = "2024-06-09T00:00:00+08:00" ; 2024-06-09 due_today
the day after ; {$G, $H} ; .as_of = "2024-06-10T00:00:00+08:00" ; 2024-06-09 overdue
summary at 23:59:59 of the due date ; {$G, $H, "reports": [{"at": "2024-06-09T23:59:59+08:00", $S}]} ; .as_of = "2024-06-11T00:00:00+08:00" ; 2024-06-09 done_on_time
summary at 24:00 ; {$G, $H, "reports": [{"at": "2024-06-10T00:00:00+08:00", $S}]} ; .as_of = "2024-06-11T00:00:00+08:00" ; 2024-06-09 done_late
ended 00:30 CST on the 11th (16:30 UTC on the 10th) ; {$G, "handling_ended_at": "2024-05-10T16:30:00Z"} ; . ; 2024-06-10 open
ended after as_of: not yet ; {$G, "handling_ended_at": "2024-05-12T18:00:00+08:00"} ; . ; null no_deadline
a 一般 incident owes no summary ; {$H} ; . ; null no_deadline
ROWS

# derived facts: the data's value wins over a recorded one, with a warning
inc "$C" "{$O6, \"facts\": {\"paralysis_hours\": 3}, \"reporter_type\": \"other\"}"
is '.incidents[0].facts.paralysis_hours | [.value, .origin, .conflict, .why] | map(tostring) | join(" ")' '6 derived true outage 2024-05-10T08:00:00+08:00 – 2024-05-10T14:00:00+08:00'
is '.incidents[0].facts.paralysed.value' true
is '.incidents[0].warnings | length' 2
is '.incidents[0].warnings[1]' "a recorded fact differs from what the data gives: the data's value is used (see the facts)"
inc "$C" '{"facts": {"asset.kind": "server"}}'
is '.incidents[0].facts["asset.kind"] | [.value, .origin, .conflict] | map(tostring) | join(" ")' 'portal derived true'
inc "$C" '{"facts": {"asset.kind": "portal", "asset.cii": false}}'
is '.incidents[0].facts["asset.kind"].conflict' null
is '.incidents[0].warnings' '[]'
# recorded facts stay recorded; nothing recorded and nothing to derive from: unknown
inc "$C" '{"facts": {"tampered": true}}'
is '.incidents[0].facts.tampered | [.value, .origin] | map(tostring) | join(" ")' 'true recorded'
is '.incidents[0].facts.paralysis_hours | [.value, .origin] | map(tostring) | join(" ")' 'null unknown'
is '.incidents[0].facts["asset.admin_level"].value' prefecture_or_above
# the evidence: for a trigger that did not fire, the facts that kept it from firing; for one that
# fired, the facts that made it fire (6 h down is 重大 by the draft: 4 h to report, not done)
is '.incidents[0].triggers[0].evidence | join(" / ")' 'harmful_info_spread_wide = false (recorded)'
inc "$C" "{$O6, \"facts\": {$TS, \"handled_timely\": false}}"
is '.incidents[0].triggers[0] | [.state, (.evidence | join(" / "))] | join(": ")' 'fired: asset.party_gov_portal = true (derived: a portal, the organisation is a party or government organ (readings.party_gov_organ)) / tampered = true (recorded) / harmful_info_spread_wide = true (recorded) / reported_timely = false (report due 2024-05-10T13:00:00+08:00, not reported by as_of) / handled_timely = false (recorded)'
is '.incidents[0].triggers[1] | [.state, (.evidence | join(" / "))] | join(": ")' 'fired: asset.party_gov_portal = true (derived: a portal, the organisation is a party or government organ (readings.party_gov_organ)) / asset.admin_level = "prefecture_or_above" (the register) / attacked = true (class network_attack (网络攻击事件) is an attack) / handled_timely = false (recorded) / paralysis_hours = 6 (outage 2024-05-10T08:00:00+08:00 – 2024-05-10T14:00:00+08:00)'
is '.incidents[0].triggers[1].question' null
# the qualifiers: recorded in the register, or derived, and the evidence says which
inc "$C" '{"asset": "NEWS"}'
is '.incidents[0].facts["asset.key_news_site"] | [.value, .origin, .why] | map(tostring) | join(" / ")' 'true / derived / the register: recorded'
is '.incidents[0].facts["asset.party_gov_portal"] | [.value, .why] | map(tostring) | join(" / ")' 'false / derived: not a portal'
inc "$C" '{"asset": "NEWS"}' '.assets |= map(if .id == "NEWS" then del(.key_news_site) else . end)'
is '.incidents[0].facts["asset.key_news_site"] | [.value, .origin] | map(tostring) | join(" ")' 'null unknown'
inc "$C" '{}' '.assets |= map(if .id == "PORTAL" then . + {"party_gov_portal": false} else . end)'
is '.incidents[0].facts["asset.party_gov_portal"] | [.value, .why] | map(tostring) | join(" / ")' 'false / the register: recorded'
inc "$C" '{"facts": {"handled_timely": null}}'
is '.incidents[0].triggers[1].question' '是否受到网络攻击？受到攻击后是否及时组织处置？'
# the attack comes from the class (data/incident-classes.json) and says so; a class that does
# not settle it leaves it unknown, and a person's answer overrides the class, with a warning
is '.incidents[0].facts.attacked | [.value, .origin, .why] | map(tostring) | join(" / ")' 'true / derived / class network_attack (网络攻击事件) is an attack'
inc "$C" '{"class": "malware"}'
is '.incidents[0].facts.attacked | [.value, .origin] | map(tostring) | join(" ")' 'null unknown'
inc "$C" '{"class": "equipment_failure", "facts": {"attacked": true}}'
is '.incidents[0].facts.attacked | [.value, .origin] | map(tostring) | join(" ")' 'true recorded'
is '.incidents[0].warnings[0]' "attacked: a person's answer differs from what the class gives; the answer is used"
# an outage that has not ended counts up to as_of, and says so
inc "$C" '{"outage_start": "2024-05-10T08:00:00+08:00", "reporter_type": "other"}' '.as_of = "2024-05-10T15:30:00+08:00"'
is '.incidents[0].paralysis_hours' 7.5
is '.incidents[0].warnings[1]' 'the outage has not ended: paralysis_hours counts up to as_of'

# ============================================================================================
# malformed incidents: refused as a whole, one line naming the field
# ============================================================================================
B='"profile": "yantai-fao-2021", "as_of": "2024-05-11T09:00:00+08:00", "people": [{"id": "P1"}], "assets": [{"id": "WEB", "kind": "portal"}, {"id": "OA"}]'
I='"id": "I1", "asset": "WEB", "detected_at": "2024-05-10T09:00:00+08:00"'
while IFS=';' read -r delta msg; do
	case $delta in '' | '#'*) continue ;; esac
	refuse "{$B, \"incidents\": [{$I$(trim "$delta")}]}" "$(trim "$msg")"
done <<'ROWS'
# facts and measures: the vocabulary, the type, a typo never becomes "unknown"
, "facts": {"tampred": true} ; incidents[0].facts.tampred: no such fact (did you mean tampered?)
, "facts": {"paralysis_hour": 6} ; incidents[0].facts.paralysis_hour: no such fact (did you mean paralysis_hours?)
, "facts": {"hacked": true} ; incidents[0].facts.hacked: no such fact (the vocabulary: docs/conditions.md)
, "facts": {"a\nb": true} ; incidents[0].facts: no such fact "a\nb" (the vocabulary: docs/conditions.md)
, "facts": {"tampered": "yes"} ; incidents[0].facts.tampered: must be true or false (tampered is a bool; null = unknown)
, "facts": {"tampered": 1} ; incidents[0].facts.tampered: must be true or false (tampered is a bool; null = unknown)
, "facts": {"paralysis_hours": "6"} ; incidents[0].facts.paralysis_hours: must be a number ≥ 0 (paralysis_hours is a number; null = unknown)
, "facts": {"paralysis_hours": -1} ; incidents[0].facts.paralysis_hours: must be a number ≥ 0 (paralysis_hours is a number; null = unknown)
, "facts": {"asset.kind": 3} ; incidents[0].facts.asset.kind: must be a string (asset.kind is a string; null = unknown)
, "facts": {"asset.kind": "portl"} ; incidents[0].facts.asset.kind: "portl" is not a value of asset.kind (portal, news_site, platform, publicity_platform, info_system, server, infrastructure)
, "facts": ["tampered"] ; incidents[0].facts: must be an object
, "facts": {"tampered": true, "concealed": false, "severe": true} ; incidents[0].facts.severe: no such fact (the vocabulary: docs/conditions.md)
, "measures": {"view": 10} ; incidents[0].measures.view: no such measure (did you mean views?)
, "measures": {"loss": 10} ; incidents[0].measures.loss: no such measure (use personal_info_people, direct_loss_yuan, tamper_homepage_hours, tamper_other_hours, reposts, views, core_data_leak)
, "measures": {"outage_hours": 7} ; incidents[0].measures.outage_hours: not recorded: the outage hours come from outage_start and outage_end
, "measures": {"reposts": "many"} ; incidents[0].measures.reposts: must be a number ≥ 0 (null = unknown)
, "measures": {"direct_loss_yuan": -5} ; incidents[0].measures.direct_loss_yuan: must be a number ≥ 0 (null = unknown)
, "measures": 5 ; incidents[0].measures: must be an object
# times against each other and detection
, "occurred_at": "2024-05-10T09:00:01+08:00" ; incidents[0].occurred_at: after detected_at (2024-05-10T09:00:00+08:00)
, "outage_end": "2024-05-10T10:00:00+08:00" ; incidents[0].outage_end: no outage_start given
, "outage_start": "2024-05-10T10:00:00+08:00", "outage_end": "2024-05-10T10:00:00+08:00" ; incidents[0].outage_end: not after outage_start (2024-05-10T10:00:00+08:00)
, "handling_ended_at": "2024-05-10T08:59:59+08:00" ; incidents[0].handling_ended_at: before detected_at (2024-05-10T09:00:00+08:00)
, "reports": [{"at": "2024-05-10T08:00:00+08:00", "kind": "initial"}] ; incidents[0].reports[0].at: before detected_at (2024-05-10T09:00:00+08:00)
, "reports": [{"at": "2024-05-10T10:00:00+08:00", "kind": "initial"}, {"at": "2024-05-20T10:00:00+08:00", "kind": "summary"}] ; incidents[0].reports[1].kind: a summary report comes after handling ends (give handling_ended_at)
, "handling_ended_at": "2024-05-11T09:00:00+08:00", "reports": [{"at": "2024-05-11T08:59:59+08:00", "kind": "summary"}] ; incidents[0].reports[0].at: a summary report before handling_ended_at (2024-05-11T09:00:00+08:00)
, "reports": [{"at": "2024-05-10T10:00:00+08:00", "kind": "final"}] ; incidents[0].reports[0].kind: unknown kind "final" (use initial, supplementary, summary, internal)
, "reports": [{"kind": "initial"}] ; incidents[0].reports[0].at: required
, "reports": [{"at": "2024-05-10T10:00:00+08:00", "kind": "initial", "when": "now"}] ; incidents[0].reports[0]: unknown field "when"
, "reports": {"at": "2024-05-10T10:00:00+08:00"} ; incidents[0].reports: must be an array
, "occurred_at": "2024-05-10 08:00" ; incidents[0].occurred_at: "2024-05-10 08:00" is not an RFC 3339 date-time with an offset
# words of a vocabulary; the grade is written in Chinese
, "reporter_type": "operator" ; incidents[0].reporter_type: unknown reporter type "operator" (use cii, central_organ, other)
, "outage_scope": "partial" ; incidents[0].outage_scope: unknown outage scope "partial" (use total, main_functions)
, "grade": "severe" ; incidents[0].grade: unknown grade "severe" (use 一般, 较大, 重大, 特别重大)
, "grade_reason": "复核" ; incidents[0].grade_reason: no grade given
, "class": "hacking" ; incidents[0].class: unknown class "hacking" (use malware, network_attack, data_security, content_security, equipment_failure, violation, hidden_danger, abnormal_behaviour, force_majeure, other)
, "subclass": "网页篡改" ; incidents[0].subclass: no class given
# people and systems
, "persons_involved": ["P2"] ; incidents[0].persons_involved[0]: no person "P2"
, "decision_participants": ["P1", "P1"] ; incidents[0].decision_participants[1]: "P1" given twice
, "persons_involved": "P1" ; incidents[0].persons_involved: must be an array
, "coordination_failed": "yes" ; incidents[0].coordination_failed: must be true or false
, "assets": ["WEB"] ; incidents[0]: give asset or assets, not both
, "severity": "high" ; incidents[0]: unknown field "severity"
ROWS
refuse "{$B, \"incidents\": [{\"id\": \"I1\", \"detected_at\": \"2024-05-10T09:00:00+08:00\"}]}" 'incidents[0].asset: required'
refuse "{$B, \"incidents\": [{\"id\": \"I1\", \"assets\": [], \"detected_at\": \"2024-05-10T09:00:00+08:00\"}]}" 'incidents[0].assets: must name at least one asset'
refuse "{$B, \"incidents\": [{\"id\": \"I1\", \"assets\": [\"WEB\", \"OA\", \"WEB\"], \"detected_at\": \"2024-05-10T09:00:00+08:00\"}]}" 'incidents[0].assets[2]: "WEB" given twice'
refuse "{$B, \"incidents\": [{\"id\": \"I1\", \"assets\": [\"WEB\", \"DB\"], \"detected_at\": \"2024-05-10T09:00:00+08:00\"}]}" 'incidents[0].assets[1]: no asset "DB"'
refuse "{$B, \"incidents\": [{$I}, {$I}]}" 'incidents[1].id: "I1" given twice'
# the same system in two incidents, a summary at the instant handling ended, null as unknown: fine
ev "{$B, \"incidents\": [{$I, \"handling_ended_at\": \"2024-05-11T09:00:00+08:00\", \"reports\": [{\"at\": \"2024-05-11T09:00:00+08:00\", \"kind\": \"summary\"}], \"facts\": {\"tampered\": null}, \"measures\": {\"views\": null}, \"class\": \"网络攻击事件\", \"subclass\": \"网页篡改\", \"grade\": \"major\"}, {\"id\": \"I2\", \"asset\": \"WEB\", \"detected_at\": \"2024-05-10T10:00:00+08:00\"}]}"
is '.incidents | length' 2
is '.incidents[0].grade' 重大
is '.incidents[0].facts.tampered.origin' unknown

done_ok
