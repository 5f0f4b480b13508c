#!/usr/bin/env bash
# Measures start-up: `ktcoro check` and `ktcoro run` of examples/hello.kc
# and of a generated 1,000-line script (bench/gen-big.py), each run N
# times (default 20); prints the median wall time in milliseconds.
#
#   bench/startup.sh [N] [ktcoro binary]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
bin=${2:-}
if [ -z "$bin" ]; then
  bin=$(mktemp -d)/ktcoro
  go build -o "$bin" ./cmd/ktcoro
fi
big=$(mktemp --suffix=.kc)
python3 bench/gen-big.py >"$big"
python3 - "$bin" "$n" examples/hello.kc "$big" <<'PY'
import os, statistics, subprocess, sys, time
binary, n, scripts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
for script in scripts:
    lines = sum(1 for _ in open(script))
    for cmd in ("check", "run"):
        times = []
        for _ in range(n):
            t = time.perf_counter()
            subprocess.run([binary, cmd, script], stdout=subprocess.DEVNULL, check=True)
            times.append((time.perf_counter() - t) * 1000)
        print("%-6s %5d lines  median %7.2f ms  min %7.2f ms" % (cmd, lines, statistics.median(times), min(times)))
PY
rm -f "$big"
