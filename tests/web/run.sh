#!/bin/sh
# run.sh BIN TEST — one browser test file of tests/web under node's test runner, against the
# binary BIN, after refreshing web/vendor from node_modules. Never skipped: without Node.js,
# node_modules or chromium (scripts/deps installs them all) it fails and says what to run.
set -eu
bin=$1
file=$2
src=${CD_SOURCE:?CD_SOURCE names the source tree}
if ! command -v node >/dev/null 2>&1; then
	echo "web tests: node is missing: run scripts/deps" >&2
	exit 1
fi
if [ ! -d "$src/node_modules/playwright-core" ]; then
	echo "web tests: $src/node_modules is missing: run scripts/deps (npm ci)" >&2
	exit 1
fi
"$src/scripts/web-vendor" "$src"
CD_BIN=$bin CD_SHOTS=${CD_SHOTS:-$CD_TMP/screenshots} exec node --test --test-reporter=spec "$src/tests/web/$file"
