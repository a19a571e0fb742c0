# documents.sh — the documents the office signs (`cyberduty report`, docs/documents.md) made from
# the demo and read back as a person's tools read them: each PDF's words in order with the
# figures the database holds (pdftotext), its fonts embedded (pdffonts), A4 with the margins,
# block and page numbers of GB/T 9704-2012 measured from the words' boxes (pdftotext -bbox); each
# Word file opened by python3-docx with its styles, text and page; the ledger's workbook read back
# cell by cell (python3-openpyxl); the official head measured from the first page's pixels (the
# red mark and rule, the number's line); an audit entry per document; bad input refused with
# exit 2.
. "$(dirname "$0")/lib.inc"
DB=$T/doc.db
R="/usr/bin/python3 $SRC/tests/docs/docread.py"
N='示例通报〔2026〕1号'
I='示例事件〔2026〕1号'

expect 0 "$CD" demo --db "$DB" --profile imnu-2022
q() { sqlite3 "$DB" "$1"; }
Y=$(q "SELECT substr(min(received_at), 1, 4) FROM notice")
ASSETS=$(q "SELECT count(*) FROM asset")
LIVE=$(q "SELECT count(*) FROM asset WHERE status = 'live'")
UNITS=$(q "SELECT count(*) FROM unit WHERE kind <> 'external_authority'")
NOTICES=$(q "SELECT count(*) FROM notice WHERE substr(received_at, 1, 4) = '$Y'")
INCIDENTS=$(q "SELECT count(*) FROM incident WHERE substr(detected_at, 1, 4) = '$Y'")
FIRST=$(q "SELECT p.name FROM duty d JOIN person p ON p.id = d.person_id
	WHERE d.unit_id = 1 AND d.role = 'first_responsible' AND d.valid_to IS NULL")

# --- the annual report ------------------------------------------------------------------------------
for f in pdf docx; do
	expect 0 "$CD" report annual --year "$Y" --docno "内师党〔$Y〕7号" --format $f \
		-o "$T/annual.$f" --db "$DB"
	has "$T/out" "$T/annual.$f"
	expect 0 $R text "$T/annual.$f" 中共内蒙古师范大学委员会文件 "内师党〔$Y〕7号" "签发人：$FIRST" \
		"中共内蒙古师范大学委员会关于${Y}年度网络安全工作情况的报告" 上级网络安全和信息化委员会： \
		一、基本情况 "纳入网络安全责任制管理的单位${UNITS}个" "登记信息系统和网络资产${ASSETS}个" \
		"其中运行中${LIVE}个" 表1 "合计${ASSETS}${LIVE}" 表2 二、责任制落实情况 三、通报整改情况 \
		"全年接收网络安全通报${NOTICES}份" 表4 四、网络安全事件处置情况 \
		"全年发生网络安全事件${INCIDENTS}起" 五、日常工作开展情况 六、经费保障情况 \
		七、存在的问题和下一步工作 特此报告。 中共内蒙古师范大学委员会 "年"
done
expect 0 $R text "$T/annual.pdf" 表1 图1 各等级系统数量 表3 图2 各月接收通报数量
# the year's assessment (检查考核) in the daily work: the units with a sheet, those approved
AU=$(q "SELECT count(DISTINCT unit_id) FROM assessment WHERE year = $Y")
AP=$(q "SELECT count(*) FROM assessment a WHERE year = $Y AND stage = 'approved' AND version =
	(SELECT max(version) FROM assessment b WHERE b.unit_id = a.unit_id AND b.year = a.year)")
[ "$AU" -gt 0 ] || fail "the demo has no assessment of $Y"
for f in pdf docx; do
	expect 0 $R text "$T/annual.$f" 五、日常工作开展情况 \
		"对${AU}个单位开展${Y}年度网络安全工作责任制考核，其中已审定${AP}个。" 六、经费保障情况
done
expect 0 $R layout "$T/annual.pdf"
# a report to the superior is a 上行文: the number flush left, 签发人 flush right
expect 0 $R head "$T/annual.pdf" up "内师党〔$Y〕7号"
expect 0 $R fonts "$T/annual.pdf" FandolFang NotoSerifCJKsc-Bold NotoSansCJKsc
pdfinfo "$T/annual.pdf" >"$T/info"
has "$T/info" "Page size:       595.276 x 841.89 pts (A4)"
has "$T/info" "Title:           中共内蒙古师范大学委员会关于${Y}年度网络安全工作情况的报告"
has "$T/info" "仿宋_GB2312→FandolFang (texlive-lang-chinese)"
has "$T/info" "方正小标宋简体→Noto Serif CJK SC Bold (fonts-noto-cjk)"
expect 0 $R page "$T/annual.docx"
expect 0 $R styles "$T/annual.docx" "Masthead:中共内蒙古师范大学委员会文件" \
	"Document Number:内师党〔$Y〕7号" "Document Number:签发人：$FIRST" "Title:年度网络安全工作情况的报告" \
	"Addressee:上级网络安全和信息化委员会" "Heading 1:一、基本情况" \
	"Heading 1:七、存在的问题和下一步工作" "Normal:特此报告。" "Caption:表1" "Caption:图2" \
	"Signature:中共内蒙古师范大学委员会" "Date:年"
# the 签发人's name in 楷体 (GB/T 9704-2012 §7.2.5)
expect 0 $R font "$T/annual.docx" "$FIRST" 楷体
expect 0 $R cells "$T/annual.docx" 1 1 资产类型 1 2 数量 9 1 合计 9 2 "$ASSETS" 9 3 "$LIVE"
unzip -l "$T/annual.docx" >"$T/zip"
has "$T/zip" word/media/chart1.png
has "$T/zip" word/media/chart2.png

# --- the feedback form of a notice ------------------------------------------------------------------
for f in pdf docx; do
	expect 0 "$CD" report feedback "$N" --format $f -o "$T/feedback.$f" --db "$DB"
	expect 0 $R text "$T/feedback.$f" "关于${N}通报问题整改情况的反馈" 上级网信部门： 通报文号 "$N" \
		通报单位 上级网信部门 整改期限 一、通报指出的问题 二、整改措施和结果 整改完成 \
		三、举一反三排查情况 党委宣传部
done
expect 0 $R layout "$T/feedback.pdf"
expect 0 $R fonts "$T/feedback.pdf" FandolFang NotoSerifCJKsc-Bold NotoSansCJKsc
expect 0 $R styles "$T/feedback.docx" "Title:${N}" "Heading 1:一、通报指出的问题" \
	"Signature:党委宣传部" "Date:年"
expect 0 $R cells "$T/feedback.docx" 2 1 通报文号 2 2 "$N" 3 2 上级网信部门

# --- the accountability recommendation --------------------------------------------------------------
for f in pdf docx; do
	expect 0 "$CD" report recommendation "$I" --docno "网办〔$Y〕12号" --format $f \
		-o "$T/rec.$f" --db "$DB"
	expect 0 $R text "$T/rec.$f" 中共内蒙古师范大学委员会网信委办公室 "网办〔$Y〕12号" 问责建议 \
		中共内蒙古师范大学委员会： "编号$I" 一、事件基本情况 二、责任认定 （一） \
		三、责任链（逐级倒查） 表1 四、问责建议 中共内蒙古师范大学委员会网信委办公室
	# signed on the recommendation's day: the decisions of a week later are not in it
	expect 0 $R absent "$T/rec.$f" 处理决定 表2
done
expect 0 $R layout "$T/rec.pdf"
expect 0 $R head "$T/rec.pdf" down "网办〔$Y〕12号"
expect 0 $R fonts "$T/rec.pdf" FandolFang FandolKai NotoSerifCJKsc-Bold NotoSansCJKsc
expect 0 $R styles "$T/rec.docx" "Heading 2:（一）" "Heading 1:三、责任链（逐级倒查）"

# --- the responsibility list ------------------------------------------------------------------------
for f in pdf docx; do
	expect 0 "$CD" report duties --format $f -o "$T/duties.$f" --db "$DB"
	expect 0 $R text "$T/duties.$f" 中共内蒙古师范大学委员会网络安全工作责任清单 \
		"共${UNITS}个单位" 一、各单位责任人 表1 序号 第一责任人 "$FIRST" \
		二、责任缺口
done
expect 0 $R layout "$T/duties.pdf"
expect 0 $R cells "$T/duties.docx" 1 2 单位 2 1 1 2 2 中共内蒙古师范大学委员会

# --- the ledger: PDF, Word and a workbook -----------------------------------------------------------
FIRSTA=$(q "SELECT code FROM asset ORDER BY id LIMIT 1")
FIRSTN=$(q "SELECT name FROM asset ORDER BY id LIMIT 1")
LASTA=$(q "SELECT code FROM asset ORDER BY id DESC LIMIT 1")
for f in pdf docx; do
	expect 0 "$CD" report ledger --format $f -o "$T/ledger.$f" --db "$DB"
	expect 0 $R text "$T/ledger.$f" 网络安全资产台账 序号 编码 名称 "1${FIRSTA}${FIRSTN}" \
		"共计${ASSETS}个。"
done
expect 0 $R cells "$T/ledger.docx" 1 1 序号 2 2 "$FIRSTA" $((ASSETS + 1)) 1 "$ASSETS" \
	$((ASSETS + 1)) 2 "$LASTA"
expect 0 $R layout "$T/ledger.pdf"
expect 0 "$CD" report ledger -o "$T/ledger.xlsx" --db "$DB"
expect 0 $R rows "$T/ledger.xlsx" $((ASSETS + 1))
expect 0 $R printable "$T/ledger.xlsx"
expect 0 $R cells "$T/ledger.xlsx" 1 1 资产编码 1 2 名称 2 1 "$FIRSTA" 2 2 "$FIRSTN" \
	$((ASSETS + 1)) 1 "$LASTA"
expect 0 $R ledger "$T/ledger.xlsx" "$DB"
# the ledger of a filtered list, by the asset list's filters as the API's ledger takes them
# (svc_asset_filters): each workbook holds exactly the systems the database selects so
lf() { # lf SQL-WHERE OPTION…: the ledger with those options has the rows the WHERE selects
	w=$1
	shift
	expect 0 "$CD" report ledger "$@" -o "$T/lf.xlsx" --db "$DB"
	n=$(q "SELECT count(*) FROM asset WHERE $w")
	[ "$n" -gt 0 ] || fail "no system where $w: the filter is not tested"
	expect 0 $R rows "$T/lf.xlsx" $((n + 1))
	/usr/bin/python3 -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
print(sorted(r[0] for r in ws.iter_rows(min_row=2, values_only=True)))" "$T/lf.xlsx" >"$T/got"
	/usr/bin/python3 -c "import sys; print(sorted(sys.argv[1].split()))" \
		"$(q "SELECT code FROM asset WHERE $w")" >"$T/want"
	cmp -s "$T/got" "$T/want" || fail "ledger $*: not the systems where $w"
}
lf "kind = 'portal'" --kind portal
lf "kind = 'info_system' AND mlps_level = 2" --kind 信息系统 --level 2
lf "status = 'live' AND cii = 0" --status live --cii false
lf "mlps_level = 0" --level 0
lf "filed_on IS NULL AND status = 'retired'" --filed false --status 下线
lf "assess_result = 'pass'" --assess-result pass
lf "instr(code, 'XT') > 0 OR instr(name, 'XT') > 0" --text XT
# a unit's subtree: the systems any of whose four units (builder, user, manager, operator) is in it
lf "id IN (WITH RECURSIVE fl(id) AS (SELECT id FROM unit WHERE code = 'DWXCB' UNION SELECT u.id
	FROM unit u JOIN fl ON u.parent_id = fl.id) SELECT a.id FROM asset a WHERE a.builder_unit IN fl
	OR a.user_unit IN fl OR a.manager_unit IN fl OR a.operator_unit IN fl)" --unit DWXCB
# a bad filter is refused naming its option; a filter of another document is refused
expect 2 "$CD" report ledger --kind nope -o "$T/x.pdf" --db "$DB"
has "$T/err" "--kind"
expect 2 "$CD" report ledger --level 6 -o "$T/x.pdf" --db "$DB"
has "$T/err" "--level"
expect 2 "$CD" report ledger --unit NOPE -o "$T/x.pdf" --db "$DB"
has "$T/err" "--unit"
expect 2 "$CD" report ledger --cii maybe -o "$T/x.pdf" --db "$DB"
has "$T/err" "--cii"
expect 2 "$CD" report duties --kind portal -o "$T/x.pdf" --db "$DB"
has "$T/err" "for the ledger only"

# --- the assessment results: the year's (ranking, each unit's sheet) and one unit's ---------------
AY=$(q "SELECT max(year) FROM assessment")
expect 0 "$CD" assess ranking "$AY" --json --db "$DB"
# the ranking as `assess ranking` reads it: the units in order, the first's total, how many
rk() { /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['ranking']; print($1)" "$T/out"; }
NA=$(rk 'len(r)')
U1=$(rk "r[0]['unit']['name']")
U2=$(rk "r[1]['unit']['name']")
T1=$(rk "r[0]['total']")
G1=$(rk "r[0]['grade_label']")
UC=$(rk "r[0]['unit']['code']")
SID=$(rk "r[0]['id']")
expect 0 "$CD" assess show "$SID" --json --db "$DB"
ind() { /usr/bin/python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print([i for g in j['groups'] for i in g['indicators']]$1)" "$T/out"; }
I1=$(ind "[0]['name']")
I2=$(ind "[1]['name']")
IL=$(ind "[-1]['name']")
NI=$(ind ".__len__()")
for f in pdf docx; do
	expect 0 "$CD" report assessment --year "$AY" --docno "网办〔$AY〕3号" --format $f \
		-o "$T/assess.$f" --db "$DB"
	expect 0 $R text "$T/assess.$f" 中共内蒙古师范大学委员会网信委办公室 "网办〔$AY〕3号" \
		"关于${AY}年度网络安全工作责任制考核结果的报告" 干部主管部门： 一、考核总体情况 \
		"参加考核的单位${NA}个" 图1 二、考核排名 表1 名次 单位 得分 等级 上年得分 增减 \
		"1${U1}${T1}${G1}" "$U2" 三、各单位考核结果 "（一）${U1}" "${U1}${AY}年度考核得分" 表2 \
		合计 表3 环节 意见 "（二）${U2}" 中共内蒙古师范大学委员会网信委办公室 年
	expect 0 "$CD" report assessment --year "$AY" --unit "$UC" --format $f -o "$T/assess1.$f" \
		--db "$DB"
	expect 0 $R text "$T/assess1.$f" "${U1}${AY}年度网络安全工作责任制考核结果" \
		一、考核得分和等级 "${U1}${AY}年度考核得分" 表1 类别 指标 权重V 系数P 得分 取值 \
		证明材料 合计 表2 环节 经办 日期 意见 自评提交 复评 \
		中共内蒙古师范大学委员会网信委办公室
done
# the indicators by name, in order (in the PDF a long name wraps inside its cell)
expect 0 $R text "$T/assess.docx" "（一）${U1}" "$I1" "$I2" "$IL" 合计 "（二）${U2}" "$I1"
expect 0 $R text "$T/assess1.docx" "$I1" "$I2" "$IL" 合计
expect 0 $R layout "$T/assess.pdf"
expect 0 $R head "$T/assess.pdf" down "网办〔$AY〕3号"
expect 0 $R layout "$T/assess1.pdf"
expect 0 $R fonts "$T/assess.pdf" FandolFang FandolKai NotoSerifCJKsc-Bold NotoSansCJKsc
expect 0 $R page "$T/assess.docx"
expect 0 $R styles "$T/assess.docx" "Masthead:网信委办公室" "Document Number:网办〔$AY〕3号" \
	"Title:考核结果的报告" "Addressee:干部主管部门" "Heading 1:一、考核总体情况" \
	"Heading 1:二、考核排名" "Caption:表1" "Heading 2:（一）${U1}" "Heading 2:（二）${U2}" \
	"Signature:网信委办公室" "Date:年"
expect 0 $R cells "$T/assess.docx" 1 1 名次 1 2 单位 2 1 1 2 2 "$U1" 2 3 "$T1" 2 4 "$G1" \
	3 2 "$U2"
expect 0 $R cells "$T/assess1.docx" 1 2 指标 2 2 "$I1" $((NI + 2)) 1 合计

# --- every signed document: never a page of the signature alone ---------------------------------------
# (the PDFs: `layout` above refuses a page of the signature and date alone; Word: the block before
# them and the blank lines keep with them)
for f in annual feedback rec duties assess assess1; do
	expect 0 $R kept "$T/$f.docx"
done
# the workbooks: the results list for the cadre department, and one unit's indicators
expect 0 "$CD" report assessment --year "$AY" -o "$T/assess.xlsx" --db "$DB"
expect 0 $R rows "$T/assess.xlsx" $((NA + 1))
expect 0 $R printable "$T/assess.xlsx"
expect 0 $R cells "$T/assess.xlsx" 1 1 名次 1 3 单位名称 1 7 得分 1 12 增减 2 1 1 2 2 "$UC" \
	2 3 "$U1" 2 7 "$T1" 2 8 "$G1" 3 3 "$U2"
# every cell of every row as the ranking has it
expect 0 "$CD" assess ranking "$AY" --json --db "$DB"
cp "$T/out" "$T/ranking.json"
expect 0 $R ranking "$T/assess.xlsx" "$T/ranking.json"
expect 0 "$CD" report assessment --year "$AY" --unit "$UC" --format xlsx -o "$T/assess1.xlsx" \
	--db "$DB"
expect 0 $R rows "$T/assess1.xlsx" $((NI + 2))
expect 0 $R cells "$T/assess1.xlsx" 1 1 类别 1 3 指标 1 6 得分 2 3 "$I1" $((NI + 1)) 3 "$IL" \
	$((NI + 2)) 1 合计 $((NI + 2)) 3 "考核等级：$G1"
[ "$(q "SELECT count(*) FROM audit_entry WHERE action = 'report.assessment' AND object =
	'assessment:$SID' AND json_extract(after, '$.unit') = '$UC'")" = 3 ] ||
	fail "one unit's results are audited on its sheet"
[ "$(q "SELECT count(*) FROM audit_entry WHERE action = 'report.assessment' AND object =
	'report:assessment' AND json_extract(after, '$.year') = $AY")" = 3 ] ||
	fail "the year's results are audited"
expect 2 "$CD" report assessment --year "$AY" --unit NOPE -o "$T/x.pdf" --db "$DB"
has "$T/err" "unit"
expect 2 "$CD" report assessment --year 2001 --unit "$UC" -o "$T/x.pdf" --db "$DB"
has "$T/err" "has no assessment of 2001"
expect 2 "$CD" report annual --unit "$UC" -o "$T/x.pdf" --db "$DB"
has "$T/err" "for the ledger only (and --unit for the assessment results)"
expect 2 "$CD" report assessment --year 1999 -o "$T/x.pdf" --db "$DB"

# --- an audit entry per document ------------------------------------------------------------------
[ "$(q "SELECT count(*) FROM audit_entry WHERE action LIKE 'report.%'")" = 25 ] ||
	fail "want 25 report.* audit entries, have $(q "SELECT count(*) FROM audit_entry WHERE action LIKE 'report.%'")"
[ "$(q "SELECT count(*) FROM audit_entry WHERE action = 'report.feedback' AND object = 'notice:'
	|| (SELECT id FROM notice WHERE code = '$N') AND json_extract(after, '$.format') = 'docx'")" = 1 ] ||
	fail "the feedback form's audit entry names its notice and format"

# --- bad input: exit 2, nothing written -------------------------------------------------------------
expect 2 "$CD" report annual --docno "内师党〔$Y〕007号" -o "$T/x.pdf" --db "$DB"
has "$T/err" "leading zeros"
expect 2 "$CD" report annual --docno "内师党[2026]7号" -o "$T/x.pdf" --db "$DB"
has "$T/err" "〔〕"
expect 2 "$CD" report annual --format xlsx -o "$T/x.xlsx" --db "$DB"
has "$T/err" "only the ledger and the assessment results are spreadsheets"
expect 2 "$CD" report feedback 'no-such〔2026〕1号' -o "$T/x.pdf" --db "$DB"
expect 2 "$CD" report feedback -o "$T/x.pdf" --db "$DB"
expect 2 "$CD" report annual --year 1999 -o "$T/x.pdf" --db "$DB"
expect 2 "$CD" report memo -o "$T/x.pdf" --db "$DB"
[ ! -e "$T/x.pdf" ] && [ ! -e "$T/x.xlsx" ] || fail "a refused document left a file"
[ "$(q "SELECT count(*) FROM audit_entry WHERE action LIKE 'report.%'")" = 25 ] ||
	fail "a refused document was audited"
done_ok
