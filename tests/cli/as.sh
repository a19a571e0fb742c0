# as.sh — the command line acting in an account's own name (`--as ACCOUNT`, issue 13 item 12):
# the password (and the administrators' code) checked as a sign-in is, from the environment, a
# file descriptor or nowhere (not at a terminal: refused); a wrong one refused with the one
# answer of every failure and audited; the act recorded under the account's name; the role
# refused where the API refuses it and audited; the unit scope held — a notice of another unit
# answers as one that does not exist; the sign-ins throttled per OS user as per address.
. "$(dirname "$0")/lib.inc"
DB=$T/demo.db
NO='示例通报〔2026〕3号'    # 党委宣传部 (DWXCB): the demo officer's scope
FOREIGN='示例通报〔2026〕6号' # 教务处 (JWC): outside it
sql() { sqlite3 "$DB" "$1"; }
me=cli:$(id -un)

expect 0 "$CD" demo --db "$DB"

# no password anywhere (standard input is no terminal here): refused, nothing tried
expect 2 "$CD" --as officer notice list --db "$DB" </dev/null
has "$T/err" "not at a terminal"
[ "$(sql "SELECT count(*) FROM audit_entry WHERE action = 'session.login'")" = 0 ] ||
	fail "an attempt without a password was counted"

# a wrong password and an unknown name: the same one answer, each audited as denied
CYBERDUTY_AS_PASSWORD=wrong expect 2 "$CD" --as officer notice list --db "$DB"
has "$T/err" "the name or the password is wrong"
cp "$T/err" "$T/err.wrong"
CYBERDUTY_AS_PASSWORD=wrong expect 2 "$CD" --as nobody notice list --db "$DB"
cmp -s "$T/err" "$T/err.wrong" || fail "an unknown name answers otherwise than a wrong password"
[ "$(sql "SELECT count(*) FROM audit_entry WHERE action = 'session.login' AND outcome = 'denied' AND actor = '$me'")" = 2 ] ||
	fail "the failed sign-ins are not audited"

# the officer reads in its scope only (the option anywhere on the line)
CYBERDUTY_AS_PASSWORD='Anquanyuan#2026' expect 0 "$CD" notice list --as officer --db "$DB"
has "$T/out" "$NO"
lacks "$T/out" "$FOREIGN"
expect 0 "$CD" notice list --db "$DB"
has "$T/out" "$FOREIGN"

# out of its scope: answered exactly as a notice that does not exist, nothing written
acts=$(sql "SELECT count(*) FROM audit_entry WHERE action = 'notice.rectify'")
CYBERDUTY_AS_PASSWORD='Anquanyuan#2026' expect 2 "$CD" --as officer notice rectify "$FOREIGN" --db "$DB"
sed "s/$FOREIGN/X/" "$T/err" >"$T/err.foreign"
expect 2 "$CD" notice rectify '示例通报〔2026〕99号' --db "$DB"
sed 's/示例通报〔2026〕99号/X/' "$T/err" >"$T/err.none"
cmp -s "$T/err.foreign" "$T/err.none" || { cat "$T/err.foreign" "$T/err.none"; fail "out of scope answers otherwise than unknown"; }
[ "$(sql "SELECT count(*) FROM audit_entry WHERE action = 'notice.rectify'")" = "$acts" ] || fail "the foreign notice moved"

# in its scope: done, and recorded under its name (the password from a file descriptor)
CYBERDUTY_AS_FD=3 expect 0 "$CD" --as officer notice rectify "$NO" --db "$DB" 3<<'PW'
Anquanyuan#2026
PW
has "$T/out" "now rectified"
[ "$(sql "SELECT actor FROM audit_entry WHERE action = 'notice.rectify' ORDER BY seq DESC LIMIT 1")" = officer ] ||
	fail "the act is not recorded under the account's name"
[ "$(sql "SELECT count(*) FROM audit_entry WHERE action = 'session.login' AND outcome = 'ok' AND object = 'account:officer'")" -ge 1 ] ||
	fail "the sign-in is not audited"

# what the role may not do through the API it may not do here: refused, audited, nothing done
CYBERDUTY_AS_PASSWORD='Anquanyuan#2026' expect 2 "$CD" --as officer notice verify "$NO" --db "$DB"
has "$T/err" "the role officer may not do this"
[ "$(sql "SELECT count(*) FROM audit_entry WHERE actor = 'officer' AND action = 'notice.verify' AND outcome = 'denied'")" = 1 ] ||
	fail "the refusal is not audited"
CYBERDUTY_AS_PASSWORD='Anquanyuan#2026' expect 2 "$CD" --as officer user lock office --db "$DB"
has "$T/err" "the role officer may not do this"
# a command that is no account's act is the host owner's only
CYBERDUTY_AS_PASSWORD='Anquanyuan#2026' expect 2 "$CD" --as officer import units x.csv --db "$DB"
has "$T/err" "is not done in an account's name"

# an administrator gives its code too; its act carries its name
CYBERDUTY_AS_PASSWORD='Anquan#Guanli26' expect 2 "$CD" --as secadmin user role auditor leader --unit IMNU --db "$DB" </dev/null
has "$T/err" "not at a terminal" # the code is asked for after the right password
CYBERDUTY_AS_PASSWORD='Anquan#Guanli26' CYBERDUTY_AS_TOTP=$(oathtool --totp -b KRUGS4ZANFZSA5DIMUQHIZLTOQQGWZLZ) \
	expect 0 "$CD" --as secadmin user role auditor leader --unit IMNU --db "$DB"
[ "$(sql "SELECT actor FROM audit_entry WHERE action = 'account.role' ORDER BY seq DESC LIMIT 1")" = secadmin ] ||
	fail "the role change is not the security administrator's"
# an administrator's role: proposed, as through the API (the code of the next step: each once)
CYBERDUTY_AS_PASSWORD='Anquan#Guanli26' CYBERDUTY_AS_TOTP=$(oathtool --totp -b --now="$(date -u -d '+30 seconds' '+%Y-%m-%d %H:%M:%S UTC')" KRUGS4ZANFZSA5DIMUQHIZLTOQQGWZLZ) \
	expect 0 "$CD" --as secadmin user role auditor auditadmin --db "$DB"
has "$T/out" "proposed: auditor to become auditadmin"
[ "$(sql "SELECT state || ' ' || proposed_by FROM role_change")" = "pending secadmin" ] ||
	fail "no pending proposal of secadmin's"
# the same code again: used already
CYBERDUTY_AS_PASSWORD='Anquan#Guanli26' CYBERDUTY_AS_TOTP=$(oathtool --totp -b KRUGS4ZANFZSA5DIMUQHIZLTOQQGWZLZ) \
	expect 2 "$CD" --as secadmin user role auditor auditor --unit IMNU --db "$DB"
has "$T/err" "the code is wrong or was used already"

# failures count for the OS user as for an address: the tenth makes it wait
for _ in 1 2 3 4 5 6 7 8 9 10; do
	CYBERDUTY_AS_PASSWORD=wrong expect 2 "$CD" --as leader notice list --db "$DB"
done
CYBERDUTY_AS_PASSWORD='Lingdao#2026ab' expect 2 "$CD" --as leader notice list --db "$DB"
has "$T/err" "too many failed sign-ins from $me"
done_ok
