# reporter.sh — who reports an incident follows the register (issue 12 item 5; 国家网络安全事件报告
# 管理办法, 2025: a CII operator within 1 hour, central and state organs within 2, others within 4):
# the organisation's reporter type set at init, changed and unset with `settings` (audited), a
# CII system making its incidents CII reports whatever is said, and the default other said and
# warned about — through the database, not only eval.
. "$(dirname "$0")/lib.inc"
F=$T/org.db

expect 2 "$CD" init --profile central-2017 --reporter-type ministry --db "$F"
has "$T/err" '"ministry" is not cii, central_organ or other'
expect 0 "$CD" init --profile central-2017 --reporter-type central_organ --db "$F"
has "$T/out" "reporter type: central_organ"
expect 0 "$CD" settings reporter_type --db "$F"
[ "$(cat "$T/out")" = central_organ ] || fail "step $n: reporter_type is $(cat "$T/out")"

printf '%s\n' 编码,名称,上级编码,类型 SW,市委,,党委 XCB,宣传部,SW,部门 >"$T/units.csv"
printf '%s\n' 资产编码,名称,类型,主管单位,关键信息基础设施,状态 WEB,门户网站,门户网站,XCB,no,运行 \
	GRID,政务云,信息基础设施,XCB,yes,运行 >"$T/assets.csv"
for k in units assets; do expect 0 "$CD" import "$k" "$T/$k.csv" --db "$F"; done

# 较大 (1,000,000 people) on the portal: the organisation's type, 2 hours
expect 0 "$CD" incident add R1 --db "$F" --asset WEB --detected '2025-03-11 09:00' --class data_security
expect 0 "$CD" incident event R1 --db "$F" --measure personal_info_people=1000000 --at '2025-03-11 09:30'
expect 0 "$CD" incident show R1 --db "$F" --as-of 2025-03-11 --json
jq -e '.reporter_type == "central_organ" and .reporter_basis == "organisation" and .report_due == "2025-03-11T11:00:00+08:00"' \
	"$T/out" >/dev/null || fail "step $n: the organisation's reporter type: $(jq -c '[.reporter_type, .reporter_basis, .report_due]' "$T/out")"
expect 0 "$CD" incident show R1 --db "$F" --as-of 2025-03-11
has "$T/out" "120 minutes after detection, reporter central_organ: the organisation's reporter type"

# the same on the CII system, no reporter type given on the incident: 1 hour
expect 0 "$CD" incident add R2 --db "$F" --asset GRID --detected '2025-03-11 09:00' --class data_security
expect 0 "$CD" incident event R2 --db "$F" --measure personal_info_people=1000000 --at '2025-03-11 09:30'
expect 0 "$CD" incident show R2 --db "$F" --as-of 2025-03-11 --json
jq -e '.reporter_type == "cii" and .reporter_basis == "asset_cii" and .report_due == "2025-03-11T10:00:00+08:00" and .reporter_why == "system GRID is critical information infrastructure in the register"' \
	"$T/out" >/dev/null || fail "step $n: a CII system: $(jq -c '[.reporter_type, .reporter_basis, .report_due]' "$T/out")"
# … and with the incident saying other: still 1 hour, with a warning
expect 0 "$CD" incident add R3 --db "$F" --asset GRID --detected '2025-03-11 09:00' --reporter other
expect 0 "$CD" incident event R3 --db "$F" --measure personal_info_people=1000000 --at '2025-03-11 09:30'
expect 0 "$CD" incident show R3 --db "$F" --as-of 2025-03-11 --json
jq -e '.reporter_basis == "asset_cii" and .report_due == "2025-03-11T10:00:00+08:00" and ([.warnings[] | select(startswith("reporter: the incident records another"))] | length == 1)' \
	"$T/out" >/dev/null || fail "step $n: a CII system, the incident says other"

# the organisation's type unset: the default other, 4 hours, warned; audited both times
expect 0 "$CD" settings reporter_type none --db "$F"
has "$T/out" "reporter_type = none"
expect 0 "$CD" incident show R1 --db "$F" --as-of 2025-03-11 --json
jq -e '.reporter_basis == "default" and .report_due == "2025-03-11T13:00:00+08:00" and ([.warnings[] | select(startswith("reporter type unknown"))] | length == 1)' \
	"$T/out" >/dev/null || fail "step $n: the default, warned"
expect 2 "$CD" settings reporter_type provincial --db "$F"
has "$T/err" '"provincial" is not cii, central_organ, other or none'
[ "$(sqlite3 "$F" "SELECT count(*) FROM audit_entry WHERE action = 'settings.reporter_type'")" = 2 ] ||
	fail "settings.reporter_type not audited twice"
done_ok
