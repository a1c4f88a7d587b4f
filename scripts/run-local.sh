#!/usr/bin/env bash
# Runs all of DES on this machine with nothing but Java: the Flink job in a MiniCluster (web UI on
# :8081), the embedded broker, the sandbox provider and the ingest + serving APIs.
# Usage: scripts/run-local.sh [--port 8080] [--data-dir ./data] [--web-ui-port 8081]
#        [--provider-latency-ms 20] [--provider-not-found-rate 0.1] [--provider-error-rate 0.0]
#        [--tenants-file samples/tenants.json]  (API keys and limits; without it one open tenant, loopback only)
#        [--erid-expiry P7D]  (ISO-8601: an ERID with no new record for this long expires)
#        [--storage-uri s3://bucket/prefix [--s3-endpoint URL]]  (enriched data on S3, served from there; credentials
#         from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)
#        [--query-engine parquet|duckdb]  (how GET reads rows of local storage; parquet by default)
# Killed at any moment and started again with the same --data-dir, it resumes from its latest
# checkpoint.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "java 17 is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "maven is required to build DES" >&2; exit 1; }

stamp=target/.local-build-stamp
# The S3 file system plugin is copied by the same build (generate-resources); a clean of target/ needs it again.
if [ ! -f "$stamp" ] || [ ! -d target/plugins/s3-fs-hadoop ] || [ -n "$(find pom.xml src/main -newer "$stamp" -print -quit)" ]; then
  echo "Building DES (first run downloads dependencies; later runs are quick)..." >&2
  mvn -B -q -ntp -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/local-classpath.txt -Dmdep.includeScope=compile
  touch "$stamp"
fi

OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \
--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

exec java ${DES_JAVA_OPTS:--Xmx2g} $OPENS \
  -Dlog4j.configurationFile=flink-conf/log4j2-local.properties \
  -cp "target/classes:$(cat target/local-classpath.txt)" io.des.local.LocalDes "$@"
