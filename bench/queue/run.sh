#!/usr/bin/env bash
# bench/queue: local queue throughput and fire-to-start latency; prints the numbers.
# Usage: bench/queue/run.sh [JOBS=5000] [CONCURRENCY=8] [ROUNDS=30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mvn -B -q -pl backend-local -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="backend-local/target/test-classes:backend-local/target/classes:$(cat backend-local/target/bench-classpath.txt)"
exec java -Xmx512m -cp "$CP" dev.datafactory.local.bench.QueueBenchmark "$@"
