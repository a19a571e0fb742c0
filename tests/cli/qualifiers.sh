# qualifiers.sh — the qualifiers of a system the policies speak of (issue 12 item 2: 党政机关门户网站,
# 重点新闻网站, 大型网络平台 — central 第八条（一）（二）; 主要服务器、重要系统 — Yantai 八（一）（二）（四）;
# 重要信息基础设施 — IMNU 第十四条（四）) through the database: CSV columns in and out (an empty cell
# is "not recorded", not "no"), and an incident's facts saying whether each was recorded or
# derived.
. "$(dirname "$0")/lib.inc"
F=$T/org.db

expect 0 "$CD" init --profile central-2017 --db "$F"
printf '%s\n' 编码,名称,上级编码,类型 SW,市委,,党委 XCB,宣传部,SW,部门 >"$T/units.csv"
printf '%s\n' 资产编码,名称,类型,主管单位,行政级别,等保级别,重点新闻网站,大型网络平台,重要系统 \
	WEB,门户网站,门户网站,XCB,prefecture_or_above,2,,, \
	NEWS,新闻网,新闻网站,XCB,prefecture_or_above,2,是,, \
	BBS,论坛,网络平台,XCB,,2,,否,是 >"$T/assets.csv"
for k in units assets; do expect 0 "$CD" import "$k" "$T/$k.csv" --db "$F"; done
# a qualifier is yes or no, or left empty
printf '%s\n' 资产编码,名称,类型,重点新闻网站 X,X,新闻网站,也许 >"$T/bad.csv"
expect 2 "$CD" import assets "$T/bad.csv" --db "$F" --dry-run
cat "$T/err" >>"$T/out"
has "$T/out" "重点新闻网站"
has "$T/out" "不是“是/否”"

# out again: recorded cells as recorded, empty ones empty
expect 0 "$CD" export assets --format csv --db "$F"
has "$T/out" "党政机关门户网站,重点新闻网站,大型网络平台,重要系统,重要信息基础设施"
tr -d '\r' <"$T/out" >"$T/assets.out" # CSV lines end in CRLF
grep -q '^NEWS,.*,,是,,,$' "$T/assets.out" || fail "step $n: NEWS: $(grep '^NEWS' "$T/assets.out")"
grep -q '^BBS,.*,,,否,是,$' "$T/assets.out" || fail "step $n: BBS: $(grep '^BBS' "$T/assets.out")"

# the facts of an incident say which
expect 0 "$CD" incident add Q1 --db "$F" --asset NEWS --detected '2025-03-11 09:00' --class network_attack
expect 0 "$CD" incident show Q1 --db "$F" --as-of 2025-03-11 --json
jq -e '.facts["asset.key_news_site"] == {"value": true, "origin": "derived", "why": "the register: recorded", "why_label": "the register: recorded"} and .facts["asset.party_gov_portal"].value == false' \
	"$T/out" >/dev/null || fail "step $n: a recorded qualifier: $(jq -c '.facts["asset.key_news_site"]' "$T/out")"
expect 0 "$CD" incident add Q2 --db "$F" --asset WEB --detected '2025-03-11 09:00' --class network_attack
expect 0 "$CD" incident show Q2 --db "$F" --as-of 2025-03-11 --json
jq -e '.facts["asset.party_gov_portal"].value == true and (.facts["asset.party_gov_portal"].why | startswith("derived: a portal"))' \
	"$T/out" >/dev/null || fail "step $n: a derived qualifier"
jq -e '(.facts["asset.important_system"] | del(.why_label)) == {"value": false, "origin": "derived", "why": "derived: MLPS level 2 (important from 3)"}' \
	"$T/out" >/dev/null || fail "step $n: important_system from the MLPS level"
done_ok
