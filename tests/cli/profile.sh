# profile.sh — `cyberduty profile list | show | check` on the built-ins and on broken files.
. "$(dirname "$0")/lib.inc"

expect 0 "$CD" profile list
has "$T/out" "central-2017"
has "$T/out" "yantai-fao-2021"
has "$T/out" "imnu-2022"
[ "$(wc -l <"$T/out")" -eq 3 ] || fail "three built-in profiles"

expect 0 "$CD" profile show imnu-2022
has "$T/out" "Triggers 责任追究情形 (9)"
has "$T/out" "14.9"
has "$T/out" "第十四条"
has "$T/out" "谁运维谁负责"
expect 0 "$CD" profile show yantai-fao-2021
has "$T/out" "rectify_workdays 整改时限"
has "$T/out" "3 working days"
has "$T/out" "Triggers 责任追究情形 (8)"
expect 2 "$CD" profile show nowhere-2030

for p in central-2017 yantai-fao-2021 imnu-2022; do
	expect 0 "$CD" profile check "$SRC/profiles/$p.yaml"
	has "$T/out" ": ok — profile $p"
done

# a copy with a typo is refused with file:line
sed 's/^  rectify_workdays: 3 /  rectify_workday: 3 /' "$SRC/profiles/yantai-fao-2021.yaml" >"$T/typo.yaml"
line=$(grep -n 'rectify_workday:' "$T/typo.yaml" | cut -d: -f1)
expect 2 "$CD" profile check "$T/typo.yaml"
has "$T/err" "$T/typo.yaml:$line: unknown key \"rectify_workday\" in numbers"

# and a copy can be used to initialise a database
sed 's/^id: yantai-fao-2021/id: yantai-copy/' "$SRC/profiles/yantai-fao-2021.yaml" >"$T/copy.yaml"
expect 0 "$CD" init --profile "$T/copy.yaml" --db "$T/c.db"
has "$T/out" "profile yantai-copy"
expect 0 "$CD" check --db "$T/c.db"
has "$T/out" "yantai-copy"
expect 2 "$CD" profile
expect 2 "$CD" profile frobnicate x
done_ok
