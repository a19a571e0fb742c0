# due-names.sh — `due` names a system and a unit as the register names them now: the kept
# obligations copy a system's code and name (schema 0048), so a system or unit renamed after they
# were kept must show under its new name, never the old one — also when a record was written in
# between (a write that keeps the obligations fresh instead of leaving them to be rebuilt).
. "$(dirname "$0")/lib.inc"
DB=$T/n.db

printf 'code,name,parent,kind\nROOT,示例大学,,party_committee\nU1,信息学院,ROOT,department\n' \
	>"$T/units.csv"
printf '%s\n%s\n' 'code,name,kind,url,manager_unit,operator_unit,mlps_level,graded_on,filed_on,assessed_on,status' \
	'A1,学院门户,portal,https://a1.example.edu.cn,U1,U1,2,2026-10-15,,,live' >"$T/assets.csv"
expect 0 "$CD" init --profile imnu-2022 --db "$DB"
expect 0 "$CD" import units "$T/units.csv" --db "$DB"
expect 0 "$CD" import assets "$T/assets.csv" --db "$DB"

# the first read keeps the obligations, with the system's name copied into its filing deadline
expect 1 "$CD" due --db "$DB" --as-of 2026-11-21
has "$T/out" "等级保护备案 — 学院门户 · 信息学院"
# a record written keeps them fresh (no rebuild at the next read)
expect 0 "$CD" record training --db "$DB" --date 2026-11-02 --title 培训 --unit U1

# renamed: the system and its unit
sed 's/学院门户/学院新门户/' "$T/assets.csv" >"$T/assets2.csv"
sed 's/信息学院/信息工程学院/' "$T/units.csv" >"$T/units2.csv"
expect 0 "$CD" import assets "$T/assets2.csv" --db "$DB"
expect 0 "$CD" import units "$T/units2.csv" --db "$DB"
expect 1 "$CD" due --db "$DB" --as-of 2026-11-21
has "$T/out" "等级保护备案 — 学院新门户 · 信息工程学院"
lacks "$T/out" "学院门户"
lacks "$T/out" "· 信息学院"
expect 1 "$CD" due --db "$DB" --as-of 2026-11-21 --json
jq -e '[.items[] | select(.what == "mlps_filing")] | length == 1 and .[0].subject == "A1"
	and .[0].title == "等级保护备案 — 学院新门户"' "$T/out" >/dev/null || fail "due --json: $(cat "$T/out")"
done_ok
