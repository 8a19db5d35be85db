#!/bin/sh
# Throughput benchmark of `reducheck batch` (docs/batch.md, issue 4 target: >= 200,000 lines/s
# end to end, peak RSS <= 500 MB, for 1,000,000 lines over 1,000 holders).
#
# Usage: batch_bench.sh BIN [LINES] [HOLDERS] [--smoke]
#   BIN      the reducheck executable (use a Release build: cmake -DCMAKE_BUILD_TYPE=Release)
#   LINES    schedule lines to generate (default 1000000)
#   HOLDERS  holders in the scenario (default 1000)
#   --smoke  no timing: just check that the batch runs to the end (exit 0 or 1) and writes one
#            row per line (the ctest `batch.BenchSmoke` runs 1,000 lines this way)
# Generates, in a temp dir, a scenario (STAR company listed 2021-03-15; holders: 1 in 50 a
# director with reduction plans, the rest pre-IPO or market-bought holders under 1%) and a
# date-ordered schedule over the trading days of 2024-2026 (about 1 line in 100 a plan or
# report announcement), then times `BIN batch SCENARIO SCHEDULE --out results.csv` with
# /usr/bin/time -v and prints lines/s and the peak RSS. Needs python3.
set -eu

bin=${1:?usage: batch_bench.sh BIN [LINES] [HOLDERS] [--smoke]}
lines=${2:-1000000}
holders=${3:-1000}
smoke=no
for a in "$@"; do [ "$a" = "--smoke" ] && smoke=yes; done
case $lines in --smoke) lines=1000 ;; esac
case $holders in --smoke) holders=1000 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
calendar=$here/../../rules/calendars/cn-a-share.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 - "$tmp" "$lines" "$holders" "$calendar" <<'PY'
import datetime, re, sys
out, lines, holders, calendar = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
closed = set()
for m in re.finditer(r'^\s+- (\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?',
                     open(calendar).read(), re.M):
    a = datetime.date.fromisoformat(m.group(1))
    b = datetime.date.fromisoformat(m.group(2)) if m.group(2) else a
    while a <= b:
        closed.add(a)
        a += datetime.timedelta(1)
days = []
d = datetime.date(2024, 1, 2)
while d <= datetime.date(2026, 12, 31):
    if d.weekday() < 5 and d not in closed:
        days.append(d)
    d += datetime.timedelta(1)

per_holder = 50_000_000
with open(out + "/scenario.yaml", "w") as f:
    f.write("company:\n  code: \"688000\"\n  exchange: SSE\n  board: star\n"
            "  listing_date: 2021-03-15\n  issue_price: 10.00\n"
            "  total_shares: %d\n  profitable_at_listing: true\n  reports:\n" % (per_holder * holders * 20))
    for y in (2023, 2024, 2025):
        f.write("    - {kind: annual, period: \"%d\", date: %d-04-25}\n" % (y, y + 1))
        f.write("    - {kind: semiannual, period: \"%dH1\", date: %d-08-27}\n" % (y + 1, y + 1))
    f.write("holders:\n")
    for h in range(holders):
        director = h % 50 == 0
        roles = "[director, pre_ipo_shareholder]" if director else (
            "[pre_ipo_shareholder]" if h % 2 else "[]")
        source = "ipo_original" if director or h % 2 else "secondary_bidding"
        f.write("  - id: H%04d\n    roles: %s\n" % (h, roles))
        if director:
            f.write("    term_end: 2028-12-31\n")
        f.write("    lots:\n      - {id: L%04d, shares: %d, source: %s, acquired: 2020-01-01}\n"
                % (h, per_holder, source))

# Plans for the directors: one a quarter, published 30 days before the window.
events = []
for h in range(0, holders, 50):
    for q in range(12):
        start = datetime.date(2024 + q // 4, 1 + 3 * (q % 4), 1)
        pub = start - datetime.timedelta(40)
        end = start + datetime.timedelta(85)
        events.append((pub, "A%04d-%d,H%04d,%s,,,,reduction_plan,%s,%s,%d,centralized_bidding"
                       % (h, q, h, pub, start, end, per_holder // 10)))
events = [e for e in events if e[0] >= days[0]]
sales = max(lines - len(events), 0)
per_day = sales / len(days)
rows = []
i = 0
for k, day in enumerate(days):
    n = int((k + 1) * per_day) - int(k * per_day)
    for _ in range(n):
        h = (i * 7919) % holders
        rows.append((day, "S%07d,H%04d,%s,centralized_bidding,%d,%d.%02d,,,,,"
                     % (i, h, day, 100 + (i % 10) * 100, 20 + i % 5, i % 100)))
        i += 1
allrows = sorted(events + rows, key=lambda r: r[0])[:lines]
with open(out + "/schedule.csv", "w") as f:
    f.write("id,holder,date,method,shares,price,kind,window_start,window_end,max_shares,methods\n")
    for _, r in allrows:
        f.write(r + "\n")
PY

n=$(($(wc -l <"$tmp/schedule.csv") - 1))
if [ "$smoke" = yes ]; then
  rc=0
  "$bin" batch "$tmp/scenario.yaml" "$tmp/schedule.csv" --out "$tmp/results.csv" 2>"$tmp/err" || rc=$?
  rows=$(($(wc -l <"$tmp/results.csv") - 1))
  if [ "$rc" -gt 1 ] || [ "$rows" -ne "$n" ]; then
    echo "FAIL: exit $rc, $rows result rows for $n lines"
    head -5 "$tmp/err"
    exit 1
  fi
  echo "smoke ok: $n lines, exit $rc"
  awk -F, 'NR > 1 { c[$8]++ } END { for (k in c) print "  " k ": " c[k] }' "$tmp/results.csv"
  exit 0
fi

echo "schedule: $n lines, $holders holders"
rc=0
/usr/bin/time -v "$bin" batch "$tmp/scenario.yaml" "$tmp/schedule.csv" --out "$tmp/results.csv" \
  2>"$tmp/time" || rc=$?
echo "exit code: $rc"
awk -F, 'NR > 1 { c[$8]++ } END { for (k in c) print "  " k ": " c[k] }' "$tmp/results.csv"
grep -E "^[a-z]+\.csv:[0-9]+:" "$tmp/time" | head -3 || true
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
echo "wall: $wall ($secs s)"
echo "lines/s: $(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }')"
echo "peak RSS: $((rss / 1024)) MB"
