#!/usr/bin/env bash
# THE benchmark command: Capgate's overhead, as ratios to untraced runs measured in the same run.
#
#   scripts/bench.sh                         every workload and column (about 8-10 minutes on 2 cores)
#   scripts/bench.sh --workloads stat --rounds 1 --no-profile
#                                            extra arguments go to bench/bench.py (--help lists them)
#
# Workloads on /usr/bin/python3.11: 1M Python calls, 200k os.stat, FastAPI under uvicorn driven by wrk on
# 127.0.0.1. Columns: untraced, ./capgate trace, ./capgate run --on-violation log and kill (manifest from
# ./capgate build of the trace), and a secimport-style USDT baseline. Writes
# bench/out/results.md and bench/out/results.json and prints the tables. docs/benchmarks.md explains the method
# and holds the last published results.
#
# Needs root (bpftrace, /proc/PID/mem, kernel.bpf_stats_enabled) on Debian/Ubuntu: installs bpftrace, python3
# (Debian's 3.11 with USDT probes), python3-fastapi, python3-uvicorn, wrk and bpftool when missing, mounts tracefs,
# and builds agent/target/capgate-agent.jar when it is missing or older than a source. CI does not run this.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

cg_is_root || cg_die "the benchmark needs root (bpftrace, /proc/PID/mem, kernel.bpf_stats_enabled): run it with sudo"
cg_apt_install bpftrace python3 python3-fastapi python3-uvicorn wrk bpftool
cg_mount_tracefs || cg_die "bpftrace needs tracefs"
[[ -x /usr/bin/python3.11 ]] || cg_die "the workloads run on /usr/bin/python3.11 (Debian's python3.11, which has USDT probes)"
cg_find_jdk

jar=$root_dir/agent/target/capgate-agent.jar
jar_is_stale() {
  [[ -f $jar ]] || return 0
  [[ -n $(find shared-model/src bpftrace-templates/src agent/src pom.xml shared-model/pom.xml \
      bpftrace-templates/pom.xml agent/pom.xml -newer "$jar" -type f -print -quit 2>/dev/null) ]]
}
if jar_is_stale; then
  command -v mvn >/dev/null 2>&1 || cg_apt_install maven
  if [[ $CG_JAVA_MAJOR -ge 23 && ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
  fi
  cg_log "building $jar"
  mvn -q -B -ntp -DskipTests -pl agent -am package 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' >&2
  touch "$jar"
fi
[[ -f $jar ]] || cg_die "no agent jar at $jar"

cg_log "benchmark: results go to bench/out/ (pass --out DIR to change)"
exec /usr/bin/python3 bench/bench.py --capgate "$root_dir/capgate" --java "$JAVA_HOME/bin/java" --jar "$jar" "$@"
