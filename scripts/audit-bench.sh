#!/usr/bin/env bash
# Audit log benchmark: loads ROWS (default 100000) chained audit rows for one organization into a
# fresh embedded PostgreSQL, then prints first-page latency (median, p99 of RUNS runs, default 50),
# append latency and full verification time. See docs/audit.md.
#   scripts/audit-bench.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
mvn=(mvn -B -ntp -q ${CAPGATE_MVN_OFFLINE:--o})
# One reactor build, so the portal runs with this tree's migrations and model (target/classes), not
# whatever another checkout last installed into the shared local repository.
"${mvn[@]}" -pl shared-model,db-migrations,portal -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow \
  -cp "portal/target/test-classes:portal/target/classes:$(cat portal/target/bench-classpath.txt)" \
  io.capgate.portal.audit.chain.AuditPagingBench "$@"
