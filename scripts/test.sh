#!/usr/bin/env bash
# Runs every DES test: unit, operator-harness, MiniCluster and integration tests against a real
# Kinesis API (kinesis-local, installed here from npm) and real Parquet files.
# Usage: scripts/test.sh [extra maven args, e.g. -Dtest=EridProgressFunctionTest]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "java 17 is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "maven is required" >&2; exit 1; }
command -v node >/dev/null || { echo "node 20 + npm are required for the Kinesis and DynamoDB emulators" >&2; exit 1; }

# The tools the tests start or call (pinned in package-lock.json): the Kinesis and DynamoDB API
# emulators, and the Standard Webhooks reference library that webhook signatures are checked with.
if [ ! -f node_modules/kinesis-local/main.js ] || [ ! -f node_modules/dynalite/cli.js ] \
    || [ ! -f node_modules/standardwebhooks/package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

exec mvn -B -ntp verify "$@"
