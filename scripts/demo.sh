#!/usr/bin/env bash
# Quick start, first command: set up a fresh machine and apply the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
stack=./node_modules/.bin/stack
example=examples/hello/stack.yaml

"$stack" -f "$example" apply -y --wait
"$stack" -f "$example" ps
echo
echo "The example answers on http://127.0.0.1:18080/ :"
curl -fsS --retry 5 --retry-connrefused --retry-delay 1 http://127.0.0.1:18080/
echo
echo "Plan again (expect no changes):"
"$stack" -f "$example" plan --detailed-exitcode
echo "Tear it down with: $stack -f $example destroy -y"
