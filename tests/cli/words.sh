# words.sh — what a person reads, in Chinese by default and in English when asked (issue 15
# item 7, issue 16 item 9): the audit log's actions and outcomes by their labels (one table,
# audit/audit_action.c, also the API's action_label); dates and times as people write them
# (2026年12月3日, 2026年12月3日 14:05; English 3 Dec 2026) in every human output, ISO in JSON;
# the headers, grades, reasons and warnings in the reader's language.
. "$(dirname "$0")/lib.inc"
DB=$T/demo.db

# zh CMD… — run with no language in the environment: the default, Chinese
zh() { env -u CYBERDUTY_LANG -u LC_ALL -u LC_MESSAGES -u LANG "$@"; }

expect 0 "$CD" demo --db "$DB" --as-of 2026-12-03

# the audit log: each action by its label, its code beside it (what --action filters on)
expect 0 zh "$CD" audit list --action notice.create --limit 2 --db "$DB"
has "$T/out" "登记通报"
has "$T/out" "notice.create"
has "$T/out" "成功"
lacks "$T/out" " ok "
expect 0 "$CD" audit list --action notice.create --limit 2 --db "$DB"
has "$T/out" "record a notice"
has "$T/out" " ok "
expect 0 zh "$CD" audit list --action demo.create --json --db "$DB"
has "$T/out" '"action": "demo.create"'
has "$T/out" '"action_label": "生成演示数据"'
has "$T/out" '"outcome_label": "成功"'
expect 0 zh "$CD" audit actions
has "$T/out" "assessment.send_back"
has "$T/out" "考核：退回复评"
expect 0 "$CD" audit actions --json
has "$T/out" '"action_label": "assessment: sent back for review"'

# dates and times as people write them, in every list and detail view
N='示例通报〔2026〕3号'
expect 0 zh "$CD" notice show "$N" --db "$DB" --as-of 2026-12-03
has "$T/out" "通报 $N — 上级网信部门"
has "$T/out" "整改期限：2026年12月1日 24:00"
lacks "$T/out" "2026-12-01"
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2026-12-03
has "$T/out" "notice $N — "
lacks "$T/out" "通报 $N"
has "$T/out" "due: 1 Dec 2026 24:00"
expect 0 "$CD" notice show "$N" --db "$DB" --as-of 2026-12-03 --json
has "$T/out" '"due": "2026-12-01"'
expect 0 zh "$CD" notice list --db "$DB" --as-of 2026-12-03
has "$T/out" "2026年11月21日 15:00 整改中         2026年12月1日  已逾期"
I='示例事件〔2026〕5号'
expect 0 zh "$CD" incident show "$I" --db "$DB" --as-of 2026-12-03
has "$T/out" "网络安全事件 $I"
has "$T/out" "瘫痪时长：6 小时（中断 2026年12月1日 10:00 至 2026年12月1日 16:00）"
has "$T/out" "报告主体 其他网络运营者：情况不明，默认按其他网络运营者"
has "$T/out" "（整体中断）"
has "$T/out" "由 值班员 登记"
has "$T/out" "注意：报告主体类型不明"
lacks "$T/out" "reporter_type"
lacks "$T/out" "by 值班员"
lacks "$T/out" "warning:"
lacks "$T/out" "(total)"
lacks "$T/out" "draft"
expect 0 "$CD" incident show "$I" --db "$DB" --as-of 2026-12-03
has "$T/out" "incident $I"
has "$T/out" "reporter other: nothing known: the default, other"
has "$T/out" "warning: reporter type unknown"
expect 0 zh "$CD" incident list --db "$DB" --as-of 2026-12-03
has "$T/out" "2026年12月1日 10:00"
expect 1 zh "$CD" due --db "$DB" --as-of 2026-12-03
has "$T/out" "截至 2026年12月3日"
has "$T/out" "  2026年12月1日   已逾期        通报 $N 整改并反馈 — 上级网信部门"
expect 1 "$CD" due --db "$DB" --as-of 2026-12-03
has "$T/out" "  1 Dec 2026      overdue       notice $N: rectify and give feedback — 上级网信部门"
expect 1 zh "$CD" check --db "$DB" --as-of 2026-12-03
has "$T/out" "截至 2026年12月3日"
has "$T/out" "备案期限 2026年11月1日 已过"
expect 0 zh "$CD" record list --db "$DB"
has "$T/out" "   1  2026年1月15日   计划"
lacks "$T/out" "2026-01-15"
# record list pages through the records as GET /records does: each with the duty it answered,
# a withdrawn one with its reason
expect 0 "$CD" record void 2 --reason 重复登记 --db "$DB"
expect 0 zh "$CD" record list --db "$DB"
has "$T/out" "→ 年度网信工作要点（报学校党委审定）（2025）"
has "$T/out" "（已撤销：重复登记）"
expect 0 "$CD" record list --db "$DB" --json
jq -e '.records[0].answers.duty == "work_plan" and .records[1].voided.reason == "重复登记" and
	.records[1].answers == null and (.records | length) == ([.records[].id] | unique | length)' \
	"$T/out" >/dev/null || fail "record list --json"
expect 0 zh "$CD" assess list --db "$DB"
has "$T/out" "不合格 一票否决"
lacks "$T/out" "pass"
expect 0 env CYBERDUTY_LANG=en "$CD" assess list --db "$DB"
has "$T/out" "fail vetoed"
expect 0 zh "$CD" assess show 5 --db "$DB"
has "$T/out" "总分 67.5 — 不合格（一票否决）"
has "$T/out" "2026年1月13日 15:00  提交自评"
lacks "$T/out" "VETO"

# notice add --attachment FILE: the file kept as the notice's evidence file by the act the API's
# upload uses (type by its bytes, SM3 in the audit entry), in the notice's transaction; no path
printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n' \
	>"$T/通报原件.pdf"
SM3=$(openssl dgst -sm3 -r "$T/通报原件.pdf" | cut -c1-64)
expect 0 "$CD" notice add --code '内网信通〔2026〕90号' --authority 自治区网信办 --asset WWW \
	--received '2026-12-02 09:00' --attachment "$T/通报原件.pdf" --db "$DB"
has "$T/out" "通报原件.pdf (application/pdf"
has "$T/out" "SM3 $SM3"
expect 0 "$CD" notice show '内网信通〔2026〕90号' --json --db "$DB"
jq -e '.attachment == null' "$T/out" >/dev/null || fail "a path kept as the attachment"
expect 0 "$CD" notice files '内网信通〔2026〕90号' --json --db "$DB"
jq -e 'length == 1 and .[0].name == "通报原件.pdf" and .[0].sm3 == "'"$SM3"'"' "$T/out" >/dev/null ||
	fail "notice add --attachment: no evidence file"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_entry WHERE action = 'evidence.add' AND
	json_extract(after, '$.sm3') = '$SM3'")" = 1 ] || fail "the audit entry lacks the SM3 digest"
# a file refused by its bytes records no notice either
cp /bin/true "$T/通报.pdf"
expect 2 zh "$CD" notice add --code '内网信通〔2026〕91号' --authority 自治区网信办 --asset WWW \
	--received '2026-12-02 09:00' --attachment "$T/通报.pdf" --db "$DB"
has "$T/err" "文件类型不允许"
expect 2 "$CD" notice show '内网信通〔2026〕91号' --db "$DB"
expect 2 "$CD" notice add --code '内网信通〔2026〕92号' --authority 自治区网信办 --asset WWW \
	--attachment "$T/nope.pdf" --db "$DB"
has "$T/err" "cannot open it"
expect 2 "$CD" notice show '内网信通〔2026〕92号' --db "$DB"
# record KIND --attachment FILE the same: the minutes kept as the record's evidence file
expect 0 "$CD" record drill --date 2026-12-01 --title 应急演练 --unit XXZX \
	--attachment "$T/通报原件.pdf" --db "$DB"
has "$T/out" "attached as evidence file"
RID=$(sed -n 's/^record \([0-9]*\):.*/\1/p' "$T/out")
expect 0 "$CD" record files "$RID" --json --db "$DB"
jq -e 'length == 1 and .[0].owner.kind == "record"' "$T/out" >/dev/null || fail "record --attachment"
expect 0 "$CD" record list --json --db "$DB"
jq -e '[.records[] | select(.id == '"$RID"')][0].attachment == null' "$T/out" >/dev/null ||
	fail "a path kept as the record's attachment"
N0=$(sqlite3 "$DB" "SELECT count(*) FROM record")
expect 2 "$CD" record drill --date 2026-12-01 --title 应急演练 --unit XXZX \
	--attachment "$T/通报.pdf" --db "$DB"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM record")" = "$N0" ] || fail "a refused file left its record"

# the security settings' meanings, the accountability case, the evidence files' owner: Chinese
expect 0 zh "$CD" settings --db "$DB"
has "$T/out" "密码最少字符数"
! grep -E '[a-z]{3,} [a-z]{3,} [a-z]{3,}' "$T/out" || fail "English left in settings"
expect 0 zh "$CD" accountability show '示例事件〔2026〕1号' --db "$DB"
has "$T/out" "的责任追究案件——已作出决定"
has "$T/out" "责任追究提议（已保存 1 份；最新一份：2026年8月30日 10:00，领导小组办公室 提出）"
lacks "$T/out" "— decided"
expect 0 zh "$CD" notice files "$N" --db "$DB"
has "$T/out" "通报 $N：没有证明材料"

# a year's calendar: its days as people write them
expect 0 zh "$CD" calendar show 2024
has "$T/out" "  2024年2月4日   周日  上班    春节"
lacks "$T/out" "2024-02-04"

# the reminder rules read as sentences (--json as the API gives them)
expect 0 zh "$CD" notify rules --db "$DB"
has "$T/out" "到期提醒：到期前 2、1、0 个工作日"
has "$T/out" "逾期 1 个工作日提醒直接责任人，逾期 3 个工作日提醒第一责任人"
lacks "$T/out" "{"
expect 0 "$CD" notify rules --db "$DB"
has "$T/out" "ahead of a due date: 2, 1, 0 working days before"
expect 0 "$CD" notify rules --json --db "$DB"
jq -e '.leads == [2, 1, 0]' "$T/out" >/dev/null || fail "notify rules --json"

# serve on an address in use: said once, in the reader's language (not libmicrohttpd's English)
python3 -c 'import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
print(s.getsockname()[1], flush=True); time.sleep(60)' >"$T/port" &
HOLD=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P=$(cat "$T/port")
expect 2 zh "$CD" serve --listen "127.0.0.1:$P" --db "$DB"
has "$T/err" "无法在 127.0.0.1:$P 上监听（端口已占用，或不是本机地址？）"
lacks "$T/err" "Failed to bind"
kill "$HOLD"

done_ok
