# office.sh — notices (通报) imported from a spreadsheet (docs/csv.md, "notices"): the template
# documented in docs/templates/notices.csv imports; a GB18030 file with three errors reports all
# three (in Chinese and English, as JSON too) and writes nothing; a good file's notices are
# there, each recorded as `notice add` records one; export → import into a second register →
# the same export; the XLSX template imports nothing sent back unfilled.
. "$(dirname "$0")/lib.inc"
DB=$T/org.db

# register DB — a new register of the documented templates (docs/templates), without notices
register() {
	expect 0 "$CD" init --profile imnu-2022 --db "$1"
	for k in units people assets duties; do
		expect 0 "$CD" import "$k" "$SRC/docs/templates/$k.csv" --db "$1"
	done
}

register "$DB"

# the documented template
expect 0 "$CD" import notices "$SRC/docs/templates/notices.csv" --db "$DB"
has "$T/out" "imported 1 notices (created 1, updated 0"
expect 0 "$CD" notice show '内网信通〔2026〕77号' --db "$DB"
has "$T/out" "WEB"
has "$T/out" "JW"
has "$T/out" "20 Nov 2026"

# three errors, in GB18030 as Excel on Chinese Windows saves "CSV": all three told, nothing written
"$CD" export notices --db "$DB" >"$T/before.csv"
printf '%s\n' '文号,通报单位,接收时间,信息系统,整改期限,问题类别' \
	'内网信通〔2026〕78号,自治区党委网信办,2026年11月4日 9:30,WEB、JW,2026-11-30,弱口令' \
	'内网信通〔2026〕79号,自治区党委网信办,2026/11/5 10:00,NOPE,2026-02-30,' \
	'内网信通〔2026〕80号,,2026-11-06 08:00,WEB,,' |
	iconv -f UTF-8 -t GB18030 >"$T/bad.csv"
expect 2 "$CD" import notices "$T/bad.csv" --db "$DB"
has "$T/err" 'row 3, column "due": "2026-02-30" is not a valid date (February 2026 has no day 30)'
has "$T/err" '第 3 行「信息系统」：NOPE 不是已有信息系统的代码（请先导入信息系统）'
has "$T/err" 'row 3, column "assets": "NOPE" is no system'"'"'s code (import assets first)'
has "$T/err" '第 4 行「通报单位」：不能为空'
has "$T/err" "3 errors, nothing imported"
expect 2 "$CD" import notices "$T/bad.csv" --json --db "$DB"
jq -e '.error_count == 3 and .rows == 3 and .encoding == "GB18030" and .created == 1 and
	([.errors[] | [.row, .column]] == [[3, "due"], [3, "assets"], [4, "authority"]])' \
	"$T/out" >/dev/null || fail "the report as JSON"
"$CD" export notices --db "$DB" | cmp -s - "$T/before.csv" || fail "a refused import wrote notices"

# a notice recorded already is refused by its number, whoever typed its brackets how
printf '文号,通报单位,接收时间,信息系统\n 内网信通〔2026〕77号 ,网信办,2026-11-03 09:30,WEB\n' >"$T/again.csv"
expect 2 "$CD" import notices "$T/again.csv" --db "$DB"
has "$T/err" "is the number of a notice recorded already"

# a good file: a dry run writes nothing, then the notices are there
printf '%s\n' '文号,通报单位,接收时间,信息系统,整改期限,问题类别,责任单位,通报内容' \
	'内网信通〔2026〕78号,自治区党委网信办,2026年11月4日 9:30,WEB、JW,2026-11-30,弱口令,XXZX,"检测发现弱口令，' \
	'请立即整改。"' \
	'内网信通〔2026〕79号,公安机关网安部门,2026/11/5 10:00,JW,,网站漏洞,,' >"$T/good.csv"
expect 0 "$CD" import notices "$T/good.csv" --dry-run --db "$DB"
has "$T/out" "checked, would import 2 notices (created 2, updated 0; UTF-8)"
"$CD" export notices --db "$DB" | cmp -s - "$T/before.csv" || fail "a dry run wrote notices"
expect 0 "$CD" import notices "$T/good.csv" --db "$DB"
has "$T/out" "imported 2 notices (created 2, updated 0; UTF-8)"
expect 0 "$CD" notice list --json --db "$DB"
jq -e '[.notices[] | .code] | sort == ["内网信通〔2026〕77号", "内网信通〔2026〕78号", "内网信通〔2026〕79号"]' \
	"$T/out" >/dev/null || fail "the imported notices are not listed"
expect 0 "$CD" notice show '内网信通〔2026〕79号' --json --db "$DB"
jq -e '.authority == "公安机关网安部门" and .received_at == "2026-11-05T10:00:00+08:00" and
	.category == "网站漏洞" and .assets == ["JW"]' "$T/out" >/dev/null ||
	fail "notice 79 as imported"
expect 0 "$CD" notice show '内网信通〔2026〕78号' --json --db "$DB"
jq -e '.text == "检测发现弱口令，\n请立即整改。" and .stated_due == "2026-11-30" and .unit == "XXZX"' \
	"$T/out" >/dev/null || fail "notice 78 as imported"
expect 0 "$CD" audit list --action notice.create --json --db "$DB"
jq -e '[.entries[] | select(.action == "notice.create")] | length == 3' "$T/out" >/dev/null ||
	fail "each notice its audit entry notice.create"

# export → import into a second register → the same export (Chinese, then English)
DB2=$T/copy.db
register "$DB2"
expect 0 "$CD" export notices --format csv --db "$DB" --output "$T/notices.csv"
has "$T/notices.csv" "信息系统,通报内容"
expect 0 "$CD" import notices "$T/notices.csv" --db "$DB2"
has "$T/out" "imported 3 notices"
"$CD" export notices --db "$DB2" | cmp -s - "$T/notices.csv" || fail "round trip of notices"
expect 0 "$CD" export notices --lang en --format xlsx --output "$T/notices.xlsx" --db "$DB2"
DB3=$T/en.db
register "$DB3"
expect 0 "$CD" import notices "$T/notices.xlsx" --db "$DB3"
has "$T/out" "imported 3 notices (created 3, updated 0; XLSX)"
"$CD" export notices --db "$DB3" | cmp -s - "$T/notices.csv" || fail "round trip of notices by XLSX"

# the template: a sheet 通报 with the required columns marked, a sheet 填写说明; unfilled, nothing
expect 0 "$CD" template notices --output "$T/tpl.xlsx"
expect 0 "$CD" import notices "$T/tpl.xlsx" --dry-run --db "$DB"
has "$T/out" "would import 0"
rm -rf "$T/tplx" && unzip -q "$T/tpl.xlsx" -d "$T/tplx"
grep -q '<sheet name="通报"' "$T/tplx/xl/workbook.xml" || fail "template: no sheet 通报"
grep -q '文号\*' "$T/tplx/xl/sharedStrings.xml" || fail "template: 文号 not marked required"
grep -q '信息系统\*' "$T/tplx/xl/sharedStrings.xml" || fail "template: 信息系统 not marked required"
! grep -q '剩余工作日' "$T/tplx/xl/sharedStrings.xml" || fail "template: a derived column"
done_ok
