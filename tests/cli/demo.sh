# demo.sh — the demo organisation for each profile: sizes, and gaps that `check` finds.
. "$(dirname "$0")/lib.inc"

expect 0 "$CD" demo --db "$T/imnu.db" --as-of 2026-11-21
has "$T/out" "demo organisation for imnu-2022"
units=$("$CD" export units --format csv --db "$T/imnu.db" | tail -n +2 | wc -l)
people=$("$CD" export people --format csv --db "$T/imnu.db" | tail -n +2 | wc -l)
assets=$("$CD" export assets --format csv --db "$T/imnu.db" | tail -n +2 | wc -l)
[ "$units" -ge 20 ] || fail "imnu demo: $units units"
[ "$people" -ge 50 ] || fail "imnu demo: $people people"
[ "$assets" -ge 70 ] || fail "imnu demo: $assets assets"
"$CD" export units --format csv --db "$T/imnu.db" >"$T/u.csv"
for name in 网络安全和信息化委员会 网信委办公室 信息中心 党委宣传部; do has "$T/u.csv" "$name"; done

# the register is written by its acts (svc/register.h), as any caller's: one `KIND.create`
# entry by the demo for each record, naming it, and the chain holds
for k in unit:units person:people duty:duties asset:assets project:projects; do
	act=${k%%:*} kind=${k#*:}
	"$CD" export "$kind" --format csv --db "$T/imnu.db" | tail -n +2 >"$T/rows.csv"
	rows=$(wc -l <"$T/rows.csv")
	expect 0 "$CD" audit list --db "$T/imnu.db" --action "$act.create" --limit 100000 --json
	jq -e --argjson n "$rows" '(.entries | length) == $n and $n > 0 and
		all(.entries[]; .actor == "demo" and .outcome == "ok" and .before == null)' \
		"$T/out" >/dev/null || fail "imnu demo: $rows $kind but not one $act.create each"
	[ "$act" = duty ] && continue
	cut -d, -f1 "$T/rows.csv" | sort >"$T/codes"
	jq -r '.entries[].after | fromjson | .code' "$T/out" | sort >"$T/audited"
	cmp -s "$T/codes" "$T/audited" || fail "imnu demo: the $act.create entries name other $kind"
done
expect 0 "$CD" audit verify --db "$T/imnu.db"
has "$T/out" "audit log intact"

# what is due and the records, as spreadsheets
expect 0 "$CD" export deadlines --db "$T/imnu.db"
has "$T/out" "事项,依据,单位,信息系统,期间,开始日期,截止日期,状态,要求次数,已完成次数,完成日期"
[ "$(wc -l <"$T/out")" -gt 20 ] || fail "imnu demo: few obligations exported"
expect 0 "$CD" export records --lang en --db "$T/imnu.db"
has "$T/out" "kind,unit,on,duty,period,title,participants,minutes,attachment"
expect 0 "$CD" export records --output "$T/records.xlsx" --db "$T/imnu.db"
# the incidents with the engine's verdicts, one line each; the audit log, selected by action
expect 0 "$CD" export incidents --db "$T/imnu.db"
has "$T/out" "事件编号,标题,发现时间,责任单位,涉及信息系统,事件分类,事件级别,级别已确认,报告状态"
[ "$(($(wc -l <"$T/out") - 1))" -eq "$(sqlite3 "$T/imnu.db" 'SELECT count(*) FROM incident')" ] ||
	fail "imnu demo: not one line per incident"
has "$T/out" "网络攻击事件"
expect 0 "$CD" export incidents --lang en --output "$T/incidents.xlsx" --db "$T/imnu.db"
expect 0 "$CD" export audit --action account. --db "$T/imnu.db"
has "$T/out" "序号,时间,操作者,来源地址,操作,操作名称,对象,结果,变更前,变更后"
has "$T/out" ",demo,,account.create,开设账号,account:1,成功,"
grep -q "notice.add" "$T/out" && fail "export audit --action account.: other entries"

expect 1 "$CD" check --db "$T/imnu.db" --as-of 2026-11-21 --json
for rule in role.missing role.overlap asset.unanswered mlps.unfiled mlps.unassessed; do
	jq -e --arg r "$rule" '[.findings[] | select(.rule == $r)] | length > 0' "$T/out" >/dev/null ||
		fail "imnu demo has no $rule finding"
done

# the demo wants an empty register, and a database keeps its profile
expect 2 "$CD" demo --db "$T/imnu.db"
has "$T/err" "already holds a register"

for p in yantai-fao-2021 central-2017; do
	expect 0 "$CD" demo --db "$T/$p.db" --profile "$p"
	has "$T/out" "demo organisation for $p"
	expect 1 "$CD" check --db "$T/$p.db"
	units=$("$CD" export units --format csv --db "$T/$p.db" | tail -n +2 | wc -l)
	expect 0 "$CD" audit list --db "$T/$p.db" --action unit.create --limit 100000 --json
	jq -e --argjson n "$units" '(.entries | length) == $n' "$T/out" >/dev/null ||
		fail "$p demo: $units units, not one unit.create each"
	expect 0 "$CD" audit verify --db "$T/$p.db"
done
done_ok
