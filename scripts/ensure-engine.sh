#!/usr/bin/env bash
# Why: the engine tests, examples and benches need a real Docker engine, and a fresh machine has at most a client.
# Makes one reachable (installing docker.io and starting dockerd as root on Debian when needed) and installs
# docker-compose v1 (benches, parity test) and busybox-static (test images). Idempotent; quiet on success.
set -euo pipefail

MARKER=/run/stackform-started-dockerd
SOCKET=/var/run/docker.sock
LOG=/var/log/dockerd.log

say() { echo "ensure-engine: $*" >&2; }
die() {
  say "$*"
  exit 1
}

engine_answers() {
  if command -v docker >/dev/null 2>&1; then
    docker info >/dev/null 2>&1 && return 0
  fi
  # DOCKER_HOST points elsewhere; without a client there is no portable way to ask it.
  [ -z "${DOCKER_HOST:-}" ] && [ -S "$SOCKET" ] && command -v curl >/dev/null 2>&1 &&
    curl -fsS --max-time 2 --unix-socket "$SOCKET" http://x/_ping >/dev/null 2>&1
}

can_apt() { [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_install() {
  say "installing $* (apt-get)"
  local log
  log=$(mktemp)
  # Waits for the dpkg lock: another setup script may be installing at the same time.
  if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "apt-get install $* failed"
  fi
  rm -f "$log"
}

# What is missing, as Debian packages.
need=()
engine_up=no
if engine_answers; then engine_up=yes; fi
if ! command -v docker >/dev/null 2>&1 ||
  { [ "$engine_up" = no ] && [ -z "${DOCKER_HOST:-}" ] && ! command -v dockerd >/dev/null 2>&1; }; then
  need+=(docker.io)
fi
if ! command -v docker-compose >/dev/null 2>&1; then need+=(docker-compose); fi
if command -v dpkg-query >/dev/null 2>&1; then
  installed busybox-static || need+=(busybox-static)
elif ! [ -x /bin/busybox ]; then
  need+=(busybox-static)
fi

if [ "${#need[@]}" -gt 0 ]; then
  if can_apt; then
    apt_install "${need[@]}"
  else
    die "missing: ${need[*]}. Install them (Debian packages: ${need[*]}), or run this script as root on Debian."
  fi
fi

# A client just installed may be what was missing to reach the engine.
if [ "$engine_up" = yes ] || engine_answers; then exit 0; fi

if [ -n "${DOCKER_HOST:-}" ]; then
  die "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there (docker info fails). Start that engine, or unset DOCKER_HOST to use a local one."
fi

if ! can_apt; then
  die "no Docker engine answers on $SOCKET. Start one (e.g. 'sudo dockerd' or Docker Desktop), or set DOCKER_HOST; as root on Debian this script starts one itself."
fi

# A dockerd that is still starting (e.g. a parallel run) gets time to come up instead of a twin.
started=no
if ! pgrep -x dockerd >/dev/null 2>&1; then
  say "starting dockerd (log: $LOG)"
  setsid dockerd >"$LOG" 2>&1 </dev/null &
  launcher=$!
  echo "$launcher" >"$MARKER"
  started=yes
fi

for _ in $(seq 1 60); do
  if engine_answers; then
    # dockerd records its own pid; prefer it to the launcher's.
    if [ "$started" = yes ] && [ -s /var/run/docker.pid ]; then
      pid=$(cat /var/run/docker.pid)
      echo "$pid" >"$MARKER"
    fi
    exit 0
  fi
  if [ "$started" = yes ] && ! kill -0 "$launcher" 2>/dev/null && ! pgrep -x dockerd >/dev/null 2>&1; then
    rm -f "$MARKER"
    tail -n 20 "$LOG" >&2 2>/dev/null || true
    die "dockerd exited at start; see $LOG"
  fi
  sleep 0.5
done

tail -n 20 "$LOG" >&2 2>/dev/null || true
die "dockerd did not answer on $SOCKET within 30 s; see $LOG"
