#!/usr/bin/env bash
# Runs the DES benchmark (docs/benchmarks.md): async efficiency, whole-pipeline CPU, ERID latency
# through local mode, serving latency, memory, fairness between tenants, checkpoints under provider
# backpressure. One JSON line per scenario run on stdout; logs and progress on stderr.
# Usage: scripts/bench.sh [--quick] [--only SCENARIO]
#   --quick: small sizes, about 5 minutes on 2 cores
#   --only:  one of async_efficiency, pipeline_cpu (with serving), memory, erid_latency, ingest_api,
#            fairness, checkpoint_under_backpressure
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/bench.sh [--quick] [--only SCENARIO]" >&2; exit 2; }
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) shift ;;
    --only) [ $# -ge 2 ] || usage; shift 2 ;;
    *) usage ;;
  esac
done

command -v java >/dev/null || { echo "java 17 is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "maven is required to build DES" >&2; exit 1; }

# The harness lives with the tests (src/test/java/io/des/bench) but is named so that neither
# surefire nor failsafe runs it. Offline first (fast when the repository is warm), then online.
build=(-B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test
       -Dmdep.outputFile=target/bench-classpath.txt)
echo "Building DES and the benchmark..." >&2
mvn -o "${build[@]}" >&2 2>/dev/null || mvn "${build[@]}" >&2

# The same --add-opens Flink needs on Java 17 as the tests use (pom.xml, flink.jvm.opens).
OPENS=$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' pom.xml)

# sun.net.httpserver.nodelay: the JDK HTTP server (the sandbox providers; the API runs on Jetty) otherwise leaves Nagle's
# algorithm on, and a response written as headers + body waits for the client's delayed ACK (~40 ms).
# ForkJoinPool.common.parallelism: with 2 cores the common pool has parallelism 1, and
# CompletableFuture's default async executor then starts a new thread per task, which the JDK
# HttpClient uses for every response. See docs/benchmarks.md, "Profile findings".
JVM_FLAGS=(-Xmx2g -Dsun.net.httpserver.nodelay=true -Djava.util.concurrent.ForkJoinPool.common.parallelism=4
           -Dlog4j.configurationFile=flink-conf/log4j2-bench.properties)

# shellcheck disable=SC2086 # OPENS is a list of flags
exec java "${JVM_FLAGS[@]}" $OPENS \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.des.bench.Bench ${args[@]+"${args[@]}"}
