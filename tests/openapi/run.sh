#!/bin/sh
# run.sh BIN — the OpenAPI document (GET /api/v1/openapi.json) of the real server on a fresh
# demo database, checked by a real validator, `redocly lint` (@redocly/cli from npm, installed by
# scripts/deps through the committed package-lock.json; its recommended rules, errors fail), then
# every GET route's real answer checked against what the document says of it (answers.mjs, ajv
# from npm). Never skipped: without node or node_modules it fails and says what to run.
set -eu
bin=$1
src=${CD_SOURCE:?CD_SOURCE names the source tree}
for m in @redocly/cli ajv; do
	if [ ! -d "$src/node_modules/$m" ]; then
		echo "openapi: $src/node_modules/$m is missing: run scripts/deps (npm ci)" >&2
		exit 1
	fi
done
command -v node >/dev/null 2>&1 || { echo "openapi: node is missing: run scripts/deps" >&2; exit 1; }
tmp=$(mktemp -d "${CD_TMP:-/tmp}/openapi.XXXXXX")
pid=''
stop() {
	st=$?
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid"
		wait "$pid" 2>/dev/null || :
	fi
	rm -rf "$tmp"
	exit $st
}
trap stop EXIT INT TERM
"$bin" demo --db "$tmp/db" --profile imnu-2022 >/dev/null
"$bin" serve --listen 127.0.0.1:0 --db "$tmp/db" --notify-every 0 >"$tmp/out" 2>&1 &
pid=$!
port=''
for _ in $(seq 100); do
	port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/out" | head -n 1)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "openapi: the server did not start: $(cat "$tmp/out")" >&2; exit 1; }
curl -sSf "http://127.0.0.1:$port/api/v1/openapi.json" -o "$tmp/openapi.json"
# the validator: exit status nonzero on any error of the OpenAPI 3.1 description
NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off "$src/node_modules/.bin/redocly" lint \
	--config "$src/tests/openapi/redocly.yaml" "$tmp/openapi.json"
node "$src/tests/openapi/answers.mjs" "http://127.0.0.1:$port" "$tmp/openapi.json"
