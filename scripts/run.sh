#!/usr/bin/env bash
# THE run command: starts Capgate on its embedded defaults.
#
#   scripts/run.sh [portal options...]        e.g. --server.port=9090
#
# Builds the portal jar when it is missing or older than the sources, then starts the portal
# on http://localhost:8080 (PORT overrides) with an embedded PostgreSQL whose data lives in
# ${CAPGATE_DATA_DIR:-~/.capgate/portal} and survives restarts. Set the usual Spring variables
# (SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD) to use an
# external PostgreSQL instead; Flyway migrates either one on start.
#
# First start: creates the organization and the user 'admin' with the password from
# CAPGATE_ADMIN_PASSWORD, or a generated one printed once below; it must be changed at first
# login. The CLI demo without the portal is scripts/demo.sh.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

cg_find_jdk
if [[ $CG_JAVA_MAJOR -ge 23 && ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi

jar=portal/target/capgate-portal.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml shared-model/src shared-model/pom.xml db-migrations portal/src portal/pom.xml \
      -newer "$jar" -type f -print -quit 2>/dev/null) ]]; then
  cg_log "building the portal (mvn -pl portal -am package, tests skipped: scripts/test.sh runs them)"
  mvn -B -ntp -q -pl portal -am package -DskipTests
fi

data_dir=${CAPGATE_DATA_DIR:-$HOME/.capgate/portal}
mkdir -p "$data_dir"
chmod 700 "$data_dir"

if cg_is_root && command -v bpftrace >/dev/null 2>&1; then
  cg_log "root with bpftrace: the local agent arrives with the agent-fleet work; for now enforce with ./capgate (see README)"
else
  cg_log "no local agent: it needs root and bpftrace"
fi
cg_log "portal: http://localhost:${PORT:-8080} (data in $data_dir)"
exec "$JAVA_HOME/bin/java" -jar "$jar" --capgate.portal.data-dir="$data_dir" "$@"
