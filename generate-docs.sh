#!/usr/bin/env bash
# Regenerates the tables of README.md and docs/key-design.md from the item model (schema/…/model).
# The prose around the tables is hand-written; the tables are not: GeneratedDocsTest fails when they drift.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q compile -pl schema
CP="schema/target/classes:$(ls ~/.m2/repository/software/amazon/awssdk/dynamodb/*/dynamodb-*.jar 2>/dev/null | head -1)"
java -cp "$CP" com.example.northwind.model.DocsGenerator .
