# words.sh — what a person reads, in Chinese by default and in English when asked (issue 15
# item 7, issue 16 item 9): the audit log's actions and outcomes by their labels (one table,
# audit/audit_action.c, also the API's action_label).
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

done_ok
