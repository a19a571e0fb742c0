# i18n.sh — the command line in Chinese and in English: the language from --lang, then
# CYBERDUTY_LANG, then LC_ALL / LC_MESSAGES / LANG (a locale starting with "en" is English,
# anything else — C and POSIX too — Chinese); an error, a list and a detail view in each; an open
# question answered 是 and 不确定; a time printed and read as people write it (2026年11月3日 9:30).
# lib.inc asks for English (CYBERDUTY_LANG=en); zh() runs a command with no language set at all.
. "$(dirname "$0")/lib.inc"
DB=$T/demo.db
I='示例事件〔2026〕1号'

# zh CMD… — run with no language in the environment: the default, Chinese
zh() { env -u CYBERDUTY_LANG -u LC_ALL -u LC_MESSAGES -u LANG "$@"; }

expect 0 "$CD" demo --db "$DB" --as-of 2026-12-03

# an error in each language, the same exit status
expect 2 zh "$CD" notice show NOPE --db "$DB"
has "$T/err" "cyberduty: 未找到通报 NOPE（见 \`cyberduty notice list\`）"
expect 2 "$CD" notice show NOPE --db "$DB"
has "$T/err" "cyberduty: no notice NOPE (see \`cyberduty notice list\`)"
expect 2 zh "$CD" frob
has "$T/err" "cyberduty: 未知命令“frob”（见 \`cyberduty help\`）"
expect 2 zh "$CD" notice list --db "$DB" --bogus
has "$T/err" "cyberduty: 未知选项“--bogus”"
has "$T/err" "用法：cyberduty notice list"

# who decides: --lang, then CYBERDUTY_LANG, then LC_ALL, LC_MESSAGES, LANG
expect 2 zh "$CD" --lang en frob
has "$T/err" 'unknown command "frob"'
expect 2 zh "$CD" frob --lang=en
has "$T/err" 'unknown command "frob"'
expect 2 env CYBERDUTY_LANG=en "$CD" frob --lang zh
has "$T/err" "未知命令“frob”"
expect 2 env -u CYBERDUTY_LANG LANG=en_US.UTF-8 "$CD" frob
has "$T/err" 'unknown command "frob"'
expect 2 env -u CYBERDUTY_LANG LANG=en_US.UTF-8 LC_ALL=zh_CN.UTF-8 "$CD" frob
has "$T/err" "未知命令“frob”"
expect 2 env -u CYBERDUTY_LANG -u LC_ALL LANG=zh_CN.UTF-8 LC_MESSAGES=en_GB "$CD" frob
has "$T/err" 'unknown command "frob"'
for loc in C POSIX C.UTF-8 ""; do
	expect 2 env -u CYBERDUTY_LANG -u LC_ALL -u LC_MESSAGES LANG="$loc" "$CD" frob
	has "$T/err" "未知命令“frob”"
done
expect 2 env CYBERDUTY_LANG=en_US "$CD" frob
has "$T/err" 'unknown command "frob"'
expect 2 zh env CYBERDUTY_LANG=fr "$CD" frob
has "$T/err" "cyberduty: CYBERDUTY_LANG: 未知语言“fr”（请用 zh 或 en）"
expect 2 zh env CYBERDUTY_LANG=fr LANG=en_US.UTF-8 "$CD" frob
has "$T/err" 'cyberduty: CYBERDUTY_LANG: unknown language "fr" (use zh or en)'
expect 2 zh "$CD" --lang fr notice list --db "$DB"
has "$T/err" "cyberduty: 未知语言“fr”（请用 zh 或 en）"

# a list in each language: the states by their Chinese labels, columns lined up
expect 0 zh "$CD" notice list --db "$DB" --as-of 2026-12-03
has "$T/out" "文号                     收到时间             阶段           整改期限       状态         涉及系统"
has "$T/out" "示例通报〔2026〕1号      2026年9月19日 09:30  已核查         2026年9月29日  按时完成     WWW"
has "$T/out" "已逾期"
expect 0 "$CD" notice list --db "$DB" --as-of 2026-12-03
has "$T/out" "notice                   received             stage          due            state        assets"
has "$T/out" "示例通报〔2026〕1号      19 Sep 2026 09:30    verified       29 Sep 2026    done_on_time WWW"
lacks "$T/out" "已逾期"
expect 0 zh "$CD" incident list --db "$DB" --as-of 2026-12-03
has "$T/out" "事件编号             发现时间             级别                 报告         处置     总结"
has "$T/out" "较大 已确认"
has "$T/out" "已作出决定"
expect 0 "$CD" incident list --db "$DB" --as-of 2026-12-03
has "$T/out" "较大 confirmed"
has "$T/out" "decided"
expect 1 zh "$CD" due --db "$DB" --as-of 2026-12-03
has "$T/out" "已逾期"
has "$T/out" "项已逾期"
expect 1 "$CD" due --db "$DB" --as-of 2026-12-03
has "$T/out" "  overdue"

# the gaps, said once in the reader's language
expect 1 zh "$CD" check --db "$DB" --as-of 2026-12-03
has "$T/out" "美术学院（MSXY）：未明确网络安全员"
lacks "$T/out" "no security_officer holder"
expect 1 "$CD" check --db "$DB" --as-of 2026-12-03
has "$T/out" "美术学院 (MSXY): 未明确网络安全员 — no security_officer holder"

# a time shown as people write it, and read back in that form
expect 0 zh "$CD" notice show '示例通报〔2026〕3号' --db "$DB"
has "$T/out" "  收到：    2026年11月21日 15:00"
expect 0 "$CD" notice show '示例通报〔2026〕3号' --db "$DB"
has "$T/out" "  received: 21 Nov 2026 15:00"
expect 0 zh "$CD" notice add --code '内网信通〔2026〕78号' --authority 自治区网信办 --asset WWW \
	--received '2026年11月3日 9:30' --db "$DB"
has "$T/out" "已登记通报 内网信通〔2026〕78号（2026年11月3日 09:30 收到，来自 自治区网信办）"
expect 0 "$CD" notice show '内网信通〔2026〕78号' --db "$DB" --json
jq -e '.received_at == "2026-11-03T09:30:00+08:00"' "$T/out" >/dev/null || fail "received_at"
expect 0 zh "$CD" notice extend '内网信通〔2026〕78号' --to '2026年12月31日' --reason 厂商补丁未发布 \
	--by 自治区网信办 --db "$DB"
expect 0 "$CD" notice show '内网信通〔2026〕78号' --db "$DB" --json
jq -e '.due == "2026-12-31"' "$T/out" >/dev/null || fail "due from 2026年12月31日"

# an open question answered 是, then 不确定 by the fact's Chinese name; the facts in the engine's words
expect 0 zh "$CD" accountability answer "$I" tampered=是 --note 现场核实 --db "$DB"
has "$T/out" "已记录答复"
has "$T/out" "待认定"
expect 0 "$CD" incident show "$I" --db "$DB" --json
jq -e '.facts.tampered.value == true' "$T/out" >/dev/null || fail "tampered=是 is not true"
expect 0 zh "$CD" accountability answer "$I" 被攻击篡改=不确定 --note 待技术部门复核 --db "$DB"
expect 0 "$CD" incident show "$I" --db "$DB" --json
jq -e '.facts.tampered.value == null' "$T/out" >/dev/null || fail "tampered=不确定 is not unknown"
expect 0 zh "$CD" accountability answer "$I" tampered=否 --note 经核查未被篡改 --db "$DB"
expect 0 "$CD" incident show "$I" --db "$DB" --json
jq -e '.facts.tampered.value == false' "$T/out" >/dev/null || fail "tampered=否 is not false"
expect 2 zh "$CD" accountability answer "$I" tampered=也许 --note 说不准 --db "$DB"
has "$T/err" "tampered: “也许”应为 是、否 或 不确定（true、false、unknown）"
expect 2 "$CD" accountability answer "$I" tampered=也许 --note 说不准 --db "$DB"
has "$T/err" "tampered: \"也许\" is not true or false"
# the open questions name their facts in Chinese (the engine's name beside it)
expect 0 zh "$CD" accountability answer "$I" harmful_info_spread_wide=不确定 --note 待查 --db "$DB"
has "$T/out" "需回答：工作机制不健全（mechanism_unsound）"

# help in each language
expect 0 zh "$CD" help
has "$T/out" "按政策配置为单位创建数据库"
expect 0 "$CD" help
has "$T/out" "create a database for an organisation living by a policy profile"

done_ok
