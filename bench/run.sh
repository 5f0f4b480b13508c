#!/usr/bin/env bash
# Times the bench/*.kc workloads as whole processes (start-up included):
# builds ktcoro, runs each workload N times (default 7) and prints the
# median wall time and the median peak memory (max RSS) per workload.
#
#   bench/run.sh [N] [workload...]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-7}
shift || true
bin=$(mktemp -d)/ktcoro
go build -o "$bin" ./cmd/ktcoro
files=()
if [ $# -gt 0 ]; then
  for w in "$@"; do files+=("bench/$w.kc"); done
else
  files=(bench/*.kc)
fi
python3 - "$bin" "$n" "${files[@]}" <<'PY'
import os, statistics, subprocess, sys, time
binary, n, scripts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
devnull = os.open(os.devnull, os.O_WRONLY)
print("%-10s %10s %10s %12s" % ("workload", "median ms", "min ms", "max RSS KiB"))
for script in scripts:
    times, rss = [], []
    for _ in range(n):
        t = time.perf_counter()
        pid = os.posix_spawn(binary, [binary, "run", script], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
        _, status, _ = os.wait4(pid, 0)
        times.append((time.perf_counter() - t) * 1000)
        if status != 0:
            sys.exit("%s failed" % script)
        # peak memory from GNU time in a separate run: a child's rusage
        # as seen from here can include this process's own pages
        if os.path.exists("/usr/bin/time"):
            r = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "run", script],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            rss.append(int(r.stderr.strip().splitlines()[-1]))
    name = os.path.basename(script)[:-3]
    mem = "%12d" % statistics.median(rss) if rss else "%12s" % "-"
    print("%-10s %10.1f %10.1f %s" % (name, statistics.median(times), min(times), mem))
PY
rm -rf "$(dirname "$bin")"
