#!/usr/bin/env bash
# Regenerates what is drawn from the item model: the tables of docs/key-design.md, docs/query-api.md and
# docs/command-api.md, the pattern and command lists of the local run's help (local-run/src/main/resources/help),
# and the design files made from it and a real sample of the CSVs (docs/northwind.workbench.json,
# docs/table-layout.svg).
# The prose around the tables is hand-written; the generated parts are not: GeneratedDocsTest fails when they drift.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q compile -pl schema
CP="schema/target/classes:$(ls ~/.m2/repository/software/amazon/awssdk/dynamodb/*/dynamodb-*.jar 2>/dev/null | head -1)"
java -cp "$CP" com.example.northwind.model.DocsGenerator .
# The design files need the seeder's CSV reader: build local-run and run with its classpath.
mvn -B -ntp -q -DskipTests package -pl local-run -am
java -cp "local-run/target/classes:$(cat local-run/target/classpath.txt)" com.example.northwind.local.design.DesignDocs .
