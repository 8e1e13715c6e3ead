#!/usr/bin/env bash
# The CLI demo (no portal): trace, build and enforce the bundled FastAPI sample.
#
#   sudo scripts/demo.sh [demo options...]
#
# Installs what the demo needs (bpftrace, the Debian python3 with USDT probes, FastAPI and
# uvicorn for the bundled sample service) when missing, mounts tracefs when it is empty,
# picks a JDK >= 21, then hands over to `./capgate demo`, which traces the sample while
# sending it requests, builds its manifest, runs it enforced and shows a /backdoor request
# being killed before its shell command runs. Extra arguments go to `capgate demo`.
#
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

run_packages=(bpftrace python3 python3-fastapi python3-uvicorn)

if ! cg_is_root; then
  # Same exit code as the CLI's "not root" (77, EX_NOPERM).
  cg_warn "the demo traces with bpftrace, which needs root: sudo scripts/demo.sh"
  exit 77
fi
cg_apt_install "${run_packages[@]}"
cg_mount_tracefs || exit 71   # the CLI's "tracefs unavailable" code
cg_find_jdk

if [[ $CG_JAVA_MAJOR -ge 23 && ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi

if [[ ! -x ./capgate ]]; then
  cg_die "./capgate (the launcher at the repository root) is missing or not executable"
fi
cg_log "./capgate demo $*"
exec ./capgate demo "$@"
