#!/usr/bin/env bash
# Deploys DES to AWS: builds the jars, synthesises the stack (infra/, without the cdk CLI), uploads the
# jars, deploys the stack with CloudFormation, and starts the job from its latest snapshot if it is
# not running. Run again to apply a changed template; scripts/aws/upgrade.sh changes only the job.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BUCKET="${DES_BUCKET:-my-des-bucket}"
STREAM="${DES_STREAM:-des-records}"
JAR="${DES_JAR:-$DES_ROOT/target/des-$(des_version).jar}"
API_JAR="${DES_API_JAR:-$DES_ROOT/target/des-$(des_version)-api.jar}"
JAR_KEY="${DES_JAR_KEY:-$(des_default_key .jar)}"
API_JAR_KEY="${DES_API_JAR_KEY:-$(des_default_key -api.jar)}"
PARALLELISM="${DES_PARALLELISM:-}"
BUILD=true
EXTRA=()
TEMPLATE="$DES_ROOT/infra/cdk.out/DesStack.template.json"

usage() {
  cat <<USAGE
Usage: scripts/aws/deploy.sh [options]
Builds, uploads the jars, deploys the CloudFormation stack of infra/ and starts the job.
  --stack-name NAME      CloudFormation stack [\$DES_STACK_NAME, $STACK_NAME]
  --bucket B             data bucket the stack creates [\$DES_BUCKET, $BUCKET]
  --stream NAME          Kinesis stream the stack creates [\$DES_STREAM, $STREAM]
  --artifact-bucket B    existing bucket for the jars and the template [\$DES_ARTIFACT_BUCKET, $ARTIFACT_BUCKET]
  --jar-key KEY          the job jar's key [\$DES_JAR_KEY, $JAR_KEY]
  --api-jar-key KEY      the API jar's key [\$DES_API_JAR_KEY, $API_JAR_KEY]
  --parallelism N        the job's parallelism [\$DES_PARALLELISM, the stack's current value, 4 when new]
  --parameter KEY=VALUE  any other stack parameter (infra/src/main/java/io/des/infra/DesParameters.java),
                         e.g. ProviderEndpoint=https://…; repeatable
  --skip-build           use the jars already in target/
$COMMON_HELP
Stack parameters not given keep their current values (their defaults on a new stack).
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --stack-name) STACK_NAME="${2?--stack-name needs a value}"; shift 2 ;;
    --bucket) BUCKET="${2?--bucket needs a value}"; shift 2 ;;
    --stream) STREAM="${2?--stream needs a value}"; shift 2 ;;
    --artifact-bucket) ARTIFACT_BUCKET="${2?--artifact-bucket needs a value}"; shift 2 ;;
    --jar-key) JAR_KEY="${2?--jar-key needs a value}"; shift 2 ;;
    --api-jar-key) API_JAR_KEY="${2?--api-jar-key needs a value}"; shift 2 ;;
    --parallelism) PARALLELISM="${2?--parallelism needs a value}"; shift 2 ;;
    --parameter) EXTRA+=("${2?--parameter needs KEY=VALUE}"); shift 2 ;;
    --skip-build) BUILD=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) parse_common_option "$@" || { usage >&2; fail "unknown option: $1"; }; shift "$SHIFT_BY" ;;
  esac
done
check_common
check_stack_name "$STACK_NAME"
check_bucket "$BUCKET"
check_bucket "$ARTIFACT_BUCKET"
check "stream" "$STREAM" '[a-zA-Z0-9_.-]{1,128}' "a Kinesis stream name"
check_key "$JAR_KEY"
check_key "$API_JAR_KEY"
[ -z "$PARALLELISM" ] || check_positive "parallelism" "$PARALLELISM"
for parameter in ${EXTRA[@]+"${EXTRA[@]}"}; do
  # The value stays one word of the call whatever it holds; CloudFormation checks it against the
  # parameter's own pattern.
  check "parameter" "$parameter" '[A-Z][A-Za-z0-9]{0,254}=[^[:cntrl:]]*' "KEY=VALUE with a template parameter name"
done

if $BUILD; then
  run mvn -B -q -f "$DES_ROOT/pom.xml" package -DskipTests
fi
# The template, written to infra/cdk.out/ by DesApp (no cdk CLI, no bootstrap stack needed).
run mvn -B -q -f "$DES_ROOT/infra/pom.xml" compile exec:java
check_file "$JAR"
check_file "$API_JAR"
aws_call s3 cp "$JAR" "s3://$ARTIFACT_BUCKET/$JAR_KEY"
aws_call s3 cp "$API_JAR" "s3://$ARTIFACT_BUCKET/$API_JAR_KEY"

PARAMETERS=(ApplicationName="$APP_NAME" StreamName="$STREAM" BucketName="$BUCKET" ArtifactBucket="$ARTIFACT_BUCKET"
  JobJarKey="$JAR_KEY" ApiJarKey="$API_JAR_KEY")
[ -z "$PARALLELISM" ] || PARAMETERS+=(Parallelism="$PARALLELISM")
PARAMETERS+=(${EXTRA[@]+"${EXTRA[@]}"})
# The template goes through the artifact bucket: it is larger than an inline template may be.
aws_call cloudformation deploy --stack-name "$STACK_NAME" --template-file "$TEMPLATE" \
  --s3-bucket "$ARTIFACT_BUCKET" --s3-prefix des/cloudformation \
  --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset \
  --parameter-overrides "${PARAMETERS[@]}"

STATUS="$(describe ApplicationStatus READY)" || fail "cannot describe application $APP_NAME"
case "$STATUS" in
  READY)
    aws_call kinesisanalyticsv2 start-application --application-name "$APP_NAME" --run-configuration "$RESTORE_LATEST"
    wait_running ;;
  RUNNING) echo "$APP_NAME is RUNNING" ;;
  *) wait_running ;;
esac
