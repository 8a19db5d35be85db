#!/usr/bin/env bash
# Load test of the desk service (`reducheck serve`) with wrk, keep-alive.
#
#   run_load.sh REDUCHECK_BIN EXAMPLES_DIR [--mode check|mixed|failheavy] [--duration SECONDS]
#               [--connections N] [--wrk-threads N] [--server-threads N]
#               [--warmup SECONDS] [--rss-interval SECONDS] [--timeout SECONDS]
#               [--exec-every N] [--out DIR] [--keep-tmp]
#
# Starts the server on a free port in a temporary directory (fresh database, token and audit
# log; reference data examples/desk_pass.yaml), waits for /healthz, warms up with checks, runs
# wrk --latency for --duration seconds (check.lua, or mixed.lua: one execution every
# --exec-every requests per wrk thread), samples the server's VmRSS and the audit log's size
# every --rss-interval seconds, stops the server with SIGTERM and runs
# `reducheck audit verify AUDITLOG --db DB`. Prints a summary.
#
# --mode failheavy is the soak's profile (mixed.lua) with the holder's 1% quota used up before
# the warm-up: one execution of FILL shares (the check order's headroom less its size, plus one,
# read from the server's reply) makes the check order fail CAP-CB-1PCT from the first request,
# and the 100-share executions keep it failing. Every failing check searches for its earliest
# passing date, so this is the service's slow path at full load. The run also fails unless at
# least 90% of the server's verdicts are fail (the profile, not a speed, is asserted).
#
# Exit status: 0 = every response 2xx, no socket error or timeout, the server stayed up and
# exited 0 on SIGTERM, and the audit chain verified; 1 = any of these failed; 2 = usage or
# setup error. Throughput and latency are measured and reported, never asserted.
#
# --out DIR keeps the results: summary.txt (key=value), rss.csv (time, VmRSS, audit log size and
# the server's counters per sample), wrk.txt, warmup.txt, metrics.txt, server.log, verify.txt.
# Needs bash, wrk, curl and jq (no Python).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

(($# >= 2)) || usage
bin="$1"
examples="$2"
shift 2
mode=check
duration=30
connections=32
wrk_threads=2
server_threads=2
warmup=2
rss_interval=2
timeout=10
exec_every=50
out_dir=""
keep_tmp=0
while (($#)); do
  case "$1" in
    --mode) mode="${2:-}"; shift 2 ;;
    --duration) duration="${2:-}"; shift 2 ;;
    --connections) connections="${2:-}"; shift 2 ;;
    --wrk-threads) wrk_threads="${2:-}"; shift 2 ;;
    --server-threads) server_threads="${2:-}"; shift 2 ;;
    --warmup) warmup="${2:-}"; shift 2 ;;
    --rss-interval) rss_interval="${2:-}"; shift 2 ;;
    --timeout) timeout="${2:-}"; shift 2 ;;
    --exec-every) exec_every="${2:-}"; shift 2 ;;
    --out) out_dir="${2:-}"; shift 2 ;;
    --keep-tmp) keep_tmp=1; shift ;;
    -h | --help) usage ;;
    *) echo "run_load.sh: unknown option: $1" >&2; usage ;;
  esac
done

die() { echo "run_load.sh: $*" >&2; exit 2; }
whole() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1: expected a whole number, got \"$2\""; }
[[ "$mode" == check || "$mode" == mixed || "$mode" == failheavy ]] ||
  die "--mode: expected check, mixed or failheavy, got \"$mode\""
for opt in duration connections wrk_threads server_threads warmup rss_interval timeout \
  exec_every; do
  whole "--${opt//_/-}" "${!opt}"
done
((duration >= 1)) || die "--duration: at least 1 second"
((rss_interval >= 1)) || die "--rss-interval: at least 1 second"
((wrk_threads >= 1 && connections >= wrk_threads)) ||
  die "--connections must be at least --wrk-threads (and both at least 1)"
[[ -x "$bin" ]] || die "$bin: not an executable"
[[ -f "$examples/desk_pass.yaml" ]] || die "$examples/desk_pass.yaml: no such file"
for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install $tool)"
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/reducheck-load.XXXXXX")"
server_pid=""
sampler_pid=""

cleanup() {
  local rc=$?
  if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if ((keep_tmp)); then
    echo "run_load.sh: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_us() { echo "${EPOCHREALTIME/./}"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }
file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }
# "LOAD key value" lines from a wrk done() report -> the value of key (empty if absent).
load_value() { awk -v k="$2" '$1 == "LOAD" && $2 == k {print $3}' "$1"; }
us_to_ms() { awk -v u="${1:-0}" 'BEGIN {printf "%.3f", u / 1000}'; }
# CPU time in clock ticks from /proc/stat: the whole machine as "busy total steal" (busy = user,
# nice, system, irq and softirq; total adds idle, iowait and steal); one process (user + system).
machine_ticks() {
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $9}' /proc/stat
}
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU milliseconds (user + system) of the reaped children of this shell, from `times` output.
children_ms() {
  awk 'NR == 2 {for (i = 1; i <= 2; i++) {split($i, p, /[ms]/); n += p[1] * 60000 + p[2] * 1000}
    printf "%.0f", n}' "$1"
}

# --- start the server ------------------------------------------------------------------------
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$tmp/token"
token="$(cat "$tmp/token")"
db="$tmp/state.db"
audit="$tmp/audit.jsonl"
"$bin" serve --db "$db" --listen 127.0.0.1:0 --load "$examples/desk_pass.yaml" \
  --token-file "$tmp/token" --threads "$server_threads" --audit-log "$audit" \
  >"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!

port=""
for _ in $(seq 600); do  # up to 60 s (a sanitizer build starts slowly on a busy machine)
  port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' \
    "$tmp/server.log" 2>/dev/null | head -n 1)" || port=""
  [[ -n "$port" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$tmp/server.log" >&2
    server_pid=""
    die "the server exited during startup"
  fi
  sleep 0.1
done
[[ -n "$port" ]] || { cat "$tmp/server.log" >&2; die "the server did not report its port"; }
base="http://127.0.0.1:$port"
for _ in $(seq 100); do
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  sleep 0.1
done
curl -fsS "$base/healthz" >"$tmp/healthz.json" || die "GET /healthz failed"

# One check by hand: the load must exercise the pass path.
check_body='{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding",'
check_body+='"shares":2000000,"price":"18.60"}'
reply="$(curl -fsS -H 'Content-Type: application/json' --data "$check_body" "$base/v1/check")" ||
  die "POST /v1/check failed"
verdict="$(jq -r '.verdict // empty' <<<"$reply")"
[[ "$verdict" == pass ]] || die "POST /v1/check: expected verdict pass, got \"$verdict\""

# failheavy: use up the 1% quota so that the check order fails from the first request.
fill_shares=0
if [[ "$mode" == failheavy ]]; then
  headroom="$(jq -r '.max_compliant_shares' <<<"$reply")"
  [[ "$(jq -r '.binding_rule' <<<"$reply")" == CAP-CB-1PCT ]] ||
    die "failheavy: expected the 1% cap to bind the check order, got: $reply"
  fill_shares=$((headroom - 2000000 + 1))
  fill_body='{"holder":"DY","date":"2026-03-17","method":"centralized_bidding",'
  fill_body+="\"shares\":$fill_shares,\"price\":\"18.60\"}"
  curl -fsS -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -H "Idempotency-Key: quota-fill-$$" --data "$fill_body" "$base/v1/executions" ||
    die "failheavy: the quota-filling execution failed"
  reply="$(curl -fsS -H 'Content-Type: application/json' --data "$check_body" "$base/v1/check")"
  [[ "$(jq -r '.verdict + " " + (.violations[0].rule // "")' <<<"$reply")" == \
    "fail CAP-CB-1PCT" ]] || die "failheavy: the check order should now fail CAP-CB-1PCT: $reply"
fi

startup_rss="$(rss_kb "$server_pid")"
load_before="$(cut -d" " -f1-3 /proc/loadavg)"

# --- warm up (checks only, so the main run's execution count is exact) -----------------------
wrk_url="$base"
if ((warmup > 0)); then
  wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" --timeout "${timeout}s" \
    -s "$here/check.lua" "$wrk_url" >"$tmp/warmup.txt" 2>&1 ||
    { cat "$tmp/warmup.txt" >&2; die "wrk (warm-up) failed"; }
fi

# --- main run with RSS / audit-size sampling -------------------------------------------------
script="$here/check.lua"
[[ "$mode" == mixed || "$mode" == failheavy ]] && script="$here/mixed.lua"
echo "elapsed_s,rss_kb,audit_bytes,checks,executions,check_seconds_sum,fail_verdicts" \
  >"$tmp/rss.csv"
# One row of rss.csv: seconds since t0, the server's VmRSS, the audit log's size, and the
# server's counters (checks answered, executions recorded, total check time, fail verdicts).
sample_row() {
  local r e m
  r="$(rss_kb "$server_pid")"
  [[ -n "$r" ]] || return 1
  e=$(($(now_us) - t0))
  m="$(curl -fsS --max-time 5 "$base/metrics" 2>/dev/null | awk '
    /^reducheck_http_requests_total\{route="check",/ {c += $NF}
    /^reducheck_http_requests_total\{route="executions",code="201"\}/ {x = $NF}
    /^reducheck_http_request_duration_seconds_sum\{route="check"\}/ {s = $NF}
    /^reducheck_verdicts_total\{verdict="fail"\}/ {f = $NF}
    END {printf "%.0f,%.0f,%s,%.0f", c, x, s == "" ? 0 : s, f}')"
  printf '%d.%03d,%s,%s,%s\n' $((e / 1000000)) $((e / 1000 % 1000)) "$r" \
    "$(file_size "$audit")" "$m"
}
read -r m0_busy m0_total m0_steal <<<"$(machine_ticks)"
s0_ticks="$(proc_ticks "$server_pid")"
times >"$tmp/times0"
t0="$(now_us)"
audit_bytes_start="$(file_size "$audit")"
(
  while kill -0 "$server_pid" 2>/dev/null; do
    sample_row || break
    sleep "$rss_interval"
  done
) >>"$tmp/rss.csv" 2>/dev/null &
sampler_pid=$!

wrk_rc=0
REDUCHECK_LOAD_TOKEN="$token" wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" \
  --timeout "${timeout}s" --latency -s "$script" "$wrk_url" -- "$exec_every" "$$-$t0" \
  >"$tmp/wrk.txt" 2>"$tmp/wrk.err" || wrk_rc=$?
t1="$(now_us)"
times >"$tmp/times1"
read -r m1_busy m1_total m1_steal <<<"$(machine_ticks)"
s1_ticks="$(proc_ticks "$server_pid")"
load_after="$(cut -d" " -f1-3 /proc/loadavg)"
audit_bytes_end="$(file_size "$audit")"
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
e=$((t1 - t0))
sample_row >>"$tmp/rss.csv" 2>/dev/null || true

# --- server-side view, then stop -------------------------------------------------------------
server_alive=1
kill -0 "$server_pid" 2>/dev/null || server_alive=0
metrics_ok=0
company_events=""
if ((server_alive)); then
  curl -fsS "$base/metrics" >"$tmp/metrics.txt" 2>/dev/null && metrics_ok=1
  company_events="$(curl -fsS "$base/v1/companies/603876" 2>/dev/null | jq -r '.events')" ||
    company_events=""
fi
server_rc=""
if ((server_alive)); then
  kill -TERM "$server_pid"
  for _ in $(seq 600); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
    server_rc="killed (no exit within 60 s of SIGTERM)"
  fi
fi
if [[ -n "$server_pid" ]]; then
  rc=0
  wait "$server_pid" 2>/dev/null || rc=$?
  [[ -n "$server_rc" ]] || server_rc="$rc"
fi
server_pid=""

verify_rc=0
"$bin" audit verify "$audit" --db "$db" >"$tmp/verify.txt" 2>&1 || verify_rc=$?
audit_bytes_final="$(file_size "$audit")"

# --- summary ---------------------------------------------------------------------------------
w="$tmp/wrk.txt"
requests="$(load_value "$w" requests)"
rps="$(load_value "$w" rps)"
non2xx="$(load_value "$w" non2xx)"
status_ge_400="$(load_value "$w" status_ge_400)"
sock_connect="$(load_value "$w" connect_errors)"
sock_read="$(load_value "$w" read_errors)"
sock_write="$(load_value "$w" write_errors)"
sock_timeout="$(load_value "$w" timeouts)"
warm_errors=0
if [[ -f "$tmp/warmup.txt" ]]; then
  for k in status_ge_400 connect_errors read_errors write_errors timeouts; do
    v="$(load_value "$tmp/warmup.txt" "$k")"
    warm_errors=$((warm_errors + ${v:-0}))
  done
fi
# The server's own counters (every request it answered, warm-up included).
server_non2xx=""
server_exec_201=""
verdicts=""
audit_lines=""
if ((metrics_ok)); then
  server_non2xx="$(awk '/^reducheck_http_requests_total\{/ {
      match($0, /code="[^"]*"/); code = substr($0, RSTART + 6, RLENGTH - 7)
      if (code !~ /^2/) s += $NF } END {print s + 0}' "$tmp/metrics.txt")"
  server_exec_201="$(awk '/^reducheck_http_requests_total\{route="executions",code="201"\}/ {
      s += $NF} END {print s + 0}' "$tmp/metrics.txt")"
  verdicts="$(awk '/^reducheck_verdicts_total\{/ {
      match($0, /verdict="[^"]*"/); printf "%s%s=%s", sep, substr($0, RSTART + 9, RLENGTH - 10), $NF
      sep = " "}' "$tmp/metrics.txt")"
  audit_lines="$(awk '/^reducheck_audit_lines_total / {print $NF}' "$tmp/metrics.txt")"
  server_check_mean_us="$(awk '
      /^reducheck_http_request_duration_seconds_sum\{route="check"\}/ {s = $NF}
      /^reducheck_http_request_duration_seconds_count\{route="check"\}/ {n = $NF}
      END {if (n > 0) printf "%.1f", s / n * 1e6}' "$tmp/metrics.txt")"
fi
# Share of fail verdicts among all the server gave (warm-up included).
fail_share="$(awk '/^reducheck_verdicts_total\{/ {n += $NF; if ($0 ~ /verdict="fail"/) f += $NF}
  END {if (n > 0) printf "%.4f", f / n}' "$tmp/metrics.txt" 2>/dev/null || true)"
rss_stats="$(awk -F, 'NR > 1 && $2 != "" {if (n == 0) first = $2; last = $2
    if ($2 > max) max = $2; if (min == "" || $2 < min) min = $2; n++}
    END {printf "%s %s %s %s %d", first, min, max, last, n}' "$tmp/rss.csv")"
read -r rss_first rss_min rss_max rss_last rss_samples <<<"$rss_stats"
run_s="$(awk -v e="$e" 'BEGIN {printf "%.3f", e / 1e6}')"
audit_growth="$(awk -v a="$audit_bytes_start" -v b="$audit_bytes_end" -v e="$e" \
  'BEGIN {printf "%.0f", (b - a) / (e / 1e6)}')"
verify_line="$(tail -n 1 "$tmp/verify.txt")"
hz="$(getconf CLK_TCK)"
wrk_ms=$(($(children_ms "$tmp/times1") - $(children_ms "$tmp/times0")))
cpu="$(awk -v hz="$hz" -v e="$e" -v mb=$((m1_busy - m0_busy)) -v ms=$((m1_steal - m0_steal)) \
  -v sv=$((s1_ticks - s0_ticks)) -v wk="$wrk_ms" \
  'BEGIN {s = e / 1e6; m = mb / hz / s; a = sv / hz / s; w = wk / 1000 / s
    printf "machine_busy_cores=%.2f\nsteal_cores=%.2f\n", m, ms / hz / s
    printf "server_cores=%.2f\nwrk_cores=%.2f\nother_cores=%.2f\n", a, w, m - a - w}')"

failures=()
((wrk_rc == 0)) || failures+=("wrk exited $wrk_rc: $(head -c 300 "$tmp/wrk.err")")
[[ -n "$requests" ]] || failures+=("wrk printed no report")
[[ -z "$non2xx" || "$non2xx" == 0 ]] || failures+=("$non2xx non-2xx responses (wrk)")
[[ -z "$status_ge_400" || "$status_ge_400" == 0 ]] ||
  failures+=("$status_ge_400 responses with status >= 400 (wrk)")
for kind in connect read write timeout; do
  v="sock_$kind"
  [[ -z "${!v}" || "${!v}" == 0 ]] || failures+=("${!v} socket $kind errors (wrk)")
done
((warm_errors == 0)) || failures+=("$warm_errors errors during the warm-up")
((server_alive)) || failures+=("the server died during the run: $(tail -n 3 "$tmp/server.log")")
((metrics_ok || !server_alive)) || failures+=("GET /metrics failed after the run")
[[ -z "$server_non2xx" || "$server_non2xx" == 0 ]] ||
  failures+=("$server_non2xx non-2xx responses counted by the server (/metrics)")
[[ "$server_rc" == 0 ]] ||
  failures+=("the server did not exit 0 on SIGTERM (status $server_rc): \
$(tail -n 3 "$tmp/server.log")")
((verify_rc == 0)) || failures+=("audit verify exited $verify_rc: $verify_line")
if [[ "$mode" == failheavy ]] &&
  ! awk -v f="${fail_share:-0}" 'BEGIN {exit !(f >= 0.9)}'; then
  failures+=("failheavy: only ${fail_share:-0} of the verdicts were fail (expected at least 0.9)")
fi

summary="$tmp/summary.txt"
{
  echo "mode=$mode"
  echo "duration_s=$run_s"
  echo "connections=$connections"
  echo "wrk_threads=$wrk_threads"
  echo "server_threads=$server_threads"
  echo "loadavg_before=$load_before"
  echo "loadavg_after=$load_after"
  echo "$cpu"
  echo "exec_every=$([[ "$mode" != check ]] && echo "$exec_every" || echo 0)"
  echo "quota_fill_shares=$fill_shares"
  echo "fail_share=$fail_share"
  echo "requests=$requests"
  echo "rps=$rps"
  for p in p50 p90 p99 p99.9; do echo "${p}_ms=$(us_to_ms "$(load_value "$w" "${p}_us")")"; done
  echo "mean_ms=$(us_to_ms "$(load_value "$w" lat_mean_us)")"
  echo "max_ms=$(us_to_ms "$(load_value "$w" lat_max_us)")"
  echo "non2xx=${non2xx:-n/a}"
  echo "status_ge_400=$status_ge_400"
  echo "server_non2xx=$server_non2xx"
  echo "socket_errors=connect:$sock_connect read:$sock_read write:$sock_write timeout:$sock_timeout"
  echo "executions_sent=$(load_value "$w" executions_sent)"
  echo "executions_201=$(load_value "$w" responses_201)"
  echo "executions_201_server=$server_exec_201"
  echo "events_recorded=$company_events"
  echo "replayed=$(load_value "$w" replayed)"
  echo "verdicts=$verdicts"
  echo "server_check_mean_us=${server_check_mean_us:-}"
  echo "audit_lines=$audit_lines"
  echo "audit_bytes_final=$audit_bytes_final"
  echo "audit_growth_bytes_per_s=$audit_growth"
  echo "rss_startup_kb=$startup_rss"
  echo "rss_first_kb=$rss_first"
  echo "rss_min_kb=$rss_min"
  echo "rss_max_kb=$rss_max"
  echo "rss_last_kb=$rss_last"
  echo "rss_samples=$rss_samples"
  echo "server_exit=$server_rc"
  echo "audit_verify_exit=$verify_rc"
  echo "audit_verify=$verify_line"
  echo "result=$([[ ${#failures[@]} -eq 0 ]] && echo PASS || echo FAIL)"
} >"$summary"

if [[ -n "$out_dir" ]]; then
  mkdir -p "$out_dir"
  for f in summary.txt rss.csv wrk.txt wrk.err warmup.txt metrics.txt server.log verify.txt; do
    [[ -f "$tmp/$f" ]] && cp "$tmp/$f" "$out_dir/"
  done
fi

g() { sed -n "s/^$1=//p" "$summary"; }
row() { printf '  %-22s %s\n' "$1" "$2"; }
echo "== reducheck serve load test: mode $mode, ${run_s}s, wrk -t$wrk_threads -c$connections," \
  "server --threads $server_threads =="
row "requests" "$(g requests)"
row "requests/s" "$(g rps)"
row "latency p50/p99/p99.9" \
  "$(g p50_ms) / $(g p99_ms) / $(g p99.9_ms) ms (p90 $(g p90_ms), max $(g max_ms))"
row "non-2xx" \
  "wrk: $(g non2xx) (status>=400: $(g status_ge_400)); server /metrics: $(g server_non2xx)"
row "socket errors" "$(g socket_errors)"
if [[ "$mode" != check ]]; then
  row "executions" "sent $(g executions_sent), 201 $(g executions_201) (server: \
$(g executions_201_server)), events in store $(g events_recorded), replays $(g replayed)"
fi
row "verdicts (server)" "$(g verdicts) (fail share $(g fail_share))"
if [[ "$mode" == failheavy ]]; then
  row "quota fill" "one execution of $(g quota_fill_shares) shares before the warm-up"
fi
row "server time per check" "$(g server_check_mean_us) us (mean, from /metrics)"
row "audit log" "$(g audit_lines) lines, $(g audit_bytes_final) bytes, \
$(g audit_growth_bytes_per_s) bytes/s during the run"
row "RSS" "startup $(g rss_startup_kb) kB; run first $(g rss_first_kb), min $(g rss_min_kb), \
max $(g rss_max_kb), last $(g rss_last_kb) kB ($(g rss_samples) samples)"
row "CPU (cores busy)" "machine $(g machine_busy_cores) of $(nproc): server $(g server_cores), \
wrk $(g wrk_cores), other processes $(g other_cores) (steal $(g steal_cores))"
row "load average" "before $(g loadavg_before); after $(g loadavg_after) (1, 5, 15 min)"
row "server exit" "$(g server_exit)"
row "audit verify" "exit $(g audit_verify_exit): $(g audit_verify)"
if ((${#failures[@]})); then
  echo "FAIL:"
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
echo "PASS"
