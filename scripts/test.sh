#!/usr/bin/env bash
# Runs every DES test: the infrastructure template's (infra/), then unit, operator-harness, MiniCluster
# and integration tests against a real Kinesis API (kinesis-local, installed here from npm), real
# Parquet files and a real MariaDB (Debian's mariadb-server, installed here when missing).
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

# The Airflow DAG file of the pull flow is Python: compiled here, since Airflow itself is not installed.
if command -v python3 >/dev/null; then
  python3 -m py_compile airflow/des_pipelines.py && rm -rf airflow/__pycache__
else
  echo "python3 is required to check airflow/des_pipelines.py" >&2; exit 1
fi

# MariaDB for the pull-flow tests (io.des.it.MariaDb starts its own server on a free loopback port):
# installed here when missing and this runs as root with apt (CI does); otherwise those tests say
# what is missing, failing in CI and skipping elsewhere.
if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing mariadb-server for the pull-flow tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mariadb-server >/dev/null
  else
    echo "mariadb-server is not installed (apt-get install mariadb-server): the MariaDB tests will be skipped (fail with CI=true)" >&2
  fi
fi

# The infrastructure template (infra/, a build of its own: AWS CDK in Java, run through jsii on node):
# synthesised and checked offline in a few seconds. jsii prints a banner of '!' when node is past
# its end of life (node 20); it is a notice, not an error.
mvn -B -ntp -f infra/pom.xml test

exec mvn -B -ntp verify "$@"
