#!/usr/bin/env bash
# The portal benchmark: server-side timings on the real embedded PostgreSQL.
#
#   scripts/bench-portal.sh
#
# 1. Diff of two 500-module x 50-syscall manifests (in memory, and through the portal's service
#    from two stored versions) and the first page of a 10k-version history (PortalBench: median,
#    p99, max of repeated runs after a warm-up; written to portal/target/bench/portal.md).
# 2. The audit log with 100k chained rows: first-page latency, append and verify
#    (scripts/audit-bench.sh).
# docs/benchmarks.md carries the numbers.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
cg_find_jdk
if [[ $CG_JAVA_MAJOR -ge 23 && ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi
# One reactor build: the portal runs with this tree's model and migrations, never a stale local-repository jar.
mvn -B -ntp -pl shared-model,db-migrations,portal verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=PortalBench -Dfailsafe.failIfNoSpecifiedTests=false | sed -u 's/\x1b\[[0-9;]*m//g' | grep -v '^\[INFO\] Download'
cg_log "results: portal/target/bench/portal.md"
cat portal/target/bench/portal.md
cg_log "audit log: 100k rows"
scripts/audit-bench.sh 100000 50
