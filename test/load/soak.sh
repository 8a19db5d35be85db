#!/usr/bin/env bash
# Soak test of the desk service: run_load.sh in mixed mode (checks plus one execution in
# --exec-every requests) for a long run, then the server's memory over time, so "flat memory"
# can be judged.
#
#   soak.sh REDUCHECK_BIN EXAMPLES_DIR [--duration SECONDS] [--out DIR] [run_load.sh options]
#
# Defaults: --duration 600 (10 minutes), --rss-interval 10, --out a new directory under
# ${TMPDIR:-/tmp} (kept: the run's small result files, no database or audit log). Other options
# go to run_load.sh unchanged (--connections, --wrk-threads, --server-threads, --exec-every ...).
# Prints run_load.sh's summary, then RSS first/min/max/last, the least-squares slope over the
# whole run and over its second half (kB per minute), the RSS change per recorded execution (the
# ledger keeps every sale in memory, so some growth with executions is expected), and per minute:
# RSS, audit log size, checks/s, executions/s, server time per check and fail verdicts so far.
# Exit status: run_load.sh's (0 = no error; throughput, latency and memory are not asserted).
# Not registered in ctest. Needs bash, wrk, curl, jq; the audit log grows by tens of MB per
# second under load (it lives in run_load.sh's temporary directory and is deleted at the end).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if (($# < 2)); then
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
bin="$1"
examples="$2"
shift 2
duration=600
out_dir=""
rss_interval=10
pass=()
while (($#)); do
  case "$1" in
    --duration) duration="${2:-}"; shift 2 ;;
    --out) out_dir="${2:-}"; shift 2 ;;
    --rss-interval) rss_interval="${2:-}"; shift 2 ;;
    --mode) echo "soak.sh: the soak is always --mode mixed" >&2; exit 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
[[ -n "$out_dir" ]] || out_dir="$(mktemp -d "${TMPDIR:-/tmp}/reducheck-soak.XXXXXX")"
mkdir -p "$out_dir"

rc=0
bash "$here/run_load.sh" "$bin" "$examples" --mode mixed --duration "$duration" \
  --rss-interval "$rss_interval" --out "$out_dir" "${pass[@]}" || rc=$?

csv="$out_dir/rss.csv"
if [[ ! -s "$csv" ]]; then
  echo "soak.sh: no RSS samples (run_load.sh exited $rc)" >&2
  exit "$((rc == 0 ? 2 : rc))"
fi

echo "== memory over the soak (server VmRSS, sampled every ${rss_interval}s; $csv) =="
awk -F, 'BEGIN { n = 0 }
  NR == 1 || $2 == "" { next }
  { t[n] = $1; r[n] = $2; a[n] = $3; c[n] = $4; x[n] = $5; s[n] = $6; f[n] = $7; n++ }
  function slope(from, to,    i, k, st, sr, stt, str, d) {
    k = to - from; if (k < 2) return "n/a"
    for (i = from; i < to; i++) { st += t[i]; sr += r[i]; stt += t[i] * t[i]; str += t[i] * r[i] }
    d = k * stt - st * st; if (d == 0) return "n/a"
    return sprintf("%+.1f", (k * str - st * sr) / d * 60)   # kB per minute
  }
  END {
    if (n == 0) { print "  no samples"; exit }
    min = max = r[0]
    for (i = 1; i < n; i++) { if (r[i] < min) min = r[i]; if (r[i] > max) max = r[i] }
    printf "  RSS first %d kB, min %d kB, max %d kB, last %d kB (%d samples over %.0f s)\n",
      r[0], min, max, r[n - 1], n, t[n - 1]
    printf "  RSS slope: %s kB/min over the whole run, %s kB/min over its second half\n",
      slope(0, n), slope(int(n / 2), n)
    if (x[n - 1] > x[0])
      printf "  RSS change per recorded execution: %.0f bytes (%.0f executions)\n",
        (r[n - 1] - r[0]) * 1024 / (x[n - 1] - x[0]), x[n - 1] - x[0]
    if (t[n - 1] > 0)
      printf "  audit log: %.0f bytes at the end of the run, %.0f bytes/s on average\n",
        a[n - 1], (a[n - 1] - a[0]) / t[n - 1]
    print "  minute  RSS (kB)  audit (MB)  checks/s  executions/s  server us/check  fail verdicts"
    p = 0
    for (i = 1; i < n; i++) {
      if (t[i] - t[p] >= 59.5 || i == n - 1) {
        dt = t[i] - t[p]; dc = c[i] - c[p]
        printf "  %6.1f  %8d  %10.1f  %8.0f  %12.1f  %15.1f  %13.0f\n", t[i] / 60, r[i],
          a[i] / 1048576, dc / dt, (x[i] - x[p]) / dt, (dc > 0 ? (s[i] - s[p]) / dc * 1e6 : 0), f[i]
        p = i
      }
    }
  }' "$csv" | tee "$out_dir/memory.txt"
echo "results kept in $out_dir"
exit "$rc"
