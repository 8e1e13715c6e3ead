#!/usr/bin/env bash
# THE run command: starts Capgate on its embedded defaults.
#
#   scripts/run.sh [portal options...]        e.g. --server.port=9090
#
# Builds the portal and agent jars when they are missing or older than the sources, then starts the portal on
# http://localhost:8080 (PORT overrides) with an embedded PostgreSQL whose data lives in
# ${CAPGATE_DATA_DIR:-~/.capgate/portal} and survives restarts. Set the usual Spring variables
# (SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD) to use an external PostgreSQL
# instead; Flyway migrates either one on start.
#
# First start: creates the organization and the user 'admin' with the password from CAPGATE_ADMIN_PASSWORD, or a
# generated one printed once below; it must be changed at first login.
#
# As root with bpftrace (installed here with apt when missing), it also runs the whole loop on this machine: the
# sample FastAPI service (examples/fastapi-demo, /usr/bin/python3.11, port ${CAPGATE_SAMPLE_PORT:-8000}) with a
# little traffic, and a local agent (state in ${CAPGATE_AGENT_DIR:-~/.capgate/agent}) that the portal enrolls
# through a one-time token in its data folder and assigns the sample to in OBSERVE mode: live observations show
# in the portal (project "Sample", service "fastapi-demo", Trace review) within a minute. CAPGATE_LOCAL_AGENT=0
# turns that off. Without root or bpftrace it starts the portal alone and says why. Ctrl-C stops everything.
# The CLI demo without the portal is scripts/demo.sh.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

cg_find_jdk
if [[ $CG_JAVA_MAJOR -ge 23 && ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi

portal_jar=portal/target/capgate-portal.jar
agent_jar=agent/target/capgate-agent.jar
stale() { # jar, sources...
  [[ ! -f $1 ]] || [[ -n $(find "${@:2}" -newer "$1" -type f -print -quit 2>/dev/null) ]]
}
if stale "$portal_jar" pom.xml shared-model/src shared-model/pom.xml db-migrations portal/src portal/pom.xml \
    || stale "$agent_jar" pom.xml shared-model/src bpftrace-templates agent/src agent/pom.xml; then
  cg_log "building the portal and the agent (mvn package, tests skipped: scripts/test.sh runs them)"
  mvn -B -ntp -q -pl portal,agent -am package -DskipTests
fi

data_dir=${CAPGATE_DATA_DIR:-$HOME/.capgate/portal}
agent_dir=${CAPGATE_AGENT_DIR:-$HOME/.capgate/agent}
sample_port=${CAPGATE_SAMPLE_PORT:-8000}
portal_port=${PORT:-8080}
mkdir -p "$data_dir"
chmod 700 "$data_dir"

# Why no local agent can run here, or nothing when one can.
local_agent_blocker() {
  [[ ${CAPGATE_LOCAL_AGENT:-1} != 0 ]] || { echo "CAPGATE_LOCAL_AGENT=0"; return; }
  cg_is_root || { echo "it needs root (bpftrace attaches kernel probes): run as root, e.g. with sudo"; return; }
  cg_apt_install --warn bpftrace python3.11 python3-fastapi python3-uvicorn curl
  command -v bpftrace >/dev/null 2>&1 || { echo "bpftrace is not installed (apt-get install bpftrace)"; return; }
  [[ -x /usr/bin/python3.11 ]] || { echo "/usr/bin/python3.11 (the sample's interpreter) is missing"; return; }
  /usr/bin/python3.11 -c 'import fastapi, uvicorn' 2>/dev/null \
    || { echo "the sample needs python3-fastapi and python3-uvicorn"; return; }
  cg_mount_tracefs >/dev/null 2>&1 || { echo "tracefs is not mounted and cannot be"; return; }
}
blocker=$(local_agent_blocker)

children=()
stop_all() {
  local pid
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

extra=()
[[ -z $blocker ]] && extra+=(--capgate.local-agent.enabled=true)
cg_log "portal: http://localhost:$portal_port (data in $data_dir)"
"$JAVA_HOME/bin/java" -jar "$portal_jar" --capgate.portal.data-dir="$data_dir" --server.port="$portal_port" \
  "${extra[@]}" "$@" &
portal=$!
children+=("$portal")

if [[ -n $blocker ]]; then
  cg_log "no local agent: $blocker"
  wait "$portal"
  exit $?
fi

wait_for() { # what, seconds, command...
  local what=$1 seconds=$2 i
  shift 2
  for ((i = 0; i < seconds * 2; i++)); do
    "$@" && return 0
    kill -0 "$portal" 2>/dev/null || cg_die "the portal exited while waiting for $what"
    sleep 0.5
  done
  cg_die "timed out after ${seconds}s waiting for $what"
}
wait_for "the portal" 240 curl -fsS -o /dev/null "http://localhost:$portal_port/login"

logs="$data_dir/local-agent"
mkdir -p "$logs"
chmod 700 "$logs"
cg_log "sample service: http://localhost:$sample_port (examples/fastapi-demo on /usr/bin/python3.11; log in $logs/sample.log)"
(cd examples/fastapi-demo && exec /usr/bin/python3.11 -m uvicorn app.main:app --port "$sample_port") \
  >"$logs/sample.log" 2>&1 &
children+=($!)

if [[ ! -f $agent_dir/enrollment.properties ]]; then
  token_file="$data_dir/local-agent/enrollment.token"
  wait_for "the local agent's enrollment token" 60 test -s "$token_file"
  cg_log "enrolling the local agent (state in $agent_dir)"
  ./capgate agent enroll --token="$(cat "$token_file")" --state-dir "$agent_dir"
  rm -f "$token_file"
fi
cg_log "local agent: supervising what the portal assigns (log in $logs/agent.log)"
./capgate agent run --state-dir "$agent_dir" >"$logs/agent.log" 2>&1 &
children+=($!)

# A little traffic so the sample has behaviour to observe; /backdoor is left for you to try.
( while sleep 2; do
    curl -fsS -o /dev/null "http://localhost:$sample_port/" || true
    curl -fsS -o /dev/null "http://localhost:$sample_port/items/$((RANDOM % 100))?q=capgate" || true
  done ) &
children+=($!)
cg_log "ready: sign in at http://localhost:$portal_port, open project Sample > fastapi-demo; Ctrl-C stops all"
wait "$portal"
