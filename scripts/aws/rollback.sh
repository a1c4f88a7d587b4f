#!/usr/bin/env bash
# Returns the DES application to its previous version (RollbackApplication: the previous jar and
# configuration, restored from the latest snapshot taken before the failed change), then waits until
# it is RUNNING. Fails (exit 1, with the reason) on FAILED or after the timeout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
Usage: scripts/aws/rollback.sh [options]
Rolls the application back to its previous version.
$COMMON_HELP
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    *) parse_common_option "$@" || { usage >&2; fail "unknown option: $1"; }; shift "$SHIFT_BY" ;;
  esac
done
check_common

VERSION="$(current_version)"
aws_call kinesisanalyticsv2 rollback-application --application-name "$APP_NAME" \
  --current-application-version-id "$VERSION"
wait_running
