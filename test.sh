#!/usr/bin/env bash
# Runs every test from a fresh clone: installs the pinned CDK CLI (npm), builds all modules with Maven and
# runs the template-assertion and DynamoDB Local tests. Needs JDK 17+, Maven 3.8+, Node 20+ and npm.
# No AWS account, no Docker.
set -euo pipefail
cd "$(dirname "$0")"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

if [ ! -x node_modules/.bin/cdk ] || [ ! -d node_modules/@cdklabs/cdk-validator-cfnguard ]; then
  npm ci --no-audit --no-fund
fi
mvn -B -ntp verify "$@"
