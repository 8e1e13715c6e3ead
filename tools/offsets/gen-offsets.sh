#!/usr/bin/env bash
# Generates the CPython struct offsets Capgate's stack walker needs, as the
# .properties resource the agent bundles (io/capgate/agent/python/offsets/).
#
# Usage:
#   tools/offsets/gen-offsets.sh [--python EXE]... [--include DIR]... [-o FILE] [--check FILE]
#
#   --python EXE   an interpreter; its headers are sysconfig's 'include' path
#                  (on Debian: install python3.X-dev for the internal headers)
#   --include DIR  a header directory (the one holding Python.h) instead
#   -o FILE        write the .properties there instead of stdout
#   --check FILE   regenerate and fail unless FILE holds the same offsets
#                  (comments and pyversion.hex are not compared)
#
# With several --python/--include the offsets of every one are generated and
# must be identical (pyversion.hex aside), so one file can serve them all; the
# header lists each interpreter and version. Supported: 3.11 and 3.12. 3.13+
# publishes its offsets in _PyRuntime (_Py_DebugOffsets, cookie "xdebugpy").
#
# Example (the bundled 3.11 file):
#   tools/offsets/gen-offsets.sh --python /usr/bin/python3.11 \
#     --python /root/.pyenv/versions/3.11.7/bin/python3.11 \
#     -o agent/src/main/resources/io/capgate/agent/python/offsets/cpython-3.11.properties
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cc="${CC:-gcc}"
command_line="tools/offsets/gen-offsets.sh $*"
out=""
check=""
sources=()   # entries "python:EXE" or "include:DIR"

die() { echo "gen-offsets: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --python) [[ $# -ge 2 ]] || die "--python needs an executable"; sources+=("python:$2"); shift 2 ;;
    --include) [[ $# -ge 2 ]] || die "--include needs a directory"; sources+=("include:$2"); shift 2 ;;
    -o) [[ $# -ge 2 ]] || die "-o needs a file"; out="$2"; shift 2 ;;
    --check) [[ $# -ge 2 ]] || die "--check needs a file"; check="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ ${#sources[@]} -gt 0 ]] || sources=("python:$(command -v python3 || die 'no python3 on PATH; pass --python or --include')")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Prints the include directory of an interpreter (sysconfig's 'include').
include_of() {
  "$1" -I -S -c 'import sysconfig; print(sysconfig.get_paths()["include"])' \
    || die "cannot run $1 to ask for its include directory"
}

# Prints PY_VERSION (e.g. 3.11.2) as the headers in $1 declare it.
header_version() {
  sed -n 's/^#define PY_VERSION[[:space:]]*"\(.*\)".*/\1/p' "$1/patchlevel.h"
}

header_lines=()
first=""
i=0
for source in "${sources[@]}"; do
  kind="${source%%:*}"
  value="${source#*:}"
  if [[ "$kind" == python ]]; then
    exe="$value"
    [[ -x "$exe" ]] || die "$exe is not an executable"
    inc="$(include_of "$exe")"
    exe_version="$("$exe" -I -S -c 'import platform; print(platform.python_version())')"
  else
    exe=""
    inc="$value"
  fi
  [[ -f "$inc/Python.h" ]] || die "no Python.h in $inc (install the python3.X-dev package)"
  version="$(header_version "$inc")"
  minor="${version%.*}"
  case "$minor" in
    3.11|3.12) ;;
    *) die "Python $version ($inc) is not supported: offsets.c covers 3.11 and 3.12; 3.13+ publishes _Py_DebugOffsets in _PyRuntime" ;;
  esac
  [[ -f "$inc/internal/pycore_runtime.h" ]] \
    || die "no internal headers in $inc/internal (install python$minor-dev, or use a source build's include dir)"
  if [[ -n "$exe" && "${exe_version%.*}" != "$minor" ]]; then
    die "$exe is Python $exe_version but $inc holds headers of $version"
  fi
  "$cc" -std=c11 -Wall -Wextra -Werror -DPy_BUILD_CORE -I"$inc" \
    -o "$work/offsets$i" "$here/offsets.c" 2> "$work/cc$i.log" \
    || { cat "$work/cc$i.log" >&2; die "compiling offsets.c against $inc (Python $version) failed"; }
  "$work/offsets$i" > "$work/out$i.properties"
  grep -v '^pyversion.hex=' "$work/out$i.properties" > "$work/cmp$i"
  if [[ $i -eq 0 ]]; then
    first="$work/out0.properties"
  elif ! diff -u "$work/cmp0" "$work/cmp$i" >&2; then
    die "offsets for $version ($inc) differ from the first source; generate separate files"
  fi
  if [[ -n "$exe" ]]; then
    header_lines+=("# Interpreter: $exe (Python $exe_version), headers $inc")
  else
    header_lines+=("# Headers: $inc (Python $version)")
  fi
  i=$((i + 1))
done

{
  echo "# CPython ${minor} struct offsets for Capgate's Python stack walker. Generated; do not edit."
  echo "# Command: $command_line"
  printf '%s\n' "${header_lines[@]}"
  [[ $i -gt 1 ]] && echo "# All $i sources above produced identical offsets; pyversion.hex is the first one's."
  echo "# Compiler: $("$cc" --version | head -n 1)"
  echo "# Bits: unicode.state_X_shift/width were measured by setting each bitfield of a zeroed"
  echo "# PyASCIIObject to all ones and scanning the 32-bit state word (see offsets.c)."
  cat "$first"
} > "$work/result.properties"

if [[ -n "$check" ]]; then
  [[ -f "$check" ]] || die "$check does not exist"
  if ! diff -u <(grep -v -e '^#' -e '^pyversion.hex=' "$check") "$work/cmp0" >&2; then
    die "$check does not match the offsets generated now"
  fi
  echo "gen-offsets: $check matches" >&2
elif [[ -n "$out" ]]; then
  mkdir -p "$(dirname "$out")"
  cp "$work/result.properties" "$out"
  echo "gen-offsets: wrote $out" >&2
else
  cat "$work/result.properties"
fi
