#!/usr/bin/env bash
# Everything a fresh machine needs before Stackform runs: pnpm, the workspace's packages, a built
# CLI, a reachable Docker engine and the locally made images the examples and tests use.
# Idempotent: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: installing pnpm" >&2
  npm install -g --silent pnpm@10.34.9 >&2
fi
pnpm install --frozen-lockfile --silent >&2
pnpm --silent build >&2
bash scripts/ensure-engine.sh
bash scripts/make-test-images.sh
