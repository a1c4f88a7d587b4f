# Shared by scripts/aws/*.sh (sourced, not run): settings with their defaults, input checks, and the
# one place where an AWS or build call is made, or printed under --dry-run.
#
# Every value that becomes part of a command is checked against the pattern AWS itself allows for
# it before use, and every call passes its values as separate words (never through eval), so a
# setting cannot turn into another command or option.

DES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DRY_RUN=false

# Defaults: the names of kda/ and of infra/'s parameters. Environment variables override them, flags
# override the environment.
des_version() {
  sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$DES_ROOT/pom.xml" | head -1
}

# The jar's key carries the commit, so that an upgrade never overwrites the jar an older application
# version (the one rollback.sh returns to) still points at.
des_default_key() { # $1: file name suffix, e.g. ".jar" or "-api.jar"
  local commit
  commit="$(git -C "$DES_ROOT" rev-parse --short=12 HEAD 2>/dev/null || true)"
  echo "des/des-$(des_version)${commit:+-$commit}$1"
}

APP_NAME="${DES_APP_NAME:-des-enrichment}"
STACK_NAME="${DES_STACK_NAME:-des}"
ARTIFACT_BUCKET="${DES_ARTIFACT_BUCKET:-my-des-artifacts}"
REGION="${DES_REGION:-}"
WAIT_TIMEOUT="${DES_WAIT_TIMEOUT:-900}"
POLL_SECONDS="${DES_POLL_SECONDS:-15}"

fail() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# check NAME VALUE REGEX WHAT: refuses VALUE unless it matches REGEX entirely.
check() {
  [[ "$2" =~ ^$3$ ]] || fail "$1 '$2' is not $4"
}

check_app_name()   { check "application name" "$1" '[a-zA-Z0-9_.-]{1,128}' "a Managed Flink application name ([a-zA-Z0-9_.-], 1-128)"; }
check_stack_name() { check "stack name" "$1" '[a-zA-Z][-a-zA-Z0-9]{0,127}' "a CloudFormation stack name"; }
check_bucket()     { check "bucket" "$1" '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]' "an S3 bucket name"; }
check_key()        { check "key" "$1" '[A-Za-z0-9!_.()-]+(/[A-Za-z0-9!_.()-]+)*' "an S3 key of letters, digits and !_.()-/"; }
check_region()     { [ -z "$1" ] || check "region" "$1" '[a-z]{2}(-[a-z]+)+-[0-9]' "an AWS region such as eu-west-1"; }
check_positive()   { check "$1" "$2" '[1-9][0-9]{0,5}' "a positive whole number"; }
check_file()       { $DRY_RUN || [ -f "$1" ] || fail "$1 does not exist (build it: mvn -B package -DskipTests)"; }

check_common() {
  check_app_name "$APP_NAME"
  check_region "$REGION"
  check_positive "wait timeout" "$WAIT_TIMEOUT"
  check_positive "poll interval" "$POLL_SECONDS"
}

# One word as a POSIX shell would need it: as it is when it is plain, else in single quotes.
shell_quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=,@+%-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

print_call() {
  local word line=""
  for word in "$@"; do
    line+="${line:+ }$(shell_quote "$word")"
  done
  echo "$line"
}

# run CMD ARGS...: makes the call, or under --dry-run prints it (one line, shell-quoted).
run() {
  if $DRY_RUN; then
    print_call "$@"
  else
    "$@"
  fi
}

# aws ARGS...: an aws CLI v2 call with the region, if one was given.
aws_call() {
  run aws "$@" ${REGION:+--region "$REGION"}
}

# describe VALUE_QUERY PLACEHOLDER: a read of the application; under --dry-run the call is printed
# and PLACEHOLDER stands for its answer in the calls that follow.
describe() {
  if $DRY_RUN; then
    print_call aws kinesisanalyticsv2 describe-application --application-name "$APP_NAME" \
      --query "ApplicationDetail.$1" --output text ${REGION:+--region "$REGION"} >&3
    echo "$2"
  else
    aws kinesisanalyticsv2 describe-application --application-name "$APP_NAME" \
      --query "ApplicationDetail.$1" --output text ${REGION:+--region "$REGION"}
  fi
}

current_version() {
  local version
  version="$(describe ApplicationVersionId '<current-version-id>')" || fail "cannot describe application $APP_NAME"
  $DRY_RUN || [[ "$version" =~ ^[0-9]+$ ]] || fail "unexpected application version id from describe-application: '$version'"
  echo "$version"
}

RESTORE_LATEST='{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_LATEST_SNAPSHOT"}}'

# update_application CONFIGURATION_UPDATE_JSON: UpdateApplication of the current version, restarting
# from the latest snapshot (the service snapshots the running job first), then waits for RUNNING.
update_application() {
  local version
  version="$(current_version)"
  aws_call kinesisanalyticsv2 update-application --application-name "$APP_NAME" \
    --current-application-version-id "$version" \
    --application-configuration-update "$1" \
    --run-configuration-update "$RESTORE_LATEST"
  wait_running
}

# wait_running: polls the application's status until RUNNING; fails on FAILED, on a stop, or after
# WAIT_TIMEOUT seconds. Under --dry-run prints the poll call once.
wait_running() {
  if $DRY_RUN; then
    describe ApplicationStatus RUNNING >/dev/null
    return 0
  fi
  local status waited=0
  while :; do
    status="$(describe ApplicationStatus '')" || fail "cannot describe application $APP_NAME"
    case "$status" in
      RUNNING) echo "$APP_NAME is RUNNING (version $(describe ApplicationVersionId ''))"; return 0 ;;
      FAILED|READY|DELETING) fail "$APP_NAME is $status, not RUNNING: see its logs (docs/operations.md, Upgrade)" ;;
    esac
    if [ "$waited" -ge "$WAIT_TIMEOUT" ]; then
      fail "$APP_NAME still $status after ${WAIT_TIMEOUT}s: it did not reach RUNNING (docs/operations.md, Upgrade)"
    fi
    echo "$APP_NAME is $status; waiting" >&2
    sleep "$POLL_SECONDS"
    waited=$((waited + POLL_SECONDS))
  done
}

# Options every script takes; parse_common_option returns 1 for an option it does not know.
COMMON_HELP="  --app-name NAME        Managed Flink application [\$DES_APP_NAME, $APP_NAME]
  --region REGION        AWS region [\$DES_REGION, else the aws CLI's own configuration]
  --wait-timeout SECONDS how long to wait for RUNNING [\$DES_WAIT_TIMEOUT, $WAIT_TIMEOUT]
  --dry-run              print every call, one per line, instead of making it
  -h, --help             this help"

SHIFT_BY=0
parse_common_option() {
  SHIFT_BY=1
  case "$1" in
    --app-name) APP_NAME="${2?--app-name needs a value}"; SHIFT_BY=2 ;;
    --region) REGION="${2?--region needs a value}"; SHIFT_BY=2 ;;
    --wait-timeout) WAIT_TIMEOUT="${2?--wait-timeout needs a value}"; SHIFT_BY=2 ;;
    --dry-run) DRY_RUN=true ;;
    *) return 1 ;;
  esac
}

# Under --dry-run, describe prints to fd 3 (the script's standard output) while its answer is captured.
exec 3>&1
