#!/usr/bin/env bash
# The fleet ingestion benchmark: one agent streams over mutual TLS into the portal's PostgreSQL.
#
#   scripts/bench-fleet.sh [OBSERVATIONS [VIOLATIONS [BATCH]]]     (default 3000000 100000 1000)
#
# A warm-up goes first (CAPGATE_BENCH_WARMUP_OBSERVATIONS, default 1000000, and CAPGATE_BENCH_WARMUP_VIOLATIONS,
# default 50000): stored and checked like the rest, its rates reported as "cold", not as the sustained ones.
#
# Builds the agent jar and runs FleetIngestBench in the portal's test context (embedded PostgreSQL, the
# gateway on a loopback TLS port): it creates an enrollment token, enrolls the packaged agent with
# 'capgate agent enroll', runs the agent's load generator (io.capgate.agent.fleet.load.FleetLoad) through the
# agent's spool and connection, asserts zero loss (row counts, sums, contiguous sequences) and writes rates and
# CPU-seconds per 1k events to portal/target/bench/fleet.md. CAPGATE_BENCH_STACK_EVERY_ENTRY=true gives every
# observation entry a sample stack (the engine sends one per (module, syscall) pair and session). Then ViolationLatencyBench streams violations
# (CAPGATE_BENCH_PER_SECOND, default 100/s, for 10 s) into an open /violations page in Chromium and prints the
# send-to-row p50/p99. docs/benchmarks.md carries the numbers.
# Not part of CI's test run: the numbers depend on the machine, and nothing asserts a time.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
cg_find_jdk
if [[ $CG_JAVA_MAJOR -ge 23 && ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi
observations=${1:-3000000}
violations=${2:-100000}
batch=${3:-1000}
offline=()
[[ ${CG_OFFLINE:-} == 1 ]] && offline=(-o)

cg_log "building the agent jar"
mvn -B -ntp "${offline[@]}" -q -pl shared-model,bpftrace-templates,agent package -DskipTests
cg_log "streaming $observations observation entries (batches of $batch) and $violations violations"
# One reactor build: the portal runs with this tree's model and migrations, never a stale local-repository jar.
mvn -B -ntp "${offline[@]}" -pl shared-model,db-migrations,portal verify -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FleetIngestBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dcapgate.bench.observations="$observations" -Dcapgate.bench.violations="$violations" \
  -Dcapgate.bench.warmup-observations="${CAPGATE_BENCH_WARMUP_OBSERVATIONS:-1000000}" \
  -Dcapgate.bench.warmup-violations="${CAPGATE_BENCH_WARMUP_VIOLATIONS:-50000}" \
  -Dcapgate.bench.batch="$batch" -Dcapgate.bench.stack-every-entry="${CAPGATE_BENCH_STACK_EVERY_ENTRY:-false}" \
  -Dcapgate.bench.agent-jar="$root_dir/agent/target/capgate-agent.jar" \
  | sed -u 's/\x1b\[[0-9;]*m//g' | grep -v '^\[INFO\] Download'
cg_log "machine: $(nproc) CPUs, kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
cg_log "results: portal/target/bench/fleet.md (agent log: portal/target/bench/fleet-agent.log)"
cat portal/target/bench/fleet.md

cg_log "violation to browser: ${CAPGATE_BENCH_PER_SECOND:-100} violations/s for 10 s into an open /violations page in Chromium"
mvn -B -ntp "${offline[@]}" -pl shared-model,db-migrations,portal verify -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ViolationLatencyBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.perSecond="${CAPGATE_BENCH_PER_SECOND:-100}" -Dbench.violations="$((${CAPGATE_BENCH_PER_SECOND:-100} * 10))" \
  | sed -u 's/\x1b\[[0-9;]*m//g' | grep 'ViolationLatencyBench:\|ERROR\|FAIL'
cg_log "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"
