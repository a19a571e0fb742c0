# duties-db.sh — issue 12 item 8 through the database, not only eval: 经费不落实 (funding_missing)
# derived from an IT project with no security budget for an IMNU incident (第十四条（八）,
# readings.funding_floor_percent), and a notice's request for technical support under Yantai 五
# in the notice's JSON (one encoder with eval: io/notice_json.c).
. "$(dirname "$0")/lib.inc"
F=$T/imnu.db

expect 0 "$CD" init --profile imnu-2022 --db "$F"
printf '%s\n' 编码,名称,上级编码,类型 IMNU,学校党委,,党委 NIC,信息中心,IMNU,技术支撑部门 CS,计算机学院,IMNU,部门 >"$T/units.csv"
printf '%s\n' 资产编码,名称,类型,主管单位,状态 MAIL,邮件系统,信息系统,NIC,运行 >"$T/assets.csv"
for k in units assets; do expect 0 "$CD" import "$k" "$T/$k.csv" --db "$F"; done
expect 0 "$CD" incident add M1 --db "$F" --asset MAIL --detected '2025-06-20 08:30' --class malware
# no project: nobody can say
expect 0 "$CD" incident show M1 --db "$F" --as-of 2025-06-21 --json
jq -e '.facts.funding_missing.origin == "unknown"' "$T/out" >/dev/null ||
	fail "step $n: funding_missing $(jq -c .facts.funding_missing "$T/out")"
# another unit's project with no security budget: still nobody
expect 0 "$CD" project add --code P-CS --name 学院网站 --total 300000 --security 0 --unit CS --year 2025 --db "$F"
expect 0 "$CD" incident show M1 --db "$F" --as-of 2025-06-21 --json
jq -e '.facts.funding_missing.origin == "unknown"' "$T/out" >/dev/null ||
	fail "step $n: funding_missing $(jq -c .facts.funding_missing "$T/out")"
# the centre's own project with no security budget: 经费不落实, and 14.8 asks only the consequences
expect 0 "$CD" project add --code P-MAIL --name 邮件系统迁移 --total 800000 --security 0 --unit NIC --year 2025 --db "$F"
expect 0 "$CD" incident show M1 --db "$F" --as-of 2025-06-21 --json
jq -e '(.facts.funding_missing | del(.why_label)) == {"value": true, "origin": "derived", "why": "project P-MAIL: security budget 0 of 800000 yuan, not above 0 % (readings.funding_floor_percent)"}' \
	"$T/out" >/dev/null || fail "step $n: funding_missing $(jq -c .facts.funding_missing "$T/out")"
jq -e '.triggers[] | select(.id == "14.8") | .state == "needs_judgement" and .missing_facts == ["serious_consequences"] and (.evidence[0] | startswith("funding_missing = true (project P-MAIL"))' \
	"$T/out" >/dev/null || fail "step $n: 14.8 $(jq -c '.triggers[] | select(.id == "14.8")' "$T/out")"

# Yantai 五: support asked within the period, the clock running on
Y=$T/yantai.db
expect 0 "$CD" init --profile yantai-fao-2021 --db "$Y"
printf '%s\n' 编码,名称,上级编码,类型 FAO,外办,,党委 ZHK,综合科,FAO,领导小组办公室 >"$T/units.csv"
printf '%s\n' 资产编码,名称,类型,主管单位,状态 OA,办公系统,信息系统,ZHK,运行 >"$T/assets.csv"
for k in units assets; do expect 0 "$CD" import "$k" "$T/$k.csv" --db "$Y"; done
expect 0 "$CD" notice add --db "$Y" --code '烟网信通〔2024〕31号' --authority 市委网信办 --asset OA --received '2024-09-29 15:00'
expect 0 "$CD" notice support '烟网信通〔2024〕31号' --db "$Y" --at '2024-10-09 23:00'
expect 0 "$CD" notice show '烟网信通〔2024〕31号' --db "$Y" --as-of 2024-10-12 --json
jq -e '.due == "2024-10-09" and .due_basis == "policy" and .state == "overdue" and .support == {"at": "2024-10-09T23:00:00+08:00", "article": "五、整改落实", "in_period": true} and .criticism.grounds == ["late"]' \
	"$T/out" >/dev/null || fail "step $n: $(jq -c '[.due, .due_basis, .state, .support, .criticism]' "$T/out")"
echo "ok $NAME: $n steps"
