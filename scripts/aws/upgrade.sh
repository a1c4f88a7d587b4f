#!/usr/bin/env bash
# Upgrades the running DES job to a new jar: uploads it, updates the Managed Flink application to it
# restoring from the latest snapshot (the service snapshots the running job first), and waits until
# the application is RUNNING again. Fails (exit 1, with the reason) on FAILED or after the timeout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

JAR="${DES_JAR:-$DES_ROOT/target/des-$(des_version).jar}"
JAR_KEY="${DES_JAR_KEY:-$(des_default_key .jar)}"

usage() {
  cat <<USAGE
Usage: scripts/aws/upgrade.sh [options]
Uploads the job jar and restarts the application on it from its latest snapshot.
  --jar FILE             the job jar [\$DES_JAR, target/des-<version>.jar]
  --jar-key KEY          its key in the artifact bucket [\$DES_JAR_KEY, $JAR_KEY]
  --artifact-bucket B    bucket of the jars [\$DES_ARTIFACT_BUCKET, $ARTIFACT_BUCKET]
$COMMON_HELP
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR="${2?--jar needs a value}"; shift 2 ;;
    --jar-key) JAR_KEY="${2?--jar-key needs a value}"; shift 2 ;;
    --artifact-bucket) ARTIFACT_BUCKET="${2?--artifact-bucket needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) parse_common_option "$@" || { usage >&2; fail "unknown option: $1"; }; shift "$SHIFT_BY" ;;
  esac
done
check_common
check_bucket "$ARTIFACT_BUCKET"
check_key "$JAR_KEY"
check_file "$JAR"

aws_call s3 cp "$JAR" "s3://$ARTIFACT_BUCKET/$JAR_KEY"
CODE_UPDATE="{\"ApplicationCodeConfigurationUpdate\":{\"CodeContentUpdate\":{\"S3ContentLocationUpdate\":{\"BucketARNUpdate\":\"arn:aws:s3:::$ARTIFACT_BUCKET\",\"FileKeyUpdate\":\"$JAR_KEY\"}}}}"
update_application "$CODE_UPDATE"
