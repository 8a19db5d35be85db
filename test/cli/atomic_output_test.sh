#!/usr/bin/env bash
# Atomic outputs (issue 14, item 6; adapters/src/output/atomic_file.h): every file a command
# writes appears whole or not at all. A run that fails while writing (a file size limit: write(2)
# fails with EFBIG) leaves neither the file nor a temporary file; a run killed while writing
# (SIGXFSZ's default action, SIGKILL) leaves no file under the target's name; SIGTERM removes the
# temporary file; an older file of the same name survives a failed run unchanged; a successful
# run leaves exactly the target.
#
#   atomic_output_test.sh REDUCHECK_BIN EXAMPLES_DIR CASE
#   CASE: batch | plan | lockup | import | kill
set -u
BIN=$1
EX=$2
CASE=$3
T=$(mktemp -d "${TMPDIR:-/tmp}/reducheck-atomic.XXXXXX") || exit 2
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
  rm -rf "$T"
}
trap cleanup EXIT
FAILED=0
N=0
fail() {
  FAILED=1
  echo "FAIL: $*"
}
ok() { echo "ok   $*"; }

# The files in $T/out other than the ones named: temporary files left behind.
leftovers() { ls -A "$T/out" | grep -v -x -F -e "${1:-/}" -e "${2:-/}" || true; }

# limited KIB -- COMMAND...: runs COMMAND under RLIMIT_FSIZE=KIB KiB with SIGXFSZ ignored, so a
# write past the limit fails (EFBIG) instead of killing the process. Its stderr goes through a
# pipe to $T/stderr (a pipe has no size limit), its stdout to /dev/null. Prints the exit code.
limited() {
  local kib=$1
  shift 2
  (trap '' XFSZ; ulimit -f "$kib"; exec "$@" 2>&1 > /dev/null) | cat > "$T/stderr"
  echo "${PIPESTATUS[0]}"
}
# killed_by_limit KIB -- COMMAND...: the same limit with SIGXFSZ's default action: the kernel
# kills the process in the middle of its write, as SIGKILL would. Prints the exit code.
killed_by_limit() {
  local kib=$1
  shift 2
  (trap - XFSZ; ulimit -f "$kib"; exec "$@" 2>&1 > /dev/null) | cat > "$T/stderr"
  echo "${PIPESTATUS[0]}"
}

# expect_failed_write LABEL TARGET RC: the run failed (exit 2) naming the target, and left no
# file at all.
expect_failed_write() {
  local label=$1 target=$2 rc=$3
  N=$((N + 1))
  if [ "$rc" != 2 ]; then
    fail "$label: expected exit 2, got $rc: $(head -c 300 "$T/stderr")"
  elif ! grep -q -F "$(basename "$target")" "$T/stderr"; then
    fail "$label: the message does not name $(basename "$target"): $(head -c 300 "$T/stderr")"
  elif [ -e "$target" ]; then
    fail "$label: a failed run left $target ($(wc -c < "$target") bytes)"
  elif [ -n "$(leftovers)" ]; then
    fail "$label: a failed run left a temporary file: $(leftovers)"
  else
    ok "$label: exit 2, no file, no temporary file: $(head -n 1 "$T/stderr")"
  fi
}

# expect_killed LABEL TARGET RC: the run was killed by SIGXFSZ (128+25) mid-write and nothing
# under the target's name exists; what is left is a temporary file, named as one.
expect_killed() {
  local label=$1 target=$2 rc=$3
  N=$((N + 1))
  if [ "$rc" != 153 ]; then
    fail "$label: expected death by SIGXFSZ (153), got $rc: $(head -c 300 "$T/stderr")"
  elif [ -e "$target" ]; then
    fail "$label: a killed run left $target ($(wc -c < "$target") bytes)"
  elif ! leftovers | grep -q "^\\.$(basename "$target")\\.tmp-"; then
    fail "$label: no temporary file was being written when it was killed: $(leftovers)"
  else
    ok "$label: killed mid-write, no $(basename "$target"), only $(leftovers | tr '\n' ' ')"
  fi
  rm -f "$T/out"/.*.tmp-*
}

# expect_written LABEL TARGET RC WANT_RC: a run that finished wrote the target and nothing else.
expect_written() {
  local label=$1 target=$2 rc=$3 want=$4
  N=$((N + 1))
  if [ "$rc" != "$want" ]; then
    fail "$label: expected exit $want, got $rc: $(head -c 300 "$T/stderr")"
  elif [ ! -s "$target" ]; then
    fail "$label: $target was not written"
  elif [ -n "$(leftovers "$(basename "$target")" "$(basename "${5:-/}")")" ]; then
    fail "$label: a temporary file was left: $(leftovers "$(basename "$target")")"
  else
    ok "$label: exit $rc, $(basename "$target") written ($(wc -c < "$target") bytes), nothing else"
  fi
}

# A valid schedule of N sales by one holder on one day (batch writes a result per line).
make_schedule() {
  {
    head -n 1 "$EX/disposal_schedule.csv"
    seq 1 "$1" | awk '{ printf "K-%d,VC,2024-04-08,centralized_bidding,100,30.00,,,,,\n", $1 }'
  } > "$T/schedule.csv"
}

mkdir -p "$T/out"
case "$CASE" in
  batch)
    # The example schedule's results: 17 KiB of CSV, 90 KiB of JSON, a 35 KiB workbook.
    cp "$EX/disposal_schedule.csv" "$T/schedule.csv"
    for ext in csv jsonl json; do
      target="$T/out/results.$ext"
      rc=$(limited 8 -- "$BIN" batch "$EX/ipo_company.yaml" "$T/schedule.csv" --out "$target")
      expect_failed_write "batch --out results.$ext under an 8 KiB file size limit" "$target" "$rc"
      rc=$(killed_by_limit 8 -- "$BIN" batch "$EX/ipo_company.yaml" "$T/schedule.csv" \
             --out "$target")
      expect_killed "batch --out results.$ext killed mid-write" "$target" "$rc"
    done
    target="$T/out/results.xlsx"
    rc=$(limited 4 -- "$BIN" batch "$EX/ipo_company.yaml" "$T/schedule.csv" --out "$target")
    expect_failed_write "batch --out results.xlsx under a 4 KiB file size limit" "$target" "$rc"
    # An older file survives a failed run unchanged; a successful run replaces it.
    printf 'the previous results\n' > "$T/out/results.csv"
    rc=$(limited 8 -- "$BIN" batch "$EX/ipo_company.yaml" "$T/schedule.csv" \
           --out "$T/out/results.csv")
    N=$((N + 1))
    if [ "$(cat "$T/out/results.csv")" != "the previous results" ] || [ -n "$(leftovers results.csv)" ]; then
      fail "a failed batch changed the older results.csv or left a temporary file (exit $rc)"
    else
      ok "a failed batch (exit $rc) left the older results.csv as it was"
    fi
    "$BIN" batch "$EX/ipo_company.yaml" "$T/schedule.csv" --out "$T/out/results.csv" \
      > "$T/stdout" 2> "$T/stderr"
    expect_written "batch --out results.csv (some sales fail: exit 1)" "$T/out/results.csv" $? 1
    "$BIN" batch "$EX/ipo_company.yaml" "$T/schedule.csv" > "$T/stdout.csv" 2> /dev/null
    N=$((N + 1))
    cmp -s "$T/stdout.csv" "$T/out/results.csv" &&
      ok "the file holds exactly what stdout gets" ||
      fail "batch --out differs from batch to stdout"
    "$BIN" batch "$EX/ipo_company.yaml" "$T/schedule.csv" --out "$T/out/results.xlsx" \
      > "$T/stdout" 2> "$T/stderr"
    expect_written "batch --out results.xlsx" "$T/out/results.xlsx" $? 1 results.csv
    ;;

  plan)
    # The schedule is 384 bytes: a limit of 0 fails (or kills at) its first write.
    target="$T/out/schedule.csv"
    rc=$(limited 0 -- "$BIN" plan "$EX/plan_case.yaml" --holder HX --shares 30000000 \
           --out "$target")
    expect_failed_write "plan --out under a 0-byte file size limit" "$target" "$rc"
    rc=$(killed_by_limit 0 -- "$BIN" plan "$EX/plan_case.yaml" --holder HX --shares 30000000 \
           --out "$target")
    expect_killed "plan --out killed mid-write" "$target" "$rc"
    "$BIN" plan "$EX/plan_case.yaml" --holder HX --shares 30000000 --out "$target" \
      > "$T/stdout" 2> "$T/stderr"
    rc=$?
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "plan --out: exit $rc"
    expect_written "plan --out" "$target" "$rc" "$rc"
    ;;

  lockup)
    for opt in html csv; do
      target="$T/out/report.$opt"
      rc=$(limited 1 -- "$BIN" lockup "$EX/lockup_ipo.yaml" --"$opt" "$target")
      expect_failed_write "lockup --$opt under a 1 KiB file size limit" "$target" "$rc"
      rc=$(killed_by_limit 1 -- "$BIN" lockup "$EX/lockup_ipo.yaml" --"$opt" "$target")
      expect_killed "lockup --$opt killed mid-write" "$target" "$rc"
    done
    "$BIN" lockup "$EX/lockup_ipo.yaml" --html "$T/out/report.html" --csv "$T/out/report.csv" \
      > "$T/stdout" 2> "$T/stderr"
    expect_written "lockup --html --csv" "$T/out/report.html" $? 0 report.csv
    [ -s "$T/out/report.csv" ] || fail "lockup --csv was not written"
    ;;

  import)
    target="$T/out/scenario.yaml"
    register="$(cd "$(dirname "$0")/../adapters/data/register" && pwd)/register_excel.xlsx"
    "$BIN" import "$register" --out "$target" > "$T/stdout" 2> "$T/stderr"
    rc=$?
    if [ "$rc" -ge 2 ]; then
      fail "import --out: exit $rc: $(head -c 300 "$T/stderr")"
    else
      expect_written "import --out" "$target" "$rc" "$rc"
      rm -f "$target"
      rc=$(limited 1 -- "$BIN" import "$register" --out "$target")
      expect_failed_write "import --out under a 1 KiB file size limit" "$target" "$rc"
    fi
    ;;

  kill)
    # SIGKILL and SIGTERM while batch writes a large file: stopped when the temporary file has
    # data in it, then no results.csv may exist; SIGTERM also removes the temporary file.
    make_schedule 200000
    for sig in KILL TERM; do
      target="$T/out/results-$sig.csv"
      "$BIN" batch "$EX/ipo_company.yaml" "$T/schedule.csv" --out "$target" \
        > /dev/null 2> "$T/stderr" &
      pid=$!
      PIDS+=("$pid")
      caught=0
      for _ in $(seq 1 2000); do
        tmp=$(ls -A "$T/out" | grep "^\\.results-$sig\\.csv\\.tmp-" | head -n 1)
        if [ -n "$tmp" ] && [ -s "$T/out/$tmp" ]; then
          kill -"$sig" "$pid" && caught=1
          break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.005
      done
      wait "$pid"
      rc=$?
      N=$((N + 1))
      if [ "$caught" != 1 ]; then
        fail "SIG$sig: batch finished (exit $rc) before it could be stopped mid-write"
      elif [ -e "$target" ]; then
        fail "SIG$sig mid-write (exit $rc) left $(basename "$target") ($(wc -c < "$target") bytes)"
      elif [ "$sig" = TERM ] && [ -n "$(leftovers)" ]; then
        fail "SIGTERM mid-write left a temporary file: $(leftovers)"
      else
        ok "SIG$sig mid-write (exit $rc): no $(basename "$target"); left: $(leftovers | tr '\n' ' ')"
      fi
      rm -f "$T/out"/.*.tmp-*
    done
    ;;

  *)
    echo "unknown case $CASE" >&2
    exit 2
    ;;
esac

if [ "$FAILED" -ne 0 ]; then
  echo "atomic outputs ($CASE): FAILED ($N checks)"
  exit 1
fi
echo "atomic outputs ($CASE): passed ($N checks)"
