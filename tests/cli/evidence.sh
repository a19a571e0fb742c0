# evidence.sh — evidence files on the command line: a tiny real PDF attached to a notice (its
# SM3 the one openssl computes, in the audit entry), an executable renamed .pdf refused by its
# bytes with nothing kept, files of an incident and a record, listing, getting a file back byte
# for byte (never over an existing file), a withdrawal with its reason (the bytes stay), the
# size setting, and bad input answered with exit 2.
. "$(dirname "$0")/lib.inc"
DB=$T/ev.db
N='示例通报〔2026〕1号'

expect 0 "$CD" demo --db "$DB" --profile imnu-2022

# a tiny real PDF: one empty page
printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n' \
	>"$T/整改报告.pdf"
SM3=$(openssl dgst -sm3 -r "$T/整改报告.pdf" | cut -c1-64)

expect 0 "$CD" notice attach "$N" "$T/整改报告.pdf" --db "$DB"
has "$T/out" "整改报告.pdf attached as file 1 (application/pdf"
has "$T/out" "SM3 $SM3"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_entry WHERE action = 'evidence.add' AND
	json_extract(after, '$.sm3') = '$SM3' AND json_extract(after, '$.owner.kind') = 'notice'")" = 1 ] ||
	fail "the audit entry lacks the SM3 digest"

# an executable renamed .pdf: refused by its bytes, nothing kept
cp /bin/true "$T/报告.pdf"
expect 2 "$CD" notice attach "$N" "$T/报告.pdf" --db "$DB"
has "$T/err" "文件类型不允许"
has "$T/err" "可执行程序"
expect 2 "$CD" notice attach "$N" "$T/整改报告.pdf" --name 'a
b' --db "$DB"
has "$T/err" "--name"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM evidence")" = 1 ] || fail "a refused file was kept"

# an incident's and a record's files; the same bytes twice are kept once
expect 0 "$CD" incident attach '示例事件〔2026〕1号' "$T/整改报告.pdf" --name 现场报告.pdf --db "$DB" --json
jq -e '.owner.kind == "incident" and .name == "现场报告.pdf" and .sm3 == "'"$SM3"'"' "$T/out" >/dev/null ||
	fail "incident attach --json"
printf '签到：张三、李四\n' >"$T/签到.txt"
expect 0 "$CD" record attach 1 "$T/签到.txt" --db "$DB"
has "$T/out" "text/plain"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM evidence_blob")" = 2 ] || fail "the same bytes were kept twice"
expect 2 "$CD" record attach x "$T/签到.txt" --db "$DB"
expect 2 "$CD" notice attach 'no such notice' "$T/签到.txt" --db "$DB"
has "$T/err" "no notice"
expect 2 "$CD" notice attach "$N" "$T/missing.pdf" --db "$DB"

# lists
expect 0 "$CD" notice files "$N" --db "$DB"
has "$T/out" "整改报告.pdf"
has "$T/out" "PDF"
expect 0 "$CD" file list record 1 --db "$DB" --json
jq -e 'length == 1 and .[0].name == "签到.txt"' "$T/out" >/dev/null || fail "file list record"
expect 0 "$CD" incident files '示例事件〔2026〕1号' --db "$DB" --json
jq -e 'length == 1' "$T/out" >/dev/null || fail "incident files"

# back out byte for byte; never over an existing file
expect 0 "$CD" file get 1 --output "$T/back.pdf" --db "$DB"
cmp "$T/back.pdf" "$T/整改报告.pdf" || fail "the file came back changed"
expect 2 "$CD" file get 1 --output "$T/back.pdf" --db "$DB"
has "$T/err" "exists already"
expect 2 "$CD" file get 99 --db "$DB"
has "$T/err" "no file 99"

# a file attached by mistake is withdrawn with its reason; its bytes stay
expect 2 "$CD" file withdraw 1 --db "$DB"
has "$T/err" "--reason"
expect 0 "$CD" file withdraw 1 --reason 传错了版本 --db "$DB"
has "$T/out" "withdrawn: 传错了版本"
expect 2 "$CD" file withdraw 1 --reason 再撤一次 --db "$DB"
has "$T/err" "withdrawn already"
expect 0 "$CD" notice files "$N" --db "$DB"
has "$T/out" "(withdrawn)"
expect 0 "$CD" file get 1 --db "$DB"
cmp "$T/out" "$T/整改报告.pdf" || fail "a withdrawn file's bytes are gone"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_entry WHERE action = 'evidence.withdraw' AND
	json_extract(after, '$.reason') = '传错了版本'")" = 1 ] || fail "the withdrawal is not audited"
! sqlite3 "$DB" "UPDATE evidence SET withdraw_reason = 'x' WHERE id = 1" 2>/dev/null ||
	fail "a withdrawal was changed"

# the size limit is a setting
expect 0 "$CD" settings evidence_max_mb 1 --db "$DB"
head -c 1100000 /dev/zero | tr '\0' a >"$T/big.txt"
expect 2 "$CD" record attach 1 "$T/big.txt" --db "$DB"
has "$T/err" "文件过大"
expect 2 "$CD" settings evidence_max_mb 101 --db "$DB"

# the kept bytes are never changed, the attachments never deleted
! sqlite3 "$DB" "UPDATE evidence_blob SET size = 1" 2>/dev/null || fail "the bytes were changed"
! sqlite3 "$DB" "DELETE FROM evidence" 2>/dev/null || fail "an attachment was deleted"
expect 0 "$CD" audit verify --db "$DB"
done_ok
