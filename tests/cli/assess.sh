# assess.sh — the yearly assessment (检查考核) from the command line, on the demo: its sheets in
# every stage; the login unit's draft finished, submitted, reviewed and approved (frozen after);
# refusals with exit 2 naming what to fix; a return with its reason; a new version; the ranking
# with the year before; the results list as CSV and as XLSX read back cell by cell; the
# indicator templates checked (a broken one refused with file:line) and installed; evidence
# files; every step in the audit log, which verifies.
. "$(dirname "$0")/lib.inc"
DB=$T/as.db
Y=$(TZ=Asia/Shanghai date +%Y)
P=$((Y - 1))

expect 0 "$CD" demo --db "$DB" --profile imnu-2022

# the demo: last year's six sheets approved (one vetoed), this year's in every stage
expect 0 "$CD" assess list --year "$P" --json --db "$DB"
jq -e '[.assessments[] | .stage] == ["approved","approved","approved","approved","approved","approved"]' \
	"$T/out" >/dev/null || fail "last year's sheets"
jq -e '[.assessments[] | select(.vetoed)] | length == 1' "$T/out" >/dev/null || fail "the veto"
expect 0 "$CD" assess list --year "$Y" --json --db "$DB"
jq -e '[.assessments[] | .stage] | sort == ["approved","draft","draft","draft","reviewed","submitted"]' \
	"$T/out" >/dev/null || fail "this year's stages"
ID=$(jq -r '.assessments[] | select(.unit.code == "DWXCB") | .id' "$T/out")
V2=$(jq -r '.assessments[] | select(.version == 2) | .id' "$T/out")

# the login unit's draft: a manual indicator left to enter
expect 0 "$CD" assess show "$ID" --db "$DB"
has "$T/out" "— draft"
has "$T/out" "self_check"
has "$T/out" "  missing"
expect 2 "$CD" assess submit "$ID" --db "$DB"
has "$T/err" "self_check (年度自查报告) has no value yet"
expect 2 "$CD" assess set "$ID" self_check 0.3 --db "$DB"
has "$T/err" "VALUE: self_check takes a level of 1, 0.5 or 0"
expect 2 "$CD" assess set "$ID" meeting 3 --db "$DB"
has "$T/err" "computed from the records"
expect 2 "$CD" assess set "$ID" nope 1 --db "$DB"
has "$T/err" 'INDICATOR: no indicator "nope"'
expect 2 "$CD" assess set "$ID" budget 1 --of 2 --db "$DB"
has "$T/err" "computed from the records"
expect 0 "$CD" assess set "$ID" self_check 1 --note 自查报告已附 --db "$DB"
expect 0 "$CD" assess set "$ID" training --exempt 本年度由学校统一组织培训 --db "$DB"
has "$T/out" "exempt: 本年度由学校统一组织培训"
expect 0 "$CD" assess unexempt "$ID" training --db "$DB"
lacks "$T/out" "exempt"

# an evidence file of the sheet
printf '自查报告\n' >"$T/自查报告.txt"
expect 0 "$CD" assess attach "$ID" "$T/自查报告.txt" --db "$DB"
expect 0 "$CD" assess files "$ID" --db "$DB"
has "$T/out" "自查报告.txt"

# 自评 → 复评 → 审定; a return needs its reason
expect 0 "$CD" assess submit "$ID" --comment 自评完成 --db "$DB"
expect 2 "$CD" assess approve "$ID" --db "$DB"
has "$T/err" "待复评 (submitted): it cannot be approved now"
expect 2 "$CD" assess return "$ID" --db "$DB"
has "$T/err" "--reason"
expect 0 "$CD" assess review "$ID" --comment 复评同意 --db "$DB"
expect 0 "$CD" assess send-back "$ID" --reason 请核实培训记录 --db "$DB"
expect 0 "$CD" assess review "$ID" --db "$DB"
expect 0 "$CD" assess approve "$ID" --comment 审定 --json --db "$DB"
jq -e '.stage == "approved" and .score.frozen and ([.steps[].kind] ==
	["open","submit","review","send_back","review","approve"])' "$T/out" >/dev/null ||
	fail "the approved sheet"
TOTAL=$(jq -r '.score.total' "$T/out")

# frozen: no value, no file; a new version carries the values entered
expect 2 "$CD" assess set "$ID" self_check 0 --db "$DB"
has "$T/err" "values change only in draft"
expect 2 "$CD" assess attach "$ID" "$T/自查报告.txt" --db "$DB"
has "$T/err" "approved and frozen"
expect 2 "$CD" assess revise "$ID" --db "$DB"
has "$T/err" "--reason"
expect 0 "$CD" assess revise "$ID" --reason 补录培训记录 --json --db "$DB"
jq -e '.version == 2 and .stage == "draft" and .supersedes == '"$ID"'' "$T/out" >/dev/null ||
	fail "the new version"
expect 2 "$CD" assess revise "$V2" --reason x --db "$DB"
has "$T/err" "is not approved"

# the ranking: this year's totals with last year's
expect 0 "$CD" assess ranking "$Y" --json --db "$DB"
jq -e '.ranking | length == 6' "$T/out" >/dev/null || fail "ranking rows"
jq -e '[.ranking[] | select(.rank != null)] | map(.total | tonumber) | . == (sort | reverse)' \
	"$T/out" >/dev/null || fail "ranking order"
jq -e '[.ranking[] | select(.previous != null)] | length == 6' "$T/out" >/dev/null ||
	fail "year over year"
# as text, ranked and unranked rows alike: the rank right-aligned in 4 columns ("—" when
# none), the unit's code from the 7th, the score ending in the same column
expect 0 "$CD" assess ranking "$Y" --db "$DB"
/usr/bin/python3 -c 'import re, sys, unicodedata as u
w = lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
rows = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")][1:]
assert len(rows) == 6 and any(r[3] == "—" for r in rows), rows
to_score = lambda r: w(re.match(r"\s*\S+\s+\S+\s+\S+\s+\S+", r).group(0))
for r in rows:
    assert r[4:6] == "  " and r[6] != " ", r
    assert to_score(r) == to_score(rows[0]), r' \
	"$T/out" || fail "step $n: the ranking's columns: $(cat "$T/out")"

# the results list: CSV, and XLSX read back (sqlite3's zipfile)
expect 0 "$CD" assess results "$P" --db "$DB"
has "$T/out" "名次,单位代码,单位名称,年度,版本,阶段,得分,等级,一票否决,上年得分,上年等级,增减"
has "$T/out" ",是,"
expect 0 "$CD" assess results "$P" --lang en --db "$DB"
has "$T/out" "rank,unit,unit_name,year"
expect 0 "$CD" assess results "$P" --format xlsx --output "$T/r.xlsx" --db "$DB"
sqlite3 :memory: "SELECT CAST(data AS TEXT) FROM zipfile('$T/r.xlsx') WHERE name =
	'xl/worksheets/sheet1.xml'" >"$T/sheet.xml"
has "$T/sheet.xml" "<t>名次</t>"
has "$T/sheet.xml" "<t>DWXCB</t>"
has "$T/sheet.xml" "<t>一票否决</t>"
expect 2 "$CD" assess results "$P" --format xlsx --db "$DB"
has "$T/err" "--output"

# templates: the built-in ones check; a broken one is refused with file:line; one installed
for p in central-2017 yantai-fao-2021 imnu-2022; do
	expect 0 "$CD" assess template check "$SRC/profiles/$p.assess.yaml"
	has "$T/out" ": ok"
done
sed 's/^        weight: 8$/        weight: 9/' "$SRC/profiles/imnu-2022.assess.yaml" >"$T/bad.yaml"
expect 2 "$CD" assess template check "$T/bad.yaml"
has "$T/err" "bad.yaml:"
has "$T/err" "add up to 105, not the full score 100"
expect 2 "$CD" assess template use "$SRC/profiles/central-2017.assess.yaml" --db "$DB"
has "$T/err" "the template is for profile central-2017"
sed 's/^title: .*/title: 本单位修订的考核指标/' "$SRC/profiles/imnu-2022.assess.yaml" >"$T/own.yaml"
expect 0 "$CD" assess template use "$T/own.yaml" --db "$DB"
expect 0 "$CD" assess template show --db "$DB"
has "$T/out" "本单位修订的考核指标"
expect 0 "$CD" assess open JSJXY "$Y" --db "$DB"
has "$T/out" "本单位修订的考核指标"
expect 2 "$CD" assess open JSJXY "$Y" --db "$DB"
has "$T/err" "has assessment"
expect 2 "$CD" assess open NOPE "$Y" --db "$DB"
has "$T/err" 'UNIT: no unit "NOPE"'
expect 2 "$CD" assess open JSJXY 1999 --db "$DB"

# every step audited; the chain verifies
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_entry WHERE action = 'assessment.approve'")" = 9 ] ||
	fail "approvals not audited"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_entry WHERE action = 'assessment.send_back'
	AND json_extract(after, '$.comment') = '请核实培训记录'")" = 1 ] || fail "send-back not audited"
expect 0 "$CD" audit verify --db "$DB"
done_ok
