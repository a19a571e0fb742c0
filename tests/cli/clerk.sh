# clerk.sh — a clerk's week in Chinese with no file path kept and no English word to read
# (issue 15): `calendar due` prints the day as people write it (ISO only in --json);
# `notice edit --attachment` keeps the file itself as the notice's evidence file (through the act
# an upload uses, SM3 in the audit entry), never a path in a text field; a refused file writes
# neither the file nor the correction (`record KIND` saying which duty it fulfils from the kept
# obligations: tests/cli/deadlines.sh); each export exports what its list's filters select;
# `incident show` gives the engine's evidence and timeline in Chinese by default, the JSON its
# words with labels beside; incident add / event / answer say what was recorded in Chinese; the
# organisation's own default period set, applied, audited and cleared.
. "$(dirname "$0")/lib.inc"
DB=$T/clerk.db
N='示例通报〔2026〕1号'

# zh CMD… — run with no language in the environment: the default, Chinese
zh() { env -u CYBERDUTY_LANG -u LC_ALL -u LC_MESSAGES -u LANG "$@"; }

# the demo on a day of its own, so the dates below stay what they are whatever day the suite runs
expect 0 "$CD" demo --db "$DB" --profile imnu-2022 --as-of 2026-12-04

# calendar due: 2024年10月9日 in Chinese, 9 Oct 2024 in English, 2024-10-09 in JSON
expect 0 zh "$CD" calendar due 2024-09-29 3
[ "$(cat "$T/out")" = "2024年10月9日" ] || fail "calendar due in Chinese: $(cat "$T/out")"
expect 0 zh "$CD" calendar due 2024年9月29日 3 --json
jq -e '.date == "2024-10-09" and .start == "2024-09-29"' "$T/out" >/dev/null || fail "calendar due --json"
expect 0 "$CD" calendar due 2024-09-29 3
[ "$(cat "$T/out")" = "9 Oct 2024" ] || fail "calendar due in English: $(cat "$T/out")"

# notice edit --attachment: the file becomes evidence file of the notice, not a path
printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n' \
	>"$T/反馈函.pdf"
SM3=$(openssl dgst -sm3 -r "$T/反馈函.pdf" | cut -c1-64)
before=$(sqlite3 "$DB" "SELECT count(*) FROM evidence")
expect 0 zh "$CD" notice edit "$N" --attachment "$T/反馈函.pdf" --db "$DB"
has "$T/out" "已添加证明材料"
has "$T/out" "SM3 $SM3"
expect 0 "$CD" notice files "$N" --db "$DB"
has "$T/out" "反馈函.pdf"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM evidence")" = $((before + 1)) ] || fail "no evidence file kept"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM notice WHERE attachment LIKE '%反馈函%'")" = 0 ] ||
	fail "the path was kept in the notice's text field"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_entry WHERE action = 'evidence.add' AND
	json_extract(after, '$.sm3') = '$SM3' AND json_extract(after, '$.owner.kind') = 'notice'")" = 1 ] ||
	fail "the audit entry of the file lacks its SM3"
# with a correction: both in one transaction, the correction in the audit log too
expect 0 zh "$CD" notice edit "$N" --authority 自治区党委网信办 --attachment "$T/反馈函.pdf" \
	--reason 登记时抄错 --db "$DB"
has "$T/out" "已更正"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM evidence")" = $((before + 2)) ] || fail "the second file was not kept"
# an executable renamed .pdf: refused by its bytes, and the correction with it
cp /bin/true "$T/依据.pdf"
expect 2 zh "$CD" notice edit "$N" --authority 别的单位 --attachment "$T/依据.pdf" --reason 再改 --db "$DB"
has "$T/err" "文件类型不允许"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM notice WHERE authority = '别的单位'")" = 0 ] ||
	fail "a refused file left its correction written"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM evidence")" = $((before + 2)) ] || fail "a refused file was kept"
expect 2 zh "$CD" notice edit "$N" --attachment "$T/无此文件.pdf" --db "$DB"

# export: each list takes its list's filters and exports exactly what they select (the HTTP
# side, list against export for every filter: tests/http/test_exports.c)
rows() { tail -n +2 "$T/out" | wc -l; }
expect 0 zh "$CD" export assets --kind 门户网站 --cii 否 --db "$DB"
[ "$(rows)" = "$(sqlite3 "$DB" "SELECT count(*) FROM asset WHERE kind = 'portal' AND cii = 0")" ] ||
	fail "export assets --kind --cii: $(rows) rows"
expect 0 zh "$CD" export assets --level 3 --filed 是 --text 网 --db "$DB"
[ "$(rows)" = "$(sqlite3 "$DB" "SELECT count(*) FROM asset WHERE mlps_level = 3 AND
	filed_on IS NOT NULL AND (code LIKE '%网%' OR name LIKE '%网%')")" ] ||
	fail "export assets --level --filed --text: $(rows) rows"
expect 0 zh "$CD" export notices --state overdue --db "$DB"
cnt=$(rows)
expect 0 zh "$CD" notice list --state overdue --json --db "$DB"
[ "$cnt" = "$(jq ".notices | length" "$T/out")" ] || fail "export notices --state overdue: $cnt rows"
expect 0 zh "$CD" export gaps --rule role.missing --db "$DB"
cnt=$(rows)
expect 1 zh "$CD" check --json --db "$DB"
[ "$cnt" = "$(jq '[.findings[] | select(.rule == "role.missing")] | length' "$T/out")" ] ||
	fail "export gaps --rule: $cnt rows"
expect 2 zh "$CD" export notices --kind portal --db "$DB"
has "$T/err" "--kind 不是notices列表的筛选条件"
expect 2 zh "$CD" export assets --kind 网站 --db "$DB"
has "$T/err" "--kind"
expect 2 zh "$CD" export deadlines --unit NOPE --db "$DB"
expect 2 zh "$CD" export gaps --rule nope --db "$DB"

# incident show: the engine's evidence in Chinese by default — each fact by its label and its
# value's, how it was found in words a clerk reads; English with --lang en; the JSON keeps the
# engine's words with the labels beside them
I='示例事件〔2026〕1号'
expect 0 zh "$CD" incident show "$I" --db "$DB"
has "$T/out" "受到网络攻击：是（事件分类 网络攻击事件 属于网络攻击）"
has "$T/out" "封锁、瞒报事件：是（人工记录）"
has "$T/out" "依据：封锁、瞒报事件：是（人工记录）"
has "$T/out" "资产类型：新闻网站（系统台账）"
has "$T/out" "及时报告：否（报告时限 2026年8月6日 12:00，于 2026年8月6日 17:00 报告）"
lacks "$T/out" "(recorded)"
lacks "$T/out" "the register"
lacks "$T/out" "concealed = true"
expect 0 zh "$CD" incident show '示例事件〔2026〕5号' --db "$DB"
has "$T/out" "瘫痪时长（小时）：6（中断 2026年12月2日 10:00 至 2026年12月2日 16:00）"
expect 0 zh "$CD" incident show "$I" --db "$DB" --lang en
has "$T/out" "concealed = true (recorded)"
has "$T/out" "attacked = true (class network_attack (网络攻击事件) is an attack)"
expect 0 zh "$CD" incident show "$I" --db "$DB" --json
jq -e '.facts.attacked.why == "class network_attack (网络攻击事件) is an attack" and
	.facts.attacked.why_label == "事件分类 网络攻击事件 属于网络攻击" and
	([.triggers[] | select(.state == "fired")][0] | .evidence == ["concealed = true (recorded)"] and
	 .evidence_labels == ["封锁、瞒报事件：是（人工记录）"])' "$T/out" >/dev/null ||
	fail "incident show --json: the engine's words and the labels beside them"
# the recommendation (a document in Chinese) names the facts by their labels
expect 0 zh "$CD" accountability show "$I" --db "$DB"
lacks "$T/out" "concealed = true"

# incident add and event in Chinese: what was recorded, in words (no "recorded")
expect 0 zh "$CD" incident add 测试事件〔2026〕9号 --asset WWW --detected '2026-12-03 09:00' \
	--class network_attack --reporter other --db "$DB"
has "$T/out" "已登记（发现时间 2026年12月3日 09:00，涉及 1 个系统）"
expect 0 zh "$CD" incident event 测试事件〔2026〕9号 --fact 被攻击篡改=是 --note 首页 --db "$DB"
has "$T/out" "已记录事实"
lacks "$T/out" "recorded"
expect 0 zh "$CD" accountability answer 测试事件〔2026〕9号 concealed=否 --note 按时 --db "$DB"
has "$T/out" "已记录答复：封锁、瞒报事件：否（按时）"

# the organisation's own default period (item 9) from the command line: audited, it applies to
# a notice that states no deadline and the answer says so; a notice's own deadline still wins
expect 0 zh "$CD" notice default 5 --db "$DB"
has "$T/out" "适用本单位默认的 5 个工作日"
expect 0 zh "$CD" notice add --code '内网信通〔2026〕91号' --authority 自治区党委网信办 --asset WWW \
	--received '2026年12月3日 9:30' --db "$DB"
has "$T/out" "整改期限：2026年12月10日 24:00（本单位默认整改时限：收到后 5 个工作日）"
expect 0 zh "$CD" notice show '内网信通〔2026〕91号' --json --db "$DB"
jq -e '.due == "2026-12-10" and .due_basis == "organisation"' "$T/out" >/dev/null || fail "default period"
expect 0 zh "$CD" notice add --code '内网信通〔2026〕92号' --authority 自治区党委网信办 --asset WWW \
	--received '2026年12月3日 9:30' --due 2026-12-31 --db "$DB"
expect 0 zh "$CD" notice show '内网信通〔2026〕92号' --json --db "$DB"
jq -e '.due == "2026-12-31" and .due_basis != "organisation"' "$T/out" >/dev/null || fail "the notice's own deadline"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_entry WHERE action = 'settings.notice_default' AND
	json_extract(after, '$.notice_default_workdays') = 5")" = 1 ] || fail "the setting is not audited"
expect 0 zh "$CD" notice default none --db "$DB"
has "$T/out" "未设定默认值"

done_ok
