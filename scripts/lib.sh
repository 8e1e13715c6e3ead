# shellcheck shell=bash
# Functions shared by Capgate's scripts (scripts/test.sh, scripts/run.sh).
# Source it; it sets no shell options of its own and runs nothing.
#
#   cg_log MSG...                 timestamped step message on stderr
#   cg_warn MSG... / cg_die MSG...
#   cg_is_root                    true when running as uid 0
#   cg_need_root_for_apt          true when apt-get can install (root + apt-get + dpkg-query)
#   cg_apt_install [--warn] PKG...
#                                 installs the missing Debian packages (apt-get update once);
#                                 --warn: when they cannot be installed, say what to install
#                                 and return 0; without it, that is fatal
#   cg_mount_tracefs              mounts tracefs on /sys/kernel/tracing when it is empty
#   cg_java_major JAVA            prints the feature version (17, 21, 25...) of a java binary
#   cg_find_jdk                   exports JAVA_HOME (+PATH) for a JDK >= 21, or exits

CG_MIN_JAVA=21
CG_APT_UPDATED=${CG_APT_UPDATED:-}

cg_log() { printf '[capgate %s] %s\n' "$(date '+%H:%M:%S')" "$*" >&2; }
cg_warn() { printf '[capgate %s] WARNING: %s\n' "$(date '+%H:%M:%S')" "$*" >&2; }
cg_die() { printf '[capgate %s] ERROR: %s\n' "$(date '+%H:%M:%S')" "$*" >&2; exit 1; }

cg_is_root() { [[ $(id -u) -eq 0 ]]; }

# True when this process can install Debian packages. Prints why not otherwise.
cg_need_root_for_apt() {
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    cg_warn "no apt-get/dpkg-query: automatic installs need Debian or Ubuntu"
    return 1
  fi
  if ! cg_is_root; then
    cg_warn "not root: cannot install packages with apt-get (run as root, e.g. with sudo)"
    return 1
  fi
  return 0
}

# True when the Debian package is installed (dpkg status "install ok installed").
cg_pkg_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

cg_apt_install() {
  local warn_only=""
  if [[ ${1:-} == --warn ]]; then warn_only=1; shift; fi
  local missing=() pkg
  if ! command -v dpkg-query >/dev/null 2>&1; then
    cg_warn "not a Debian/Ubuntu system: cannot check packages; make sure these (or your distribution's equivalents) are installed: $*"
    return 0
  fi
  for pkg in "$@"; do
    cg_pkg_installed "$pkg" || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0

  if ! cg_need_root_for_apt; then
    local msg="missing packages: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}"
    if [[ -n $warn_only ]]; then cg_warn "$msg"; return 0; fi
    cg_die "$msg"
  fi

  local log
  log=$(mktemp "${TMPDIR:-/tmp}/capgate-apt.XXXXXX")
  if [[ -z $CG_APT_UPDATED ]]; then
    cg_log "apt-get update"
    if ! DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 update >"$log" 2>&1; then
      tail -n 20 "$log" >&2
      rm -f "$log"
      cg_die "apt-get update failed"
    fi
    CG_APT_UPDATED=1
  fi
  cg_log "apt-get install ${missing[*]}"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
        "${missing[@]}" </dev/null >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    cg_die "apt-get install ${missing[*]} failed"
  fi
  rm -f "$log"
}

# bpftrace reads tracepoint formats from tracefs; some containers leave it unmounted.
# Returns 1 (with a message) when it stays empty.
cg_mount_tracefs() {
  local dir=/sys/kernel/tracing
  if [[ -d $dir ]] && [[ -n $(ls -A "$dir" 2>/dev/null) ]]; then
    return 0
  fi
  if ! cg_is_root; then
    cg_warn "tracefs is not mounted at $dir and mounting it needs root: sudo mount -t tracefs nodev $dir"
    return 1
  fi
  cg_log "mounting tracefs on $dir"
  if ! mount -t tracefs nodev "$dir" 2>/dev/null || [[ -z $(ls -A "$dir" 2>/dev/null) ]]; then
    cg_warn "could not mount tracefs on $dir (a container without CAP_SYS_ADMIN or a kernel without CONFIG_FTRACE?); bpftrace tracepoints will not work"
    return 1
  fi
}

# Prints the feature version of a java binary: 1.8 -> 8, 17.0.15 -> 17, 25 -> 25.
cg_java_major() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  v=${v#1.}
  [[ $v =~ ^[0-9]+$ ]] && printf '%s\n' "$v"
}

# Exports JAVA_HOME (and puts its bin/ first on PATH) for a JDK whose java is >= 21:
# JAVA_HOME when it qualifies, else the newest /usr/lib/jvm/*/bin/java that does.
cg_find_jdk() {
  local found=() major best="" best_major=0 java home
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    major=$(cg_java_major "$JAVA_HOME/bin/java" || true)
    if [[ -n $major && $major -ge $CG_MIN_JAVA ]]; then
      best=$JAVA_HOME best_major=$major
    else
      found+=("JAVA_HOME=$JAVA_HOME (${major:-unknown})")
    fi
  fi
  if [[ -z $best ]]; then
    for java in /usr/lib/jvm/*/bin/java; do
      [[ -x $java ]] || continue
      home=${java%/bin/java}
      [[ -L $home ]] && continue   # aliases such as default-java point at a real dir listed too
      major=$(cg_java_major "$java" || true)
      found+=("$home (${major:-unknown})")
      if [[ -n $major && $major -ge $CG_MIN_JAVA && $major -gt $best_major ]]; then
        best=$home best_major=$major
      fi
    done
  fi
  if [[ -z $best ]]; then
    local on_path
    on_path=$(command -v java 2>/dev/null || true)
    [[ -n $on_path ]] && found+=("java on PATH: $on_path ($(cg_java_major "$on_path" || echo unknown))")
    local list=""
    [[ ${#found[@]} -gt 0 ]] && list=$(printf '%s; ' "${found[@]}") && list=${list%; }
    cg_die "Capgate needs a JDK >= $CG_MIN_JAVA; found: ${list:-none}. Install one (e.g. apt-get install openjdk-21-jdk-headless, or Temurin) or set JAVA_HOME."
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
  CG_JAVA_MAJOR=$best_major
  export CG_JAVA_MAJOR
  cg_log "JDK $best_major at $JAVA_HOME"
}
