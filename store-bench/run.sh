#!/usr/bin/env bash
# store-bench/run.sh [options]: builds the modules the benchmarks need and runs them all; options
# go to the benchmark (--size, --runs, --only, ...; see --help). SKIP_BUILD=1 skips the build.
# The table goes to stdout, progress to stderr; the exit code is 1 when a target was missed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # store-cli for the launcher and its jar (the cli group), store-bench for the harness
  ./mvnw -q -B -DskipTests package -pl store-cli,store-bench -am
fi
# A fixed, pre-touched heap: on a VM that hands freed memory back to its host, first touches of
# fresh memory during a run would be noise.
exec java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -jar store-bench/target/store-bench.jar --repo "$root" "$@"
