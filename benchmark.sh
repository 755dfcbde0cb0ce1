#!/usr/bin/env bash
# Runs the benchmarks (seeding throughput, query cost versus table size, cold start, memory, command cost) against DynamoDB
# Local and writes BENCHMARKS.md and benchmark-results.json at the repository root. Needs JDK 17+ and Maven.
# Takes about 10-15 minutes on 2 cores. Options are passed to the benchmark main, e.g.
#   ./benchmark.sh --scales 1,10 --iterations 50 --cold-runs 3     (a quick look; results still overwrite the files)
#   ./benchmark.sh --only lambdaEndpoint      (about a minute: only the local Lambda API section, merged into the files)
#   ./benchmark.sh --only commands            (a few minutes: only the command section, merged into the files)
#   ./benchmark.sh --only seeding             (about 8 minutes: only data generation and seeding, seeder memory included)
#   ./benchmark.sh --only streams            (the stream consumer: seeds through it, lag, cost per 1,000 orders)
#   ./benchmark.sh --only queries            (the query section: seeds k=1 and k=100, every pattern on both)
set -euo pipefail
cd "$(dirname "$0")"

echo "Building seeder-lambda, query-lambda, local-run and benchmark (tests skipped)..."
mvn -B -q -ntp -pl benchmark -am package -DskipTests

CLASSPATH_FILE=benchmark/target/classpath.txt
java -Xms1g -Xmx4g \
  -Dsqlite4java.library.path=benchmark/target/native-libs \
  -Dbench.queryJar=query-lambda/target/query-lambda.jar \
  -Dbench.seederJar=seeder-lambda/target/seeder-lambda.jar \
  -Dbench.floorJar=benchmark/target/floor-lambda.jar \
  -Dbench.launcherJar=benchmark/target/benchmark-1.0.0-SNAPSHOT-launcher.jar \
  -cp "benchmark/target/classes:$(cat "$CLASSPATH_FILE")" \
  com.example.northwind.benchmark.BenchmarkMain "$@"


