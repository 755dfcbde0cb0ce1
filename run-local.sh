#!/usr/bin/env bash
# Runs the whole stack locally, no AWS account and no Docker: builds what is stale, synthesizes the CDK app
# when cdk.out is older than its inputs, then starts LocalRun (DynamoDB Local + the query and command functions'
# Lambda API, the stream consumer fed by a local event source mapping, table and seed taken from the synthesized
# templates). `./run-local.sh --help` lists the flags (printed from local-run/src/main/resources/help, before anything
# is built). `query` and `command` on a running stack skip the synth step; nothing is built or synthesized when nothing
# is stale.
set -euo pipefail
cd "$(dirname "$0")"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

say() { echo "run-local: $*" >&2; }

# --help prints the committed help texts (LocalRun prints the same files): no install, no build, no synth.
HELP=local-run/src/main/resources/help
subcommand="${1:-serve}"
help_asked=false
[ "$subcommand" = help ] && help_asked=true
for arg in "$@"; do
  if [ "$arg" = --help ] || [ "$arg" = -h ]; then help_asked=true; fi
done
if $help_asked; then
  case "$subcommand" in
    query) cat "$HELP/query.txt" "$HELP/patterns.txt" ;;
    command) cat "$HELP/command.txt" "$HELP/commands.txt" ;;
    *) cat "$HELP/run-local.txt" ;;
  esac
  exit 0
fi

# Rebuild when any main source or pom changed since the last successful build (or an output is missing).
# Timestamps, not `mvn install` every time: even an up-to-date Maven build takes longer than the whole start.
BUILD_STAMP=local-run/target/.run-local-built
MODULES="pom.xml schema lambda-common seeder-lambda query-lambda command-lambda stream-lambda infra local-run"
needs_build() {
  [ -f "$BUILD_STAMP" ] || return 0
  for f in local-run/target/classpath.txt infra/target/classpath.txt \
           seeder-lambda/target/seeder-lambda.jar query-lambda/target/query-lambda.jar \
           command-lambda/target/command-lambda.jar stream-lambda/target/stream-lambda.jar; do
    [ -f "$f" ] || return 0
  done
  # shellcheck disable=SC2086
  [ -n "$(find $MODULES \( -name target -o -path '*/src/test' -o -name node_modules \) -prune -o \
          -type f \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
          -newer "$BUILD_STAMP" -print -quit)" ]
}
if needs_build; then
  say "building (mvn install of schema, lambda-common, seeder-lambda, query-lambda, command-lambda, stream-lambda, infra, local-run)"
  # Maven 3.8 prints stray colour resets even with -B -q; strip escape sequences from its output.
  mvn -B -q -Dstyle.color=never -DskipTests install -pl local-run,infra,stream-lambda -am 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' >&2
  touch "$BUILD_STAMP"
fi

# The data folder: --data-dir DIR when given, else as the app finds it ($NORTHWIND_DIR, else ../shared/northwind).
# The app is synthesized from the same folder that is seeded, so the template's DataChecksum is that folder's.
DATA_DIR="${NORTHWIND_DIR:-../shared/northwind}"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[i]}" = "--data-dir" ] && [ $((i + 1)) -lt ${#args[@]} ]; then
    DATA_DIR="${args[i + 1]}"
  fi
done
if [ ! -d "$DATA_DIR" ]; then
  say "Northwind data folder not found: $DATA_DIR (pass --data-dir DIR or set NORTHWIND_DIR to the folder holding the CSVs)"
  exit 1
fi
DATA_DIR="$(cd "$DATA_DIR" && pwd)"

# A query or command on a running stack (served from this folder, or named with --lambda-port) uses its Lambda
# API: it needs no synthesized app, so neither npm nor cdk synth runs for it.
uses_running_stack() {
  [ "$subcommand" = query ] || [ "$subcommand" = command ] || return 1
  for arg in "$@"; do
    [ "$arg" = --lambda-port ] && return 0
  done
  # --ddb-endpoint without a stack on it runs the function in this process, from the synthesized app.
  for arg in "$@"; do
    [ "$arg" = --ddb-endpoint ] && return 1
  done
  for state in .run-local/stack-*.json; do
    [ -f "$state" ] || continue
    # Live: its process runs and its Lambda API accepts a connection (LocalRun checks the same).
    pid="$(sed -n 's/.*"pid" *: *\([0-9][0-9]*\).*/\1/p' "$state" | head -1)"
    port="$(sed -n 's/.*"lambdaEndpoint" *: *"http:\/\/127\.0\.0\.1:\([0-9][0-9]*\)".*/\1/p' "$state" | head -1)"
    if [ -n "$pid" ] && [ -n "$port" ] && kill -0 "$pid" 2>/dev/null \
        && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
  done
  return 1
}

# Synthesize when cdk.out is missing or older than the app, the Lambda jars, cdk.json or the data
# (the template carries the data's checksum), or was made from another data folder.
SYNTH_STAMP=cdk.out/.run-local-data-dir
needs_synth() {
  [ -f cdk.out/manifest.json ] && [ -f "$SYNTH_STAMP" ] || return 0
  [ "$(cat "$SYNTH_STAMP")" = "$DATA_DIR" ] || return 0
  [ -n "$(find infra/src/main infra/pom.xml cdk.json seeder-lambda/target/seeder-lambda.jar \
          query-lambda/target/query-lambda.jar command-lambda/target/command-lambda.jar \
          stream-lambda/target/stream-lambda.jar "$DATA_DIR" \
          -type f -newer cdk.out/manifest.json -print -quit)" ]
}
if ! uses_running_stack "$@" && needs_synth; then
  # The pinned CDK CLI (package.json); npm ci only on a fresh clone.
  if [ ! -d node_modules ]; then
    say "installing the CDK CLI (npm ci)"
    npm ci --no-audit --no-fund >&2
  fi
  say "synthesizing the CDK app into cdk.out"
  # --app skips cdk.json's own Maven build: the build above is already current.
  # Its output (a Node end-of-life banner, "Supply a stack id") is shown only when synthesis fails.
  if ! synth_log="$(NORTHWIND_DIR="$DATA_DIR" npx --no-install cdk synth -q --no-notices \
      --app "java -cp infra/target/classes:$(cat infra/target/classpath.txt) com.example.northwind.infra.NorthwindApp" 2>&1)"; then
    echo "$synth_log" >&2
    say "synthesis failed (output above)"
    exit 1
  fi
  echo "$DATA_DIR" > "$SYNTH_STAMP"
fi

NORTHWIND_DIR="$DATA_DIR" exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dsqlite4java.library.path=local-run/target/native-libs -Dslf4j.internal.verbosity=ERROR \
  -cp "local-run/target/classes:$(cat local-run/target/classpath.txt)" \
  com.example.northwind.local.LocalRun "$@"
