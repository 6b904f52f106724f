#!/usr/bin/env bash
# Quick start, second command, and what CI runs: typecheck, lint, build and every test, the
# integration tests against a real Docker engine. A dockerd started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

engine_was_running=yes
if ! docker info >/dev/null 2>&1; then engine_was_running=no; fi
if [ "$engine_was_running" = no ]; then trap 'bash scripts/stop-engine.sh' EXIT; fi

bash scripts/setup.sh
bash scripts/ensure-test-tools.sh
pnpm check
