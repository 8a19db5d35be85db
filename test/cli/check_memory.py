#!/usr/bin/env python3
"""Peak RSS of `reducheck check SCENARIO --orders FILE --format jsonl` for a small and a large
generated orders file; fails when memory grows with the number of orders (it must stream).

Usage: check_memory.py REDUCHECK SCENARIO (pass_order.yaml's holder H1, dates in March 2026)."""
import os
import resource
import subprocess
import sys
import tempfile

cli, scenario = sys.argv[1:3]
days = ["2026-03-%02d" % d for d in (9, 10, 11, 12, 13, 16, 17, 18, 19, 20)]


def peak_rss_kb(n, tmp):
    path = os.path.join(tmp, "orders_%d.csv" % n)
    with open(path, "w") as f:
        f.write("id,holder,date,method,shares,price\n")
        for i in range(n):
            f.write("ORDER-%08d,H1,%s,centralized_bidding,%d,12.00\n"
                    % (i, days[i % len(days)], 100 + i % 1000))
    # A child of its own, so RUSAGE_CHILDREN reports this run's peak only.
    code = ("import resource, subprocess, sys\n"
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
            "assert r.returncode == 0, r.returncode\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    # Under AddressSanitizer freed memory waits in a quarantine (256 MB by default), which would
    # look like growth: keep it small (a plain build ignores the variable).
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"), "quarantine_size_mb=1"]))
    out = subprocess.run([sys.executable, "-c", code, cli, "check", scenario, "--orders", path,
                          "--format", "jsonl"], capture_output=True, text=True, check=True,
                         env=env)
    return int(out.stdout.strip())


with tempfile.TemporaryDirectory() as tmp:
    small = peak_rss_kb(2_000, tmp)
    large = peak_rss_kb(100_000, tmp)
print("peak RSS: 2,000 orders %d kB, 100,000 orders %d kB" % (small, large))
if large - small >= 4096:
    print("FAIL: memory grows with the number of orders")
    sys.exit(1)
print("flat")
