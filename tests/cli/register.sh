# register.sh — init, import of the documented templates (docs/templates), check in text and
# JSON at several dates, export → import round trip, and the exit codes 0 / 1 / 2.
. "$(dirname "$0")/lib.inc"
DB=$T/org.db

expect 2 "$CD" check --db "$DB"
has "$T/err" "no such database"
expect 2 "$CD" init --db "$DB"
has "$T/err" "init needs --profile"
expect 2 "$CD" init --profile nowhere --db "$DB"
has "$T/err" 'unknown profile "nowhere"'
expect 0 "$CD" init --profile imnu-2022 --db "$DB"
has "$T/out" "initialised with profile imnu-2022"
expect 0 "$CD" init --profile imnu-2022 --db "$DB"
has "$T/out" "nothing to do"

for k in units people assets duties; do
	expect 0 "$CD" import "$k" "$SRC/docs/templates/$k.csv" --db "$DB"
	has "$T/out" "imported"
done

# the templates leave three gaps on 2026-11-21 …
expect 1 "$CD" check --as-of 2026-11-21 --db "$DB"
has "$T/out" "as of 21 Nov 2026"
has "$T/out" "3 findings: 3 role.missing"
has "$T/out" "信息中心 (XXZX)"
has "$T/out" "网信委办公室 (WXB)"
# … and one more when 教务管理系统's yearly assessment falls due
expect 1 "$CD" check --as-of 2026-12-11 --db "$DB" --json
jq -e '.count == 4 and .as_of == "2026-12-11" and .profile.id == "imnu-2022"' "$T/out" >/dev/null ||
	fail "json summary"
jq -e '[.findings[] | select(.rule == "mlps.unassessed")][0] | .asset == "JW" and .since == "2026-12-10" and (.article | length > 0)' "$T/out" >/dev/null ||
	fail "json mlps finding"
jq -e '[.findings[] | select(.rule == "role.missing" and .unit == "XXZX") | .role] | sort == ["direct_responsible", "security_officer"]' "$T/out" >/dev/null ||
	fail "json role findings"

# closing the gaps gives exit 0
cat >"$T/fix.csv" <<'CSV'
人员工号,角色,单位编码,起始日期
T0006,直接责任人,XXZX,2026-01-01
T0005,网络安全员,XXZX,2026-01-01
T0002,主要负责人,WXB,2026-01-01
CSV
expect 0 "$CD" import duties "$T/fix.csv" --db "$DB"
expect 0 "$CD" check --as-of 2026-11-21 --db "$DB"
has "$T/out" "no gaps"
# … but not before those duties began
expect 1 "$CD" check --as-of 2025-12-31 --db "$DB"

# bad input: exit 2, a clear message, nothing written
"$CD" export people --format csv --db "$DB" >"$T/before.csv"
printf 'code,name,unit,email\nT9,新人,JSJ,\nT8,某,NOPE,\nT7,某,JSJ,nobody\nT9,重复,JSJ,\n' >"$T/bad.csv"
expect 2 "$CD" import people "$T/bad.csv" --db "$DB"
has "$T/err" "第 3 行「unit」：NOPE 不是已有单位的代码（请先导入单位）"
has "$T/err" "row 3, column \"unit\": \"NOPE\" is no unit's code (import units first)"
has "$T/err" "第 4 行「email」：nobody 不是电子邮箱地址"
has "$T/err" "第 5 行「code」：T9 与第 2 行的代码重复"
has "$T/err" "3 errors, nothing imported"
expect 2 "$CD" import people "$T/bad.csv" --json --db "$DB"
jq -e '.error_count == 3 and .rows == 4 and ([.errors[] | .row] == [3, 4, 5]) and
	.errors[0].column == "unit" and .errors[0].value == "NOPE"' "$T/out" >/dev/null ||
	fail "--json lists every error"
# a dry run checks and says what it would do, writing nothing; GB18030 (Excel on Chinese
# Windows) is read as such
printf '工号,姓名,所属单位\nT9,新人,JSJ\nT0001,王建国,DW\n' | iconv -f UTF-8 -t GB18030 >"$T/gbk.csv"
expect 0 "$CD" import people "$T/gbk.csv" --dry-run --db "$DB"
has "$T/out" "checked, would import 2 people (created 1, updated 1; GB18030)"
"$CD" export people --format csv --db "$DB" >"$T/after.csv"
cmp -s "$T/before.csv" "$T/after.csv" || fail "a dry run changed the register"
"$CD" export people --format csv --db "$DB" >"$T/after.csv"
cmp -s "$T/before.csv" "$T/after.csv" || fail "a refused import changed the register"
expect 2 "$CD" import gadgets "$T/bad.csv" --db "$DB"
expect 2 "$CD" import people "$T/missing.csv" --db "$DB"
has "$T/err" "cannot open"
expect 2 "$CD" check --as-of 2026-02-30 --db "$DB"
has "$T/err" "--as-of wants a date YYYY-MM-DD"
expect 2 "$CD" check --bogus --db "$DB"
expect 2 "$CD" export units --format pdf --db "$DB"

# exports a clerk can open: BOM, Chinese headers and values; English on request
expect 0 "$CD" export assets --format csv --db "$DB"
[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "no BOM"
has "$T/out" "资产编码,名称,类型,网址,建设单位"
has "$T/out" ",运行,"
expect 0 "$CD" export assets --format csv --lang en --db "$DB"
has "$T/out" "code,name,kind,url,builder_unit"
has "$T/out" ",live,"
expect 0 "$CD" export assets --output "$T/assets.xlsx" --db "$DB"
[ "$(head -c 4 "$T/assets.xlsx" | od -An -tx1 | tr -d ' ')" = "504b0304" ] || fail "not an xlsx"
expect 2 "$CD" export assets --format xlsx --db "$DB"
has "$T/err" "needs --output"
expect 2 "$CD" export assets --lang fr --db "$DB"
has "$T/err" 'unknown language "fr"'

# the import templates: a workbook per kind with its header row (required columns marked *),
# drop-down lists for the enumerations and a sheet 填写说明 with an example; sent back unfilled it
# imports nothing
for k in units people duties assets projects; do
	expect 0 "$CD" template "$k" --output "$T/tpl-$k.xlsx"
	expect 0 "$CD" import "$k" "$T/tpl-$k.xlsx" --dry-run --db "$DB"
	has "$T/out" "would import 0"
done
rm -rf "$T/tplx" && unzip -q "$T/tpl-assets.xlsx" -d "$T/tplx"
grep -q '<sheet name="信息系统"' "$T/tplx/xl/workbook.xml" || fail "template: no sheet 信息系统"
grep -q '<sheet name="填写说明"' "$T/tplx/xl/workbook.xml" || fail "template: no sheet 填写说明"
grep -q '<formula1>"门户网站,新闻网站,网络平台,宣发平台,信息系统,服务器,信息基础设施"</formula1>' \
	"$T/tplx/xl/worksheets/sheet1.xml" || fail "template: no drop-down list of asset kinds"
grep -q '<formula1>"是,否"</formula1>' "$T/tplx/xl/worksheets/sheet1.xml" ||
	fail "template: no 是/否 list"
grep -q '资产编码\*' "$T/tplx/xl/sharedStrings.xml" || fail "template: required column not marked"
grep -q '学校门户网站' "$T/tplx/xl/sharedStrings.xml" || fail "template: no example row"
expect 0 "$CD" template duties --lang en --output "$T/tpl-en.xlsx"
rm -rf "$T/tplx" && unzip -q "$T/tpl-en.xlsx" -d "$T/tplx"
grep -q '<formula1>"first_responsible,' "$T/tplx/xl/worksheets/sheet1.xml" ||
	fail "template: no English list of roles"
expect 2 "$CD" template assets
has "$T/err" "needs --output"

# export → import into a new database → the same export
DB2=$T/copy.db
expect 0 "$CD" init --profile imnu-2022 --db "$DB2"
for k in units people assets duties; do
	expect 0 "$CD" export "$k" --format csv --db "$DB" --output "$T/$k.csv"
	expect 0 "$CD" import "$k" "$T/$k.csv" --db "$DB2"
done
for k in units people assets duties; do
	"$CD" export "$k" --format csv --db "$DB2" | cmp -s - "$T/$k.csv" || fail "round trip of $k"
done
done_ok
