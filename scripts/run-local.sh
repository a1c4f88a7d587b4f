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
# Stopped (Ctrl-C, SIGTERM) it writes a savepoint; killed at any moment it keeps its latest checkpoint.
# Started again with the same --data-dir, at any --parallelism, it resumes from the newer of the two.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/local-java.sh

exec java ${DES_JAVA_OPTS:--Xmx2g} $DES_OPENS \
  -Dlog4j.configurationFile=flink-conf/log4j2-local.properties \
  -cp "$DES_CLASSPATH" io.des.local.LocalDes "$@"
