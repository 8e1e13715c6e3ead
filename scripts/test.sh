#!/usr/bin/env bash
# THE test command: runs every test of every module, the real-bpftrace ones included.
#
#   scripts/test.sh                     all modules: Surefire *Test and Failsafe *IT
#   scripts/test.sh -pl shared-model    extra arguments go to Maven as they are
#
# As root on Debian/Ubuntu it first installs what the tests use (bpftrace, the python3 with
# USDT probes, FastAPI/uvicorn for the sample services, wrk, python3.11-dev + gcc for the
# offsets check, libseccomp2, chromium + chromium-driver for the portal browser test), mounts
# tracefs when it is empty, and runs Maven with
# -Dcapgate.requireKernel=true: tests that need root + bpftrace then FAIL instead of
# skipping when the facility is missing. Not root: it says what is missing and those
# tests skip.
#
# Ends with "Tests: N passed, M failed, K skipped" summed over the Surefire/Failsafe
# reports this run wrote, and exits non-zero when Maven failed or a test failed.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

test_packages=(bpftrace python3 python3-fastapi python3-uvicorn wrk python3.11-dev gcc libseccomp2 chromium chromium-driver)

if cg_is_root; then
  cg_apt_install "${test_packages[@]}"
  cg_mount_tracefs || true   # with requireKernel the kernel tests then fail and say why
else
  cg_warn "not root: tests that need bpftrace will skip"
  cg_apt_install --warn "${test_packages[@]}"
fi
cg_find_jdk

# JDK 23+ warns about sun.misc.Unsafe memory access (used by Maven 3.8's Guice); JDK 21
# does not know the option and would refuse to start, so only add it where it exists.
if [[ $CG_JAVA_MAJOR -ge 23 && ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi

mvn_args=(-B -ntp)
if cg_is_root && command -v bpftrace >/dev/null 2>&1 && [[ " $* " != *" -Dcapgate.requireKernel"* ]]; then
  mvn_args+=(-Dcapgate.requireKernel=true)
  cg_log "root with bpftrace: kernel tests are required (-Dcapgate.requireKernel=true)"
fi
mvn_args+=(verify "$@")

# Only reports written by this run count (target/ may hold older ones, e.g. with -pl).
marker=$(mktemp "${TMPDIR:-/tmp}/capgate-test.XXXXXX")
trap 'rm -f "$marker"' EXIT

cg_log "mvn ${mvn_args[*]}"
# Debian's Maven 3.8 prints ANSI resets even with -B, the last one without a newline,
# which would glue itself to the summary line: strip them.
set +e
mvn "${mvn_args[@]}" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
mvn_status=${PIPESTATUS[0]}
set -e

# Sum tests/failures/errors/skipped over the <testsuite> of every fresh report.
read -r total failures errors skipped files < <(
  find . -path '*/target/surefire-reports/TEST-*.xml' -newer "$marker" -print0 -o \
         -path '*/target/failsafe-reports/TEST-*.xml' -newer "$marker" -print0 2>/dev/null |
    xargs -0 -r awk '
      /<testsuite[ >]/ && !seen[FILENAME]++ {
        nfiles++
        tag = substr($0, index($0, "<testsuite"))
        sub(/>.*/, "", tag)
        n = split("tests failures errors skipped", names, " ")
        for (i = 1; i <= n; i++)
          if (match(tag, " " names[i] "=\"[0-9]+\"")) {
            v = substr(tag, RSTART, RLENGTH); gsub(/[^0-9]/, "", v); sum[names[i]] += v
          }
      }
      END { printf "%d %d %d %d %d\n", sum["tests"], sum["failures"], sum["errors"], sum["skipped"], nfiles }' |
    awk '{ t += $1; f += $2; e += $3; s += $4; n += $5 } END { printf "%d %d %d %d %d\n", t, f, e, s, n }'
)
failed=$((failures + errors))
passed=$((total - failed - skipped))

if [[ $mvn_status -ne 0 ]]; then
  cg_warn "Maven failed (exit $mvn_status)"
fi
if [[ $files -eq 0 ]]; then
  cg_warn "no test reports were written"
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"

if [[ $mvn_status -ne 0 ]]; then exit "$mvn_status"; fi
if [[ $failed -gt 0 ]]; then exit 1; fi
exit 0
