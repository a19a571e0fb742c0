# eval.sh — `cyberduty eval`, the engine's public contract (docs/eval.md): the worked examples of
# the docs exactly (and the page showing their files as they are), notice states at the edges of
# the due day, extensions and stated due dates, the repeat window's edge, findings on the CST date
# of as_of, and malformed scenarios refused with one exact line on stderr and nothing on stdout.
. "$(dirname "$0")/lib.inc"
. "$(dirname "$0")/eval.inc"
D=$SRC/docs/eval

# --- the worked examples of docs/eval.md, exactly ---------------------------------------------
count=0
for f in "$D"/*.json; do
	case $f in *.out.json) continue ;; esac
	[ -f "${f%.json}.out.json" ] || fail "$f has no ${f%.json}.out.json"
	expect 0 "$CD" eval <"$f"
	jq -S . "$T/out" >"$T/got.json" || fail "$f: the output is not JSON"
	jq -S . "${f%.json}.out.json" >"$T/want.json"
	cmp -s "$T/got.json" "$T/want.json" || {
		diff "$T/want.json" "$T/got.json" >&2
		fail "$f: the verdicts differ from $(basename "${f%.json}.out.json")"
	}
	count=$((count + 1))
done
[ "$count" -ge 5 ] || fail "only $count examples in docs/eval"

# the page shows every file as it is: the fenced block after <!-- docs/eval/NAME -->
mkdir "$T/md"
awk -v dir="$T/md" '
	/^<!-- docs\/eval\/[a-z0-9.-]+\.json -->$/ { name = $2; sub(/^docs\/eval\//, "", name); want = 1; next }
	want == 1 && /^```json$/ { out = dir "/" name; printf "" > out; want = 2; next }
	want == 2 && /^```$/ { close(out); want = 0; next }
	want == 2 { print > out }
' "$SRC/docs/eval.md"
for f in "$D"/*.json; do
	b=$(basename "$f")
	[ -f "$T/md/$b" ] || fail "docs/eval.md does not show docs/eval/$b"
	cmp -s "$f" "$T/md/$b" || fail "docs/eval.md shows docs/eval/$b differently from the file"
done
[ "$(ls "$T/md" | wc -l)" -eq "$(ls "$D"/*.json | wc -l)" ] ||
	fail "docs/eval.md shows a file that is not in docs/eval"

# --- states around the due day ----------------------------------------------------------------
# Yantai, 3 working days: received on Sunday 2024-09-29 (a working day) → due 2024-10-09.
Y='"profile":"yantai-fao-2021","assets":[{"id":"WEB","kind":"portal"},{"id":"OA"}]'
N='"id":"N1","asset":"WEB","received_at":"2024-09-29T15:00:00+08:00"'
R='"rectified_at":"2024-10-08T11:00:00+08:00"'
while read -r as_of extra state stage; do
	[ "$extra" = - ] && extra=""
	ev '{'"$Y"',"as_of":"'"$as_of"'","notices":[{'"$N$extra"'}]}'
	is '.notices[0].due' 2024-10-09
	is '.notices[0].due_basis' policy
	is '.notices[0].state' "$state"
	is '.notices[0].stage' "$stage"
done <<CASES
2024-09-29T15:00:00+08:00 - open received
2024-10-08T23:59:59+08:00 - open received
2024-10-09T00:00:00+08:00 - due_today received
2024-10-09T23:59:59+08:00 - due_today received
2024-10-08T16:00:00Z - due_today received
2024-10-09T15:59:59Z - due_today received
2024-10-10T00:00:00+08:00 - overdue received
2024-10-09T16:00:00Z - overdue received
2024-10-10T00:00:00+08:00 ,$R overdue rectified
2025-01-01T00:00:00+08:00 ,$R overdue rectified
2024-10-10T08:00:00+08:00 ,$R,"feedback_at":"2024-10-09T23:59:59+08:00" done_on_time feedback_sent
2024-10-09T23:59:59+08:00 ,$R,"feedback_at":"2024-10-09T23:59:59+08:00" done_on_time feedback_sent
2024-10-09T23:59:59.999+08:00 ,$R,"feedback_at":"2024-10-09T23:59:59.999+08:00" done_on_time feedback_sent
2024-10-10T08:00:00+08:00 ,$R,"feedback_at":"2024-10-10T00:00:00+08:00" done_late feedback_sent
2024-10-10T08:00:00+08:00 ,$R,"feedback_at":"2024-10-09T16:00:00Z" done_late feedback_sent
2024-10-09T10:00:00+08:00 ,$R,"feedback_at":"2024-10-09T12:00:00+08:00" due_today rectified
2024-10-08T10:00:00+08:00 ,$R,"feedback_at":"2024-10-09T12:00:00+08:00" open received
CASES

# a notice received after as_of did not exist yet: open, with a warning
ev '{'"$Y"',"as_of":"2024-09-28T12:00:00+08:00","notices":[{'"$N"'}]}'
is '.notices[0].state' open
is '.notices[0].warnings[0]' 'received after as_of: the notice did not exist yet (as_of 时尚未收到)'

# --- extensions and stated due dates ----------------------------------------------------------
ev '{'"$Y"',"as_of":"2024-10-12T09:00:00+08:00","notices":[{'"$N"',"extended_to":"2024-10-15"}]}'
is '.notices[0].due' 2024-10-15
is '.notices[0].due_basis' extension
is '.notices[0].state' open
ev '{'"$Y"',"as_of":"2024-10-16T00:00:00+08:00","notices":[{'"$N"',"extended_to":"2024-10-15"}]}'
is '.notices[0].state' overdue
ev '{'"$Y"',"as_of":"2024-10-16T09:00:00+08:00","notices":[{'"$N"',"extended_to":"2024-10-15",'"$R"',"feedback_at":"2024-10-15T23:00:00+08:00"}]}'
is '.notices[0].state' done_on_time
ev '{'"$Y"',"as_of":"2024-10-08T09:00:00+08:00","notices":[{'"$N"',"stated_due":"2024-10-07"}]}'
is '.notices[0].due' 2024-10-07
is '.notices[0].due_basis' notice
is '.notices[0].state' overdue
ev '{'"$Y"',"as_of":"2024-10-08T09:00:00+08:00","notices":[{'"$N"',"stated_due":"2024-10-07","extended_to":"2024-10-08"}]}'
is '.notices[0].due' 2024-10-08
is '.notices[0].state' due_today
ev '{'"$Y"',"as_of":"2024-09-29T18:00:00+08:00","notices":[{'"$N"',"stated_due":"2024-09-29"}]}'
is '.notices[0].state' due_today
refuse '{'"$Y"',"as_of":"2024-10-08T09:00:00+08:00","notices":[{'"$N"',"extended_to":"2024-10-09"}]}' \
	'notices[0].extended_to: the new due date 2024-10-09 is not later than the current one (2024-10-09)'
refuse '{'"$Y"',"as_of":"2024-10-08T09:00:00+08:00","notices":[{'"$N"',"stated_due":"2024-10-07","extended_to":"2024-10-06"}]}' \
	'notices[0].extended_to: the new due date 2024-10-06 is not later than the current one (2024-10-07)'
refuse '{'"$Y"',"as_of":"2024-10-08T09:00:00+08:00","notices":[{'"$N"',"stated_due":"2024-09-28"}]}' \
	'notices[0].stated_due: 2024-09-28 is before the day the notice was received (2024-09-29)'

# a profile without a period: no due date unless stated or extended; an extension still cannot
# reach back before receipt (a gap of notice_apply fixed with this test)
I='"profile":"imnu-2022","as_of":"2024-10-12T09:00:00+08:00","assets":[{"id":"WEB"}]'
ev '{'"$I"',"notices":[{'"$N"'}]}'
is '.notices[0].due' null
is '.notices[0].due_basis' null
is '.notices[0].state' no_deadline
is '.notices[0].repeat' false
is '.notices[0].warnings | length' 2
is '.notices[0].warnings[0]' 'the profile sets no rectification period (策略未规定整改时限)'
ev '{'"$I"',"notices":[{'"$N"','"$R"',"feedback_at":"2024-10-11T09:00:00+08:00"}]}'
is '.notices[0].state' done_on_time
ev '{'"$I"',"notices":[{'"$N"',"extended_to":"2024-10-11"}]}'
is '.notices[0].due' 2024-10-11
is '.notices[0].state' overdue
is '.notices[0].warnings | length' 1
refuse '{'"$I"',"notices":[{'"$N"',"extended_to":"2024-09-28"}]}' \
	'notices[0].extended_to: the new due date 2024-09-28 is before the day the notice was received (2024-09-29)'
ev '{"profile":"central-2017","as_of":"2024-10-12T09:00:00+08:00","assets":[{"id":"WEB"}],"notices":[{'"$N"'}]}'
is '.notices[0].state' no_deadline
is '.notices[0].similar' '[]'

# a period counted into a year without an official calendar is flagged
ev '{'"$Y"',"as_of":"2026-12-31T12:00:00+08:00","notices":[{"id":"N9","received_at":"2026-12-30T09:00:00+08:00"}]}'
is '.notices[0].due' 2027-01-04
is '.notices[0].warnings[0]' 'no official holiday calendar for 2027: counted Monday–Friday (2027年无官方节假日安排，按周一至周五计算)'
ev '{'"$Y"',"as_of":"2026-12-31T12:00:00+08:00","notices":[{"id":"N9","received_at":"2026-12-25T09:00:00+08:00"}]}'
is '.notices[0].due' 2026-12-30
is '.notices[0].warnings' '[]'

# --- the repeat window (Yantai: 3 months, inclusive edge) -------------------------------------
# N2 on WEB, received 2024-05-15 10:00 CST, looks back to 2024-02-15 00:00 CST.
N2='{"id":"N2","asset":"WEB","received_at":"2024-05-15T10:00:00+08:00"}'
while read -r what at repeat of; do
	if [ "$what" = notice ]; then
		ev '{'"$Y"',"as_of":"2024-05-16T09:00:00+08:00","notices":[{"id":"N1","asset":"WEB","received_at":"'"$at"'"},'"$N2"']}'
		is '.notices[0].repeat' false
		is '.notices[1].repeat' "$repeat"
		is '.notices[1].repeat_of' "$of"
	else
		ev '{'"$Y"',"as_of":"2024-05-16T09:00:00+08:00","notices":['"$N2"'],"incidents":[{"id":"I1","asset":"'"$what"'","detected_at":"'"$at"'"}]}'
		is '.notices[0].repeat' "$repeat"
		is '.notices[0].repeat_of' "$of"
	fi
done <<'CASES'
notice 2024-02-15T00:00:00+08:00 true N1
notice 2024-02-14T23:59:59+08:00 false null
notice 2024-02-14T16:00:00Z true N1
notice 2024-02-14T15:59:59Z false null
notice 2024-05-15T09:59:59+08:00 true N1
WEB 2024-02-15T00:00:00+08:00 true I1
WEB 2024-02-14T23:59:59+08:00 false null
WEB 2024-05-15T09:59:59+08:00 true I1
WEB 2024-05-15T10:00:00+08:00 false null
WEB 2024-05-15T10:00:01+08:00 false null
OA 2024-04-01T00:00:00+08:00 false null
CASES
# criticism is proposed under the profile's article; no repeat, no criticism
ev '{'"$Y"',"as_of":"2024-05-16T09:00:00+08:00","notices":['"$N2"'],"incidents":[{"id":"I1","asset":"WEB","detected_at":"2024-03-01T08:00:00+08:00"}]}'
is '.notices[0].criticism.proposed' true
is '.notices[0].criticism.article' '五、整改落实'
ev '{'"$Y"',"as_of":"2024-05-16T09:00:00+08:00","notices":['"$N2"']}'
is '.notices[0].criticism' null
# the latest earlier event is named; a notice on two assets repeats through either
ev '{'"$Y"',"as_of":"2024-05-16T09:00:00+08:00","notices":[{"id":"N1","asset":"WEB","received_at":"2024-03-01T09:00:00+08:00"},{"id":"N3","assets":["OA","WEB"],"received_at":"2024-05-15T10:00:00+08:00"}],"incidents":[{"id":"I1","asset":"WEB","detected_at":"2024-04-20T08:00:00+08:00"},{"id":"I2","asset":"WEB","detected_at":"2024-02-20T08:00:00+08:00"}]}'
is '.notices[1].repeat_of' I1
is '.notices[0].repeat_of' I2
# the end of a longer month looks back to the end of February
ev '{'"$Y"',"as_of":"2024-06-01T09:00:00+08:00","notices":[{"id":"N4","asset":"WEB","received_at":"2024-05-31T10:00:00+08:00"}],"incidents":[{"id":"I1","asset":"WEB","detected_at":"2024-02-29T00:00:00+08:00"}]}'
is '.notices[0].repeat' true
ev '{'"$Y"',"as_of":"2024-06-01T09:00:00+08:00","notices":[{"id":"N4","asset":"WEB","received_at":"2024-05-31T10:00:00+08:00"}],"incidents":[{"id":"I1","asset":"WEB","detected_at":"2024-02-28T23:59:59+08:00"}]}'
is '.notices[0].repeat' false

# --- similar systems and findings -------------------------------------------------------------
ev '{"profile":"yantai-fao-2021","as_of":"2024-10-01T09:00:00+08:00","units":[{"id":"U1"},{"id":"U2","parent":"U1"}],"assets":[{"id":"WEB","kind":"portal","operator_unit":"U2","software":"WP"},{"id":"A","kind":"portal","manager_unit":"U1"},{"id":"B","operator_unit":"U2","manager_unit":"U1"},{"id":"B2","kind":"portal","operator_unit":"U2","manager_unit":"U1"},{"id":"C","software":"WP","manager_unit":"U1"},{"id":"D","kind":"portal","operator_unit":"U2","software":"WP","status":"retired"},{"id":"E","kind":"server","manager_unit":"U1"}],"notices":[{"id":"N1","asset":"WEB","received_at":"2024-09-30T09:00:00+08:00"}]}'
# a shared operating unit alone is no likeness (B); with a shared kind it is a further reason (B2)
is '[.notices[0].similar[] | .asset + ":" + (.why | join("+"))] | join(" ")' 'B2:kind+operator A:kind C:software'
is '.notices[0].similar_total' 3
is '[.findings[] | .rule + ":" + .subject] | join(" ")' 'role.missing:U1 role.missing:U1 role.missing:U2 role.missing:U2 asset.unanswered:WEB'
is '.findings[4].article' '三、工作职责'
is '.findings[4].text' 'WEB (WEB): 无责任单位 — no unit answers for this asset'

# at most 100 similar systems are listed, the strongest first; similar_total counts them all
many=$(seq 1 150 | sed 's/.*/{"id":"S&","kind":"portal","manager_unit":"U1"}/' | paste -sd, -)
ev '{"profile":"yantai-fao-2021","as_of":"2024-10-01T09:00:00+08:00","units":[{"id":"U1"}],"assets":['"$many"',{"id":"WEB","kind":"portal","software":"WP","manager_unit":"U1"},{"id":"Z","kind":"portal","software":"WP","manager_unit":"U1"}],"notices":[{"id":"N1","asset":"WEB","received_at":"2024-09-30T09:00:00+08:00"}]}'
is '.notices[0].similar | length' 100
is '.notices[0].similar_total' 151
is '.notices[0].similar[0].asset' Z
is '.notices[0].similar[1].asset' S1
is '.notices[0].similar[99].asset' S99 # ties keep input order

# findings are for the CST date of as_of: a duty held until 2024-09-30 is gone at 16:00Z that day
S='"profile":"yantai-fao-2021","units":[{"id":"FAO"}],"people":[{"id":"P1","name":"王"},{"id":"P2"}],"duties":[{"person":"P1","unit":"FAO","role":"first_responsible","from":"2021-01-01","to":"2024-09-30"},{"person":"P2","unit":"FAO","role":"direct_responsible","from":"2021-01-01"}]'
ev '{'"$S"',"as_of":"2024-09-30T15:59:59Z"}'
is '.findings' '[]'
is '.notices' '[]'
ev '{'"$S"',"as_of":"2024-09-30T16:00:00Z"}'
is '[.findings[] | .rule + ":" + .subject + ":" + .article] | join(" ")' 'role.missing:FAO:二、领导机制及组织架构'
is '.as_of' '2024-09-30T16:00:00Z'
is '.profile' 'yantai-fao-2021'

# MLPS: level 3 graded, filed, assessed more than 12 months before
ev '{"profile":"imnu-2022","as_of":"2025-03-20T09:00:00+08:00","units":[{"id":"NIC"}],"assets":[{"id":"JW","manager_unit":"NIC","mlps_level":3,"graded_on":"2022-10-10","filed_on":"2022-11-01","assessed_on":"2024-03-19"}]}'
is '[.findings[] | select(.subject == "JW") | .rule] | join(" ")' 'mlps.unassessed'

# --- malformed scenarios ----------------------------------------------------------------------
B='"profile":"yantai-fao-2021","as_of":"2024-10-09T10:00:00+08:00"'
expect 2 "$CD" eval </dev/null
[ ! -s "$T/out" ] || fail "empty stdin: stdout is not empty"
[ "$(cat "$T/err")" = "cyberduty: eval: no scenario: the input is empty (a JSON object, see docs/eval.md)" ] ||
	fail "empty stdin: $(cat "$T/err")"
refuse '  
 ' 'no scenario: the input is empty (a JSON object, see docs/eval.md)'
refuse '{
  "profile": "imnu-2022",
    ]' "line 3 column 5: string or '}' expected near ']'"
refuse '{'"$B"',"as_of":1}' "line 1 column 72: duplicate object key near '\"as_of\"'"
refuse '[]' 'the scenario must be a JSON object'
refuse '{"profile":"yantai-fao-2021"}' 'as_of: required'
refuse '{"profile":"yantai-fao-2021","as_of":null}' 'as_of: required'
refuse '{"as_of":"2024-10-09T10:00:00+08:00"}' 'profile: required'
refuse '{"profile":"foo","as_of":"2024-10-09T10:00:00+08:00"}' \
	'profile: unknown profile "foo" (use central-2017, yantai-fao-2021, imnu-2022)'
refuse '{"profile":"profiles/imnu-2022.yaml","as_of":"2024-10-09T10:00:00+08:00"}' \
	'profile: unknown profile "profiles/imnu-2022.yaml" (use central-2017, yantai-fao-2021, imnu-2022)'
refuse '{"profile":7,"as_of":"2024-10-09T10:00:00+08:00"}' 'profile: must be a string'
refuse '{"profile":"yantai-fao-2021","as_of":"2024-10-09"}' \
	'as_of: "2024-10-09" is not an RFC 3339 date-time with an offset'
refuse '{"profile":"yantai-fao-2021","as_of":"2024-10-09T10:00:00"}' \
	'as_of: "2024-10-09T10:00:00" is not an RFC 3339 date-time with an offset'
refuse '{'"$B"',"asof":"x"}' 'unknown field "asof"'
refuse '{'"$B"',"units":{}}' 'units: must be an array'
refuse '{'"$B"',"notices":"N1"}' 'notices: must be an array'
refuse '{'"$B"',"units":["FAO"]}' 'units[0]: must be an object'
refuse '{'"$B"',"units":[{"name":"外办"}]}' 'units[0].id: required'
refuse '{'"$B"',"units":[{"id":7}]}' 'units[0].id: must be a string'
refuse '{'"$B"',"units":[{"id":""}]}' 'units[0].id: must not be empty (leave it out or use null)'
refuse '{'"$B"',"units":[{"id":"A B"}]}' 'units[0].id: "A B": an id may not contain blanks or line breaks'
refuse '{'"$B"',"units":[{"id":"A","parent":"A"}]}' 'units[0].parent: a unit cannot be its own parent'
refuse '{'"$B"',"units":[{"id":"A"},{"id":"B","parent":"A"},{"id":"C","parent":"B"},{"id":"D","parent":"X"}]}' \
	'units[3].parent: no unit "X"'
refuse '{'"$B"',"units":[{"id":"R"},{"id":"A","parent":"B"},{"id":"B","parent":"C"},{"id":"C","parent":"A"},{"id":"D","parent":"A"}]}' \
	'units[1].parent: the parent chain of "A" loops back on itself'
refuse '{'"$B"',"units":[{"id":"A","kind":"club"}]}' \
	'units[0].kind: unknown kind "club" (use party_committee, leading_group, leading_group_office, department, tech_support_centre, external_authority)'
refuse '{'"$B"',"units":[{"id":"A","name":"x","na\nme":"y"}]}' 'units[0]: unknown field "na\nme"'
refuse '{'"$B"',"people":[{"id":"P","unit":"A"}]}' 'people[0]: unknown field "unit"'
refuse '{'"$B"',"people":[{"id":"P"},{"id":"P"}]}' 'people[1].id: "P" given twice'
refuse '{'"$B"',"assets":[{"id":"WEB","kind":"website"}]}' \
	'assets[0].kind: unknown kind "website" (use portal, news_site, platform, publicity_platform, info_system, server, infrastructure)'
refuse '{'"$B"',"assets":[{"id":"A"},{"id":"B"},{"id":"C"},{"id":"WEB"},{"id":"WEB"}]}' \
	'assets[4].id: "WEB" given twice'
refuse '{'"$B"',"assets":[{"id":"WEB"},{"id":"A"},{"id":"WEB"},{"id":"A"}]}' 'assets[2].id: "WEB" given twice'
refuse '{'"$B"',"assets":[{"id":"WEB","mlps_level":6}]}' \
	'assets[0].mlps_level: must be an MLPS level, an integer 0-5 (0 = not graded)'
refuse '{'"$B"',"assets":[{"id":"WEB","mlps_level":"3"}]}' \
	'assets[0].mlps_level: must be an MLPS level, an integer 0-5 (0 = not graded)'
refuse '{'"$B"',"assets":[{"id":"WEB","cii":"yes"}]}' 'assets[0].cii: must be true or false'
refuse '{'"$B"',"assets":[{"id":"WEB","status":"dead"}]}' \
	'assets[0].status: unknown status "dead" (use planned, building, live, retired)'
refuse '{'"$B"',"assets":[{"id":"WEB","operator_unit":"IT"}]}' 'assets[0].operator_unit: no unit "IT"'
refuse '{'"$B"',"assets":[{"id":"WEB","graded_on":"2024-01-01"}]}' \
	'assets[0].graded_on: a grading or filing date needs an MLPS level 1-5 in mlps_level'
refuse '{'"$B"',"assets":[{"id":"WEB","mlps_level":2,"graded_on":"2024-01-01","filed_on":"2023-12-31"}]}' \
	'assets[0].filed_on: filed before it was graded (2024-01-01)'
P='"units":[{"id":"U"}],"people":[{"id":"P"}],"assets":[{"id":"WEB"}]'
refuse '{'"$B"','"$P"',"duties":[{"person":"Q","unit":"U","role":"principal","from":"2024-01-01"}]}' \
	'duties[0].person: no person "Q"'
refuse '{'"$B"','"$P"',"duties":[{"person":"P","unit":"U","role":"boss","from":"2024-01-01"}]}' \
	'duties[0].role: unknown role "boss" (use first_responsible, direct_responsible, leadership_member, principal, security_officer, asset_custodian)'
refuse '{'"$B"','"$P"',"duties":[{"person":"P","role":"principal","from":"2024-01-01"}]}' \
	'duties[0]: give exactly one of unit and asset'
refuse '{'"$B"','"$P"',"duties":[{"person":"P","unit":"U","asset":"WEB","role":"principal","from":"2024-01-01"}]}' \
	'duties[0]: give exactly one of unit and asset'
refuse '{'"$B"','"$P"',"duties":[{"person":"P","unit":"U","role":"principal","from":"2024-02-30"}]}' \
	'duties[0].from: "2024-02-30" is not a date YYYY-MM-DD'
refuse '{'"$B"','"$P"',"duties":[{"person":"P","unit":"U","role":"principal"}]}' 'duties[0].from: required'
refuse '{'"$B"','"$P"',"duties":[{"person":"P","unit":"U","role":"principal","from":"2024-02-01","to":"2024-01-31"}]}' \
	'duties[0].to: ends before it starts (from 2024-02-01)'
refuse '{'"$B"','"$P"',"duties":[{"person":"P","asset":"OA","role":"asset_custodian","from":"2024-02-01"}]}' \
	'duties[0].asset: no asset "OA"'
NB='"received_at":"2026-05-12T09:00:00+08:00"'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"'},{"id":"N1","received_at":"2026-05-12 09:00"}]}' \
	'notices[1].received_at: "2026-05-12 09:00" is not an RFC 3339 date-time with an offset'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0","recieved_at":"2026-05-12T09:00:00+08:00"}]}' \
	'notices[0]: unknown field "recieved_at"'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0"}]}' 'notices[0].received_at: required'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"',"asset":"OA"}]}' 'notices[0].asset: no asset "OA"'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"',"assets":["WEB","OA"]}]}' 'notices[0].assets[1]: no asset "OA"'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"',"assets":["WEB","WEB"]}]}' 'notices[0].assets[1]: "WEB" given twice'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"',"assets":"WEB"}]}' 'notices[0].assets: must be an array'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"',"assets":[1]}]}' 'notices[0].assets[0]: must be a string'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"',"asset":"WEB","assets":["WEB"]}]}' \
	'notices[0]: give asset or assets, not both'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"',"extended_to":"2026-05-32"}]}' \
	'notices[0].extended_to: "2026-05-32" is not a date YYYY-MM-DD'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"'},{"id":"N0",'"$NB"'}]}' 'notices[1].id: "N0" given twice'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"'}],"incidents":[{"id":"N0","asset":"WEB","detected_at":"2026-05-01T09:00:00+08:00"}]}' \
	'incidents[0].id: "N0" given twice (notices and incidents share one set of ids)'
refuse '{'"$B"','"$P"',"incidents":[{"id":"I0","detected_at":"2026-05-01T09:00:00+08:00"}]}' 'incidents[0].asset: required'
refuse '{'"$B"','"$P"',"incidents":[{"id":"I0","asset":"WEB","detected_at":"yesterday"}]}' \
	'incidents[0].detected_at: "yesterday" is not an RFC 3339 date-time with an offset'
# timelines that break the closed loop
L='"id":"N2","asset":"WEB","received_at":"2026-05-12T09:00:00+08:00"'
refuse '{'"$B"','"$P"',"notices":[{"id":"N0",'"$NB"'},{"id":"N1",'"$NB"'},{'"$L"',"rectified_at":"2026-05-13T10:00:00+08:00","feedback_at":"2026-05-13T09:59:59+08:00"}]}' \
	'notices[2].feedback_at: feedback before rectification'
refuse '{'"$B"','"$P"',"notices":[{'"$L"',"feedback_at":"2026-05-13T09:00:00+08:00"}]}' \
	'notices[0].feedback_at: feedback without rectification (give rectified_at too)'
refuse '{'"$B"','"$P"',"notices":[{'"$L"',"rectified_at":"2026-05-11T10:00:00+08:00","feedback_at":"2026-05-13T09:00:00+08:00"}]}' \
	'notices[0].rectified_at: rectification before receipt'
refuse '{'"$B"','"$P"',"notices":[{'"$L"',"rectified_at":"2026-05-11T10:00:00+08:00","feedback_at":"2026-05-11T09:00:00+08:00"}]}' \
	'notices[0].feedback_at: feedback before receipt'
refuse '{'"$B"','"$P"',"notices":[{'"$L"',"rectified_at":"2026-05-12T00:59:59Z"}]}' \
	'notices[0].rectified_at: rectification before receipt'
# rectification and feedback at the moment of receipt are allowed
ev '{"profile":"yantai-fao-2021","as_of":"2026-05-13T00:00:00+08:00",'"$P"',"notices":[{'"$L"',"rectified_at":"2026-05-12T01:00:00Z","feedback_at":"2026-05-12T09:00:00+08:00","extended_to":"2026-05-20"}]}'
is '.notices[0].state' done_on_time
is '.notices[0].stage' feedback_sent
is '.notices[0].due' 2026-05-20
# a long value is cut in the message, and still one line
long=$(printf 'x%.0s' $(seq 1 100))
refuse '{'"$B"',"units":[{"id":"A","parent":"'"$long"'"}]}' \
	"units[0].parent: no unit \"$(printf 'x%.0s' $(seq 1 74))…\""
refuse '{'"$B"',"units":[{"id":"'"$long"'"}]}' 'units[0].id: longer than 64 bytes'

# usage: no arguments; eval is in the help
expect 2 "$CD" eval extra </dev/null
has "$T/err" "usage: cyberduty eval < SCENARIO.json"
expect 0 "$CD" help
has "$T/out" "evaluate a what-if scenario (JSON on stdin)"
done_ok
