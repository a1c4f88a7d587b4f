#!/usr/bin/env bash
# Changes the DES job's parallelism to N: the service snapshots the running job and restarts it at N
# from that snapshot (every stateful operator is rescalable: docs/operations.md, Rescaling), then
# this waits until the application is RUNNING. Fails (exit 1, with the reason) on FAILED or timeout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
Usage: scripts/aws/scale.sh N [options]
Restarts the application at parallelism N (1 to 128, the job's maximum parallelism) from a snapshot.
$COMMON_HELP
USAGE
}

PARALLELISM=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -*) parse_common_option "$@" || { usage >&2; fail "unknown option: $1"; }; shift "$SHIFT_BY" ;;
    *) [ -z "$PARALLELISM" ] || fail "one parallelism only, got $PARALLELISM and $1"; PARALLELISM="$1"; shift ;;
  esac
done
[ -n "$PARALLELISM" ] || { usage >&2; fail "the parallelism N is required"; }
check_positive "parallelism" "$PARALLELISM"
# The job's maximum parallelism (EnrichmentJob.MAX_PARALLELISM): its snapshots restore at most there.
[ "$PARALLELISM" -le 128 ] || fail "parallelism $PARALLELISM is above the job's maximum parallelism, 128"
check_common

SCALE_UPDATE="{\"FlinkApplicationConfigurationUpdate\":{\"ParallelismConfigurationUpdate\":{\"ConfigurationTypeUpdate\":\"CUSTOM\",\"ParallelismUpdate\":$PARALLELISM}}}"
update_application "$SCALE_UPDATE"
