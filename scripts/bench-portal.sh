#!/usr/bin/env bash
# The portal benchmark: server-side timings on the real embedded PostgreSQL.
#
#   scripts/bench-portal.sh
#
# Diff of two 500-module x 50-syscall manifests, the first page of a 10k-version history and of
# a 100k-row audit log (median, p99, max of repeated runs after a warm-up). Prints a Markdown
# table and writes it to portal/target/bench/portal.md; docs/benchmarks.md carries the numbers.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
cg_find_jdk
if [[ $CG_JAVA_MAJOR -ge 23 && ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi
mvn -B -ntp -q -pl portal -am install -DskipTests
mvn -B -ntp -pl portal verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=PortalBench -Dfailsafe.failIfNoSpecifiedTests=false | sed -u 's/\x1b\[[0-9;]*m//g' | grep -v '^\[INFO\] Download'
cg_log "results: portal/target/bench/portal.md"
cat portal/target/bench/portal.md
