# calendar.sh — `cyberduty calendar due | show | import`: Civil Code counting across holidays
# and adjusted working days, the warning for a year without an official calendar, and the
# import of a new year (validated, all or nothing). Fixtures in tests/fixtures/calendar are
# invented test data, not official calendars.
. "$(dirname "$0")/lib.inc"
F=${CD_FIXTURES:-$SRC/tests/fixtures}/calendar
DB=$T/cal.db

# date, working days, due — cases named in the issue and around the long holidays; the day is
# printed as a person reads it (English here: "9 Oct 2024"; Chinese in i18n.sh), ISO in --json
while read -r start days want; do
	shown=$(LC_ALL=C date -d "$want" '+%-d %b %Y')
	expect 0 "$CD" calendar due "$start" "$days" --db "$DB"
	[ "$(cat "$T/out")" = "$shown" ] || fail "calendar due $start $days: got $(cat "$T/out"), want $shown"
	expect 0 "$CD" calendar due "$start" "$days" --json --db "$DB"
	[ "$(jq -r .date "$T/out")" = "$want" ] || fail "calendar due $start $days: got $(cat "$T/out"), want $want"
	[ ! -s "$T/err" ] || fail "calendar due $start $days: unexpected warning $(cat "$T/err")"
done <<'CASES'
2024-09-29 3 2024-10-09
2024-09-30 3 2024-10-10
2022-12-31 3 2023-01-05
2024-02-04 1 2024-02-05
2024-02-09 3 2024-02-20
2025-01-26 1 2025-01-27
2026-05-01 1 2026-05-06
2023-06-21 1 2023-06-25
CASES

# a period that reaches into a year without a calendar is counted Monday-Friday, with a warning
expect 0 "$CD" calendar due 2026-12-30 3 --db "$DB"
has "$T/out" "4 Jan 2027"
has "$T/err" "warning: no official holiday calendar for 2027"
expect 0 "$CD" calendar due 2026-12-30 3 --json --db "$DB"
jq -e '.date == "2027-01-04" and (.warnings | length) == 1 and .start == "2026-12-30" and .workdays == 3' "$T/out" >/dev/null ||
	fail "json with warning"
expect 0 "$CD" calendar due 2024-09-29 3 --json
jq -e '.date == "2024-10-09" and .warnings == []' "$T/out" >/dev/null || fail "json without warning"

expect 2 "$CD" calendar due 2024-02-30 3
has "$T/err" "is not a date"
expect 2 "$CD" calendar due 2024-02-01 0
has "$T/err" "is not a number of working days"
expect 2 "$CD" calendar due 2024-02-01 three

expect 0 "$CD" calendar show 2024
has "$T/out" "2024: official calendar — 251 working days"
has "$T/out" "4 Feb 2024     Sun  workday 春节"
has "$T/out" "7 Oct 2024     Mon  holiday 国庆节"
expect 0 "$CD" calendar show 2027
has "$T/out" "no official holiday calendar for 2027"

# importing a new year needs a database; a broken calendar is refused naming the entry
expect 0 "$CD" init --profile yantai-fao-2021 --db "$DB"
expect 2 "$CD" calendar import "$F/2027-bad.json" --db "$DB"
has "$T/err" "2027-01-06"
has "$T/err" "Saturday or Sunday"
expect 0 "$CD" calendar show 2027 --db "$DB"
has "$T/out" "no official holiday calendar for 2027" # nothing was stored
expect 0 "$CD" calendar import "$F/2027-test.json" --db "$DB"
has "$T/out" "official calendar for 2027-2027 imported"
expect 0 "$CD" calendar due 2026-12-30 3 --db "$DB"
[ "$(cat "$T/out")" = "5 Jan 2027" ] || fail "after import: got $(cat "$T/out")"
[ ! -s "$T/err" ] || fail "no warning once 2027 is imported"
expect 0 "$CD" calendar due 2027-02-05 2 --db "$DB"
[ "$(cat "$T/out")" = "15 Feb 2027" ] || fail "across the invented 春节: got $(cat "$T/out")"
expect 2 "$CD" calendar import "$F/2027-test.json" --db "$DB"
has "$T/err" "2027 already has an official calendar"
sed 's/2027/2029/g' "$F/2027-test.json" >"$T/2029.json"
expect 2 "$CD" calendar import "$T/2029.json" --db "$DB"
has "$T/err" "the next one is 2028, not 2029"
printf '{"notices": {"2028": []}, "days": [{"date": "2028-13-01", "name": "x", "kind": "off"}]}' >"$T/bad.json"
expect 2 "$CD" calendar import "$T/bad.json" --db "$DB"
has "$T/err" "days[0].date: must be a date YYYY-MM-DD"
printf '{"days": [' >"$T/trunc.json"
expect 2 "$CD" calendar import "$T/trunc.json" --db "$DB"
has "$T/err" "not valid JSON"
done_ok
