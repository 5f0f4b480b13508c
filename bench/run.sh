#!/usr/bin/env bash
# Times the bench/*.kc workloads as whole processes (start-up included):
# builds ktcoro, runs each workload N times (default 7) and prints the
# median wall time and the peak memory (max RSS) per workload.
#
#   bench/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-7}
bin=$(mktemp -d)/ktcoro
go build -o "$bin" ./cmd/ktcoro
printf '%-10s %12s %12s\n' workload "median ms" "max RSS KiB"
for f in bench/*.kc; do
  name=$(basename "$f" .kc)
  python3 - "$bin" "$f" "$n" "$name" <<'PY'
import subprocess, sys, time, resource, statistics
binary, script, n, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
times, rss = [], 0
for _ in range(n):
    t = time.perf_counter()
    subprocess.run([binary, "run", script], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - t) * 1000)
    rss = max(rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print("%-10s %12.1f %12d" % (name, statistics.median(times), rss))
PY
done
rm -rf "$(dirname "$bin")"
