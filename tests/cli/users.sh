# users.sh — accounts, API tokens and settings from the command line: the first administrator of
# a fresh install, passwords on stdin and at a terminal, roles and scopes, lock and disable, TOTP
# (codes from oathtool), tokens shown once and stored hashed, the settings' ranges, the demo's
# sign-ins; exit 0 done, 2 bad input with one line saying what to fix (nothing written), 1 other
# failures.
. "$(dirname "$0")/lib.inc"
DB=$T/org.db

# accounts: the JSON list, to show that a refused command wrote nothing
snap() { "$CD" user list --json --db "$DB" >"$T/$1.json" || fail "step $n: user list"; }
same() { cmp -s "$T/$1.json" "$T/$2.json" || { diff "$T/$1.json" "$T/$2.json"; fail "step $n: a refused command changed the accounts"; }; }
field() { jq -r --arg u "$1" ".[] | select(.name == \$u) | .$2" "$T/now.json"; }
is() { snap now; _v=$(field "$1" "$2"); [ "$_v" = "$3" ] || fail "step $n: $1.$2 is $_v, want $3"; }

expect 2 "$CD" user list --db "$DB"
has "$T/err" "no such database"

# a fresh install has one account, the system administrator, without a password
expect 0 "$CD" init --profile imnu-2022 --db "$DB"
has "$T/out" "account sysadmin (system administrator) created without a password"
expect 0 "$CD" import units "$SRC/docs/templates/units.csv" --db "$DB"
expect 0 "$CD" user list --db "$DB"
has "$T/out" "sysadmin"
has "$T/out" "no password"
is sysadmin role sysadmin
is sysadmin password_set false
expect 0 "$CD" init --profile imnu-2022 --db "$DB"
lacks "$T/out" "created without a password"

# passwords: one line on stdin; each rule says what to change; nothing is written on refusal
snap before
for bad in 'Short#1a:at least 12' 'alllowercase123:three of' 'Sysadmin#2026x:account name' \
	':a password is needed'; do
	pw=${bad%%:*} why=${bad#*:}
	printf '%s\n' "$pw" >"$T/pw"
	expect 2 "$CD" user passwd sysadmin --db "$DB" <"$T/pw"
	has "$T/err" "$why"
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "step $n: more than one line"
done
expect 2 "$CD" user passwd sysadmin --db "$DB" </dev/null
has "$T/err" "no password on standard input"
snap after
same before after
echo 'Xitong#Guanli26' >"$T/pw"
expect 0 "$CD" user passwd sysadmin --db "$DB" <"$T/pw"
has "$T/out" "password of sysadmin set"
has "$T/out" "second factor"
lacks "$T/out" "Xitong#Guanli26"
is sysadmin password_set true
grep -qF 'Xitong#Guanli26' "$DB" && fail "the password is in the database file"
expect 2 "$CD" user passwd sysadmin --db "$DB" <"$T/pw"
has "$T/err" "the current one"
expect 2 "$CD" user passwd nobody --db "$DB" <"$T/pw"
has "$T/err" 'no account "nobody"'

# at a terminal: asked twice, not echoed (a pseudo-terminal from script(1), fed through a fifo
# once each question shows)
mkfifo "$T/tty.in"
script -qec "\"$CD\" user passwd sysadmin --db \"$DB\"" /dev/null <"$T/tty.in" >"$T/tty.out" 2>&1 &
pid=$!
exec 3>"$T/tty.in"
wait_for() { _i=0; until grep -qF "$1" "$T/tty.out"; do _i=$((_i + 1)); [ $_i -lt 200 ] || fail "no prompt \"$1\""; sleep 0.05; done; }
wait_for "New password for sysadmin:"
printf 'Terminal#Pw2026\n' >&3
wait_for "Again:"
printf 'Terminal#Pw2026\n' >&3
exec 3>&-
wait $pid || fail "user passwd at a terminal failed: $(cat "$T/tty.out")"
has "$T/tty.out" "password of sysadmin set"
lacks "$T/tty.out" "Terminal#Pw2026"

# user add: roles with a did-you-mean, scopes, names
snap before
expect 2 "$CD" user add zhang --role oficer --unit JSJ --db "$DB"
has "$T/err" 'unknown role "oficer" (did you mean officer?)'
expect 2 "$CD" user add zhang --role wizard --unit JSJ --db "$DB"
has "$T/err" "the roles: none, office, officer"
expect 2 "$CD" user add zhang --role officer --db "$DB"
has "$T/err" "give --unit CODE (DW for the whole organisation)"
expect 2 "$CD" user add zhang --role officer --unit NOPE --db "$DB"
has "$T/err" 'no unit "NOPE"'
expect 2 "$CD" user add zhang --role secadmin --unit JSJ --db "$DB"
has "$T/err" "leave out --unit"
expect 2 "$CD" user add Zhang --role officer --unit JSJ --db "$DB"
has "$T/err" "a-z 0-9"
expect 2 "$CD" user add sysadmin --role officer --unit JSJ --db "$DB"
has "$T/err" "is taken"
expect 2 "$CD" user add zhang --db "$DB"
has "$T/err" "needs --role"
snap after
same before after
expect 0 "$CD" user add zhang --role officer --unit JSJ --display 张三 --db "$DB"
has "$T/out" "account zhang created: officer (单位网络安全员), scope JSJ"
expect 0 "$CD" user add sec --role 安全管理员 --db "$DB"
expect 0 "$CD" user add newbie --role none --db "$DB"
is zhang unit JSJ
is zhang display 张三
is sec role secadmin
is sec unit null
expect 0 "$CD" user show zhang --db "$DB"
has "$T/out" "scope        JSJ"
has "$T/out" "password     not set"
expect 0 "$CD" user show zhang --json --db "$DB"
jq -e '.name == "zhang" and .role == "officer" and .totp_enabled == false' "$T/out" >/dev/null ||
	fail "user show --json"
expect 2 "$CD" user show nobody --db "$DB"

# user role: the security administrator's act
expect 2 "$CD" user role zhang secadmn --db "$DB"
has "$T/err" "did you mean secadmin?"
expect 2 "$CD" user role newbie officer --db "$DB"
has "$T/err" "give --unit CODE"
expect 0 "$CD" user role newbie leader --unit DW --db "$DB"
has "$T/out" "newbie is now leader"
is newbie unit DW
expect 0 "$CD" user role newbie auditor --db "$DB" # keeps its scope
is newbie role auditor
is newbie unit DW
expect 0 "$CD" user role newbie auditadmin --db "$DB"
is newbie unit null

# lock, unlock, disable, enable
expect 0 "$CD" user lock zhang --db "$DB"
is zhang locked true
is zhang state locked
expect 0 "$CD" user unlock zhang --db "$DB"
is zhang locked false
expect 0 "$CD" user disable zhang --db "$DB"
is zhang disabled true
expect 0 "$CD" user enable zhang --db "$DB"
is zhang disabled false
expect 2 "$CD" user lock nobody --db "$DB"
# the last system administrator able to sign in is neither locked, disabled nor demoted
snap before
for how in "lock sysadmin" "disable sysadmin" "role sysadmin secadmin"; do
	expect 2 "$CD" user $how --db "$DB"
	has "$T/err" "sysadmin is the last system administrator able to sign in"
done
snap after
same before after
expect 2 "$CD" user frobnicate zhang --db "$DB"
has "$T/err" 'unknown user command "frobnicate"'

# TOTP: begin (key and URI), confirm with the authenticator's code, refuse removal for admins
expect 2 "$CD" user totp sysadmin --confirm 123456 --db "$DB"
has "$T/err" "begin with a new key first"
expect 0 "$CD" user totp sysadmin --db "$DB"
key=$(sed -n 's/^  key  //p' "$T/out")
[ ${#key} -eq 32 ] || fail "no base32 key in: $(cat "$T/out")"
has "$T/out" "otpauth://totp/cyberduty:sysadmin?secret=$key&issuer=cyberduty"
is sysadmin totp_enabled false
expect 2 "$CD" user totp sysadmin --confirm 12345x --db "$DB"
has "$T/err" "not the authenticator's code"
expect 2 "$CD" user totp sysadmin --confirm 1 --disable --db "$DB"
expect 0 "$CD" user totp sysadmin --confirm "$(oathtool --totp -b "$key")" --db "$DB"
has "$T/out" "enabled"
is sysadmin totp_enabled true
grep -qF "$key" "$DB" && fail "the TOTP key is in the database file as base32"
expect 2 "$CD" user totp sysadmin --disable --db "$DB"
has "$T/err" "administrators keep their second factor"
is sysadmin totp_enabled true
expect 0 "$CD" user totp zhang --db "$DB"
key=$(sed -n 's/^  key  //p' "$T/out")
expect 0 "$CD" user totp zhang --confirm "$(oathtool --totp -b "$key")" --db "$DB"
expect 0 "$CD" user totp zhang --disable --db "$DB"
is zhang totp_enabled false

# settings
expect 0 "$CD" settings --db "$DB"
has "$T/out" "lockout_failures"
has "$T/out" "[default 5; 3 … 20]"
expect 0 "$CD" settings lockout_failures --db "$DB"
[ "$(cat "$T/out")" = 5 ] || fail "lockout_failures default"
expect 0 "$CD" settings session_idle_minutes 15 --db "$DB"
has "$T/out" "session_idle_minutes = 15"
expect 2 "$CD" settings session_idle_minutes 4 --db "$DB"
has "$T/err" "from 5 to 240"
expect 2 "$CD" settings password_max_age_days many --db "$DB"
has "$T/err" "(or 0: no maximum)"
expect 2 "$CD" settings lockout --db "$DB"
has "$T/err" 'no setting "lockout"'
expect 2 "$CD" settings lockout 3 --db "$DB"
expect 0 "$CD" settings --json --db "$DB"
jq -e '.session_idle_minutes == 15 and .lockout_failures == 5 and .password_max_age_days == 90' \
	"$T/out" >/dev/null || fail "settings --json"

# API tokens: business roles, a unit, shown once on the last line, stored hashed
"$CD" token list --json --db "$DB" >"$T/tokens-before.json"
expect 2 "$CD" token create --role sysadmin --unit DW --label x --db "$DB"
has "$T/err" "business role"
expect 2 "$CD" token create --role offcer --unit DW --label x --db "$DB"
has "$T/err" "did you mean officer?"
expect 2 "$CD" token create --role office --label x --db "$DB"
has "$T/err" "or --role ROLE and --unit CODE, and --label TEXT"
expect 2 "$CD" token create --role office --unit NOPE --label x --db "$DB"
has "$T/err" 'no unit "NOPE"'
expect 2 "$CD" token create --role office --unit DW --label x --expires 2020-01-01 --db "$DB"
has "$T/err" "expired already"
expect 2 "$CD" token create --role office --unit DW --label x --expires soon --db "$DB"
has "$T/err" "--expires wants a date"
"$CD" token list --json --db "$DB" >"$T/tokens-after.json"
cmp -s "$T/tokens-before.json" "$T/tokens-after.json" || fail "a refused token was written"
expect 0 "$CD" token create --role office --unit DW --label 监测平台 --expires 2099-12-31 --db "$DB"
has "$T/out" "API token 1 created: office"
tok=$(tail -n 1 "$T/out")
case $tok in cdt_*) ;; *) fail "the token is not the last line: $(cat "$T/out")" ;; esac
[ ${#tok} -eq 47 ] || fail "token length ${#tok}"
grep -qF "$tok" "$DB" && fail "the token is in the database file"
grep -qF "${tok#cdt_}" "$DB" && fail "the token's secret is in the database file"
expect 0 "$CD" token list --db "$DB"
has "$T/out" "监测平台"
has "$T/out" "live"
lacks "$T/out" "$tok"
expect 0 "$CD" token list --json --db "$DB"
jq -e '.[0] | .role == "office" and .unit == "DW" and .state == "live" and (.created_by | startswith("cli:")) and .expires_at == "2100-01-01T00:00:00+08:00"' \
	"$T/out" >/dev/null || fail "token list --json"
expect 0 "$CD" token revoke 1 --db "$DB"
expect 2 "$CD" token revoke 1 --db "$DB"
has "$T/err" "revoked already"
expect 2 "$CD" token revoke 99 --db "$DB"
expect 2 "$CD" token revoke one --db "$DB"
has "$T/err" "by its id"
expect 0 "$CD" token list --json --db "$DB"
jq -e '.[0].state == "revoked"' "$T/out" >/dev/null || fail "token not revoked"

# a failure that is not the input's fault: exit 1
echo "not a database at all, just some text that is long enough to be read" >"$T/junk.db"
expect 1 "$CD" user list --db "$T/junk.db"
expect 1 "$CD" settings --db "$T/junk.db"
expect 1 "$CD" token list --db "$T/junk.db"

# every change of an account, a role, a token or a setting is in the audit log — never a secret
expect 0 "$CD" audit list --db "$DB" --json
for a in account.create account.password account.role account.update account.totp_begin \
	account.totp_enable token.create token.revoke settings.update; do
	jq -e --arg a "$a" 'any(.entries[]; .action == $a and .outcome == "ok")' "$T/out" >/dev/null ||
		fail "no audit entry $a: $(cat "$T/out")"
done
expect 0 "$CD" audit verify --db "$DB"

# the demo: a sign-in for every role, printed; it takes over a fresh install's sysadmin
D2=$T/demo.db
expect 0 "$CD" init --profile yantai-fao-2021 --db "$D2"
expect 0 "$CD" demo --db "$D2"
has "$T/out" "Demo logins (for 127.0.0.1 only"
for u in office officer unit-leader leader auditor sysadmin secadmin auditadmin; do
	has "$T/out" "  $u "
done
has "$T/out" "ZHK"
"$CD" user list --json --db "$D2" >"$T/now.json"
jq -e 'length == 8 and all(.[]; .password_set) and ([.[] | select(.totp_enabled) | .role] | sort == ["auditadmin", "secadmin", "sysadmin"])' \
	"$T/now.json" >/dev/null || fail "demo accounts: $(cat "$T/now.json")"
jq -e '.[] | select(.name == "officer") | .unit == "ZHK"' "$T/now.json" >/dev/null ||
	fail "demo officer scope"
done_ok
