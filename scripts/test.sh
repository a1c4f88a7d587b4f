#!/usr/bin/env bash
# Runs every DES test: unit, operator-harness, MiniCluster and integration tests against a real
# Kinesis API (kinesis-local, installed here from npm) and real Parquet files.
# Usage: scripts/test.sh [extra maven args, e.g. -Dtest=EridProgressFunctionTest]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "java 17 is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "maven is required" >&2; exit 1; }
command -v node >/dev/null || { echo "node 20 + npm are required for the Kinesis emulator" >&2; exit 1; }

# The Kinesis emulator the integration tests start, and the Standard Webhooks reference library the
# webhook tests verify signatures with (both pinned in package-lock.json).
if [ ! -f node_modules/kinesis-local/main.js ] || [ ! -f node_modules/standardwebhooks/package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

exec mvn -B -ntp verify "$@"
