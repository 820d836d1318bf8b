#!/usr/bin/env bash
# JMH micro-benchmarks (TST-5): access-token signing and verification per algorithm, the
# per-request guard, and one Argon2id verification (the hashing limit of login).
#   bench/jmh.sh                 # all, 1 fork, 3 warm-up and 5 measured iterations of 2 s
#   bench/jmh.sh RequestGuard    # a regex of benchmarks, as JMH takes it
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench test-compile -DskipTests
mvn -B -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
mkdir -p target/tmp bench/results
java -Djava.io.tmpdir=target/tmp -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.openjdk.jmh.Main -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff bench/results/jmh.json "${1:-.*Benchmark.*}"
