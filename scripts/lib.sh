# shellcheck shell=bash
# Helpers shared by scripts/postgres.sh and search/engine/opensearch.sh (sourced, never run).
#
# The sourcing script sets LOG_NAME (the prefix of its messages) before sourcing this file.

log() { printf '%s: %s\n' "$LOG_NAME" "$*"; }
warn() { printf '%s: WARNING: %s\n' "$LOG_NAME" "$*" >&2; }
die() { printf '%s: ERROR: %s\n' "$LOG_NAME" "$*" >&2; exit 1; }

# check_port VARIABLE VALUE: die unless VALUE is a TCP port a user may bind (1024..65535).
check_port() {
  [[ "$2" =~ ^[0-9]+$ ]] && (($2 >= 1024 && $2 <= 65535)) \
    || die "$1 must be a number in 1024..65535 (got '$2')"
}

# apt_install PACKAGE...: install Debian packages (root, or through sudo), quietly.
apt_install() {
  command -v apt-get >/dev/null || die "missing: $* (and no apt-get to install it); install it by hand"
  local sudo=() out
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "missing: $*; need root (or sudo) to apt-get install it"
    sudo=(sudo)
  fi
  out="$(mktemp)"
  log "installing $* with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  # Try without 'apt-get update' first (fast when lists are fresh); update only if that fails.
  if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@" >"$out" 2>&1; then
    if ! { "${sudo[@]}" apt-get update -q && "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@"; } >>"$out" 2>&1; then
      tail -n 30 "$out" >&2
      rm -f "$out"
      die "apt-get install $* failed"
    fi
  fi
  rm -f "$out"
}

# tcp_open HOST PORT: something accepts TCP connections there (3 s at most).
tcp_open() {
  timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# port_owner PORT: best-effort description of who listens on PORT (needs ss).
port_owner() {
  if command -v ss >/dev/null; then
    ss -Hltnp "sport = :$1" 2>/dev/null | sed 's/^/    /' || true
  fi
}
