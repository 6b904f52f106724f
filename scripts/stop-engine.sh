#!/usr/bin/env bash
# Why: a run must stop the dockerd it started (scripts/ensure-engine.sh) and never an engine someone else runs.
set -euo pipefail

MARKER=/run/stackform-started-dockerd

say() { echo "stop-engine: $*" >&2; }

[ -f "$MARKER" ] || exit 0
pid=$(tr -dc '0-9' <"$MARKER")

# The pid may have been reused since: only a dockerd is signalled.
if [ -z "$pid" ] || [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]; then
  rm -f "$MARKER"
  exit 0
fi

say "stopping dockerd (pid $pid)"
kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 30); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$MARKER"
    exit 0
  fi
  sleep 0.5
done

# The marker stays, so a second call can finish the job; the run itself is not failed for it.
say "dockerd (pid $pid) is still shutting down after 15 s; left running"
