# attack-db.sh — issue 12 item 1 through the database, not only eval: an attack is an element of
# central 第八条（二）. A prefecture-level portal down eight hours, not handled in time: an equipment
# failure fires nothing; a class that does not say (malware) leaves 8.2 to a person, asking
# `attacked`; a person's answer on the timeline decides it, and the evidence names the fact.
. "$(dirname "$0")/lib.inc"
F=$T/org.db

expect 0 "$CD" init --profile central-2017 --db "$F"
printf '%s\n' 编码,名称,上级编码,类型 SW,市委,,党委 XCB,宣传部,SW,部门 >"$T/units.csv"
printf '%s\n' 资产编码,名称,类型,主管单位,行政级别 WEB,门户网站,门户网站,XCB,prefecture_or_above >"$T/assets.csv"
for k in units assets; do expect 0 "$CD" import "$k" "$T/$k.csv" --db "$F"; done

# state8 CODE — the state of trigger 8.2 and what it asks, "state:missing,…"
state8() {
	expect 0 "$CD" incident show "$1" --db "$F" --as-of 2025-03-12 --json
	jq -r '.triggers[] | select(.id == "8.2") | .state + ":" + (.missing_facts | join(","))' "$T/out"
}
for c in equipment_failure malware; do
	expect 0 "$CD" incident add "A-$c" --db "$F" --asset WEB --detected '2025-03-11 09:00' --class "$c"
	expect 0 "$CD" incident event "A-$c" --db "$F" --set outage_start='2025-03-11 08:00' --at '2025-03-11 09:05'
	expect 0 "$CD" incident event "A-$c" --db "$F" --set outage_end='2025-03-11 16:00' --at '2025-03-11 16:05'
	expect 0 "$CD" incident event "A-$c" --db "$F" --fact handled_timely=false --note 未及时处置 --at '2025-03-11 16:10'
done
[ "$(state8 A-equipment_failure)" = "not_fired:" ] || fail "step $n: equipment failure: $(state8 A-equipment_failure)"
[ "$(state8 A-malware)" = "needs_judgement:attacked" ] || fail "step $n: malware: $(state8 A-malware)"
expect 0 "$CD" incident event A-malware --db "$F" --fact attacked=true --note 经溯源为外部入侵 --at '2025-03-11 17:00'
[ "$(state8 A-malware)" = "fired:" ] || fail "step $n: malware, attacked: $(state8 A-malware)"
jq -e '.triggers[] | select(.id == "8.2") | .article == "第八条第（二）项" and (.evidence | index("attacked = true (recorded)") != null) and (.evidence | index("paralysis_hours = 8 (outage 2025-03-11T08:00:00+08:00 – 2025-03-11T16:00:00+08:00)") != null)' \
	"$T/out" >/dev/null || fail "step $n: evidence $(jq -c '.triggers[] | select(.id == "8.2") | .evidence' "$T/out")"
echo "ok $NAME: $n steps"
