#!/bin/bash
# `npm test` wall time of two checkouts, taking turns: tests/bench/npm-test-wall.sh <before-dir> <after-dir> [rounds]
# Each directory is a clone with `npm ci` done. Prints one line a run: round, directory, exit code, seconds,
# 1-minute load at the end, and vitest's test count. Issue 13's budget: npm test ≤ 90 s on these 2-core machines.
set -u
rounds=${3:-2}
for round in $(seq "$rounds"); do
  for dir in "$1" "$2"; do
    start=$(date +%s.%N)
    (cd "$dir" && npm test > "$dir/.npm-test-wall.log" 2>&1)
    rc=$?
    end=$(date +%s.%N)
    tests=$(grep -E 'Tests ' "$dir/.npm-test-wall.log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g' | tr -s ' ')
    printf '%s %s rc=%s %.1f s load=%s %s\n' "$round" "$dir" "$rc" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)" "$tests"
  done
done
