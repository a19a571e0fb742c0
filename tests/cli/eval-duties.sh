# eval-duties.sh — the yearly duties, budgets and requests for support through `cyberduty eval`
# (docs/eval.md, "Yearly duties, budgets and requests for support"; issue 12 item 8): a record
# answers the year its date falls in (the last day of the year, the first of the next), a make-up
# states its period, a missed duty stays missed with its finding; the budget ratio at and under
# 5 % (Yantai 七), a project of the next year; funding_missing for IMNU 第十四条（八）; support
# asked within the period and after it (Yantai 五); the refusals of malformed records and projects.
. "$(dirname "$0")/lib.inc"
. "$(dirname "$0")/eval.inc"

# --- Yantai 三: the special meeting of the leading group, one a year ---------------------------
Y='"profile":"yantai-fao-2021","obligations_from":2025,"units":[{"id":"LG","kind":"leading_group"}]'
MEET='.obligations[] | select(.duty == "special_meeting")'
while read -r on period as_of y25 y26 missed; do
	[ "$period" = - ] && P="" || P=',"period":"'"$period"'"'
	[ "$on" = - ] && R='' || R='{"id":"M","kind":"meeting","on":"'"$on"'"'"$P"'}'
	ev '{'"$Y"',"as_of":"'"$as_of"'","records":['"$R"']}'
	is "[$MEET | .period + \" \" + .state] | join(\", \")" "2025 $y25, 2026 $y26"
	is '[.findings[] | select(.rule == "duty.missed" and .subject == "LG") | .subject + " " + .article] | join(", ")' "$missed"
done <<CASES
2025-12-31 - 2026-01-05T09:00:00+08:00 done_on_time open
2026-01-01 - 2026-01-05T09:00:00+08:00 overdue done_on_time LG 三、工作职责
2026-01-01 2025 2026-01-05T09:00:00+08:00 done_late open
- - 2026-01-05T09:00:00+08:00 overdue open LG 三、工作职责
2026-02-01 - 2026-01-05T09:00:00+08:00 overdue open LG 三、工作职责
CASES
# seen on the last day of 2025: due today, not yet missed; the record of the next year answers
# nothing before it took place
ev '{'"$Y"',"as_of":"2025-12-31T23:59:59+08:00","records":[{"id":"M","kind":"meeting","on":"2026-01-01"}]}'
is "[$MEET | .period + \" \" + .state] | join(\", \")" "2025 due_today"
is '[.findings[] | select(.rule == "duty.missed")] | length' 0
is "$MEET | .workdays_left" 0
# the records that answer an obligation are named
ev '{'"$Y"',"as_of":"2026-01-05T09:00:00+08:00","records":[{"id":"M1","kind":"meeting","on":"2025-03-01"},{"id":"M2","kind":"meeting","on":"2025-09-01"}]}'
is "[$MEET | select(.period == \"2025\") | .records[]] | join(\",\")" M1,M2
is "$MEET | select(.period == \"2025\") | .done_on" 2025-03-01

# --- the other duties of item 8, each under its article ------------------------------------------
ev '{"profile":"central-2017","as_of":"2026-07-01T09:00:00+08:00","units":[{"id":"SW","kind":"party_committee"},{"id":"LG","parent":"SW","kind":"leading_group"}],"records":[{"id":"A","kind":"report","on":"2026-03-01"}]}'
is '[.obligations[] | .duty + "@" + .unit + " " + .article + " " + .state] | join(", ")' \
	'annual_report@LG 第六条第二款 done_on_time, assessment@SW 第十条 open'
ev '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00","units":[{"id":"WXB","kind":"leading_group_office"},{"id":"NIC","kind":"tech_support_centre"}],"records":[{"id":"D","kind":"drill","on":"2026-06-12"}]}'
is '[.obligations[] | select(.unit != null) | .duty + "@" + .unit + " " + .article + " " + .state] | join(", ")' \
	'drill@NIC 第十一条第（四）项 done_on_time, annual_goal@NIC 第十二条第（二）项 open, training@NIC 第十一条第（五）项 open, assessment@WXB 第十条第（四）项、第十六条 open'

# --- Yantai 七: 网络安全预算不低于项目总预算的 5% -------------------------------------------------
while read -r year total security as_of want; do
	ev '{"profile":"yantai-fao-2021","as_of":"'"$as_of"'","projects":[{"id":"P","year":'"$year"',"total":'"$total"',"security":'"$security"'}]}'
	is '[.findings[] | select(.rule == "budget.low") | .subject + " " + .article] | join(", ")' "$want"
done <<CASES
2026 1000000 50000 2026-06-01T09:00:00+08:00
2026 1000000 49999 2026-06-01T09:00:00+08:00 P 七、强化保障
2027 1000000 0 2026-12-31T23:59:59+08:00
2027 1000000 0 2027-01-01T00:00:00+08:00 P 七、强化保障
CASES
ev '{"profile":"imnu-2022","as_of":"2026-06-01T09:00:00+08:00","projects":[{"id":"P","year":2026,"total":1000000,"security":0}]}'
is '[.findings[] | select(.rule == "budget.low")] | length' 0

# --- IMNU 第十四条（八）: funding_missing from the projects of the answering unit --------------------
I='"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00","units":[{"id":"IMNU","kind":"party_committee"},{"id":"NIC","parent":"IMNU","kind":"tech_support_centre"},{"id":"CS","parent":"IMNU"}],"assets":[{"id":"MAIL","manager_unit":"NIC"}],"incidents":[{"id":"I","asset":"MAIL","detected_at":"2026-06-20T08:30:00+08:00","facts":{"serious_consequences":true,"mechanism_unsound":false}}]'
while read -r unit year security want; do
	ev '{'"$I"',"projects":[{"id":"P","unit":"'"$unit"'","year":'"$year"',"total":800000,"security":'"$security"'}]}'
	is '.incidents[0].facts.funding_missing | "\(.value) \(.origin)"' "$want"
done <<CASES
NIC 2026 0 true derived
IMNU 2025 0 true derived
NIC 2026 1 null unknown
CS 2026 0 null unknown
NIC 2027 0 null unknown
CASES
ev '{'"$I"',"projects":[{"id":"P","unit":"NIC","year":2026,"total":800000,"security":0}]}'
is '.incidents[0].triggers[] | select(.id == "14.8") | .state' fired

# --- Yantai 五: 整改确有困难的，可向通报部门请求技术支持 ---------------------------------------------
# received Sunday 2024-09-29 (a working day) → due 2024-10-09
N='"profile":"yantai-fao-2021","assets":[{"id":"OA"}],"as_of":"2024-10-12T09:00:00+08:00"'
while read -r support in_period; do
	ev '{'"$N"',"notices":[{"id":"N","asset":"OA","received_at":"2024-09-29T15:00:00+08:00","support_at":"'"$support"'"}]}'
	is '.notices[0].support | "\(.in_period) \(.article) \(.at)"' "$in_period 五、整改落实 $(printf '%s' "$support" | sed 's/Z$/+00:00/')"
	is '.notices[0].state' overdue
	is '.notices[0].criticism.grounds | join(",")' late
done <<CASES
2024-10-09T23:59:59+08:00 true
2024-10-10T00:00:00+08:00 false
CASES
ev '{'"$N"',"notices":[{"id":"N","asset":"OA","received_at":"2024-09-29T15:00:00+08:00"}]}'
is '.notices[0].support' null
ev '{"profile":"imnu-2022","assets":[{"id":"OA"}],"as_of":"2024-10-12T09:00:00+08:00","notices":[{"id":"N","asset":"OA","received_at":"2024-09-29T15:00:00+08:00","support_at":"2024-09-30T09:00:00+08:00"}]}'
is '.notices[0].support | "\(.in_period) \(.article)"' "true null"

# --- refusals -------------------------------------------------------------------------------------
U='"units":[{"id":"WXW","kind":"leading_group"},{"id":"NIC","kind":"tech_support_centre"}]'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00",'"$U"',"records":[{"id":"R","kind":"meeting","duty":"meeting","on":"2026-01-01"}]}' \
	'records[0].duty: the profile imnu-2022 has no duty "meeting" (use work_plan, assessment, drill, training, annual_goal)'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00",'"$U"',"records":[{"id":"R","kind":"drill","duty":"drill","period":"2025-H2","on":"2026-01-01"}]}' \
	'records[0].period: "2025-H2" is not a period of duty drill (every year: e.g. 2026)'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00",'"$U"',"records":[{"id":"R","kind":"plan","on":"2026-01-01"}]}' \
	'records[0].unit: say which unit held the plan (no single unit holds a duty it answers)'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00",'"$U"',"records":[{"id":"R","kind":"drill","on":"2026-01-01"},{"id":"R","kind":"drill","on":"2026-01-02"}]}' \
	'records[1].id: "R" given twice'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00","records":[{"id":"R","kind":"exercise","on":"2026-01-01"}]}' \
	'records[0].kind: unknown kind "exercise" (use meeting, drill, training, report, plan, assessment, other)'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00","projects":[{"id":"P","year":2026,"total":600000,"security":600001}]}' \
	'projects[0].security: more than the total 600000: the security budget is part of it'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00","projects":[{"id":"P","year":2026,"total":0,"security":0}]}' \
	"projects[0].total: must be more than 0 (the project's whole budget)"
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00","projects":[{"id":"P","year":26,"total":1,"security":0}]}' \
	'projects[0].year: must be a year, an integer 1900-9999'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00","obligations_from":2027}' \
	'obligations_from: 2027 is after the year of as_of (2026)'
refuse '{"profile":"imnu-2022","as_of":"2026-07-01T09:00:00+08:00","obligations_from":2016}' \
	'obligations_from: 2016 is more than 10 years before the year of as_of (2026)'
ev '{"profile":"central-2017","as_of":"2026-07-01T09:00:00+08:00","obligations_from":2017,"units":[{"id":"SW","kind":"party_committee"}]}'
is '[.obligations[] | select(.duty == "assessment") | .period] | join(",")' 2017,2018,2019,2020,2021,2022,2023,2024,2025,2026
refuse '{'"$N"',"notices":[{"id":"N","asset":"OA","received_at":"2024-09-29T15:00:00+08:00","rectified_at":"2024-09-30T09:00:00+08:00","feedback_at":"2024-09-30T10:00:00+08:00","support_at":"2024-10-01T09:00:00+08:00"}]}' \
	'notices[0].support_at: support is not possible: feedback was already sent'
refuse '{'"$N"',"notices":[{"id":"N","asset":"OA","received_at":"2024-09-29T15:00:00+08:00","support_at":"2024-09-28T09:00:00+08:00"}]}' \
	'notices[0].support_at: support request before receipt'
echo "ok $NAME: $n steps"
