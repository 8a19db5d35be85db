#!/usr/bin/env bash
# Fault injection for `reducheck serve` (issue 14): each case breaks something the service
# depends on and proves three things — no acknowledged execution is lost, no wrong state is
# served silently, and the operator gets a clear message.
#
#   fault_test.sh REDUCHECK_BIN EXAMPLES_DIR CASE
#
# CASE: second_serve. Needs bash, curl and jq.
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 REDUCHECK_BIN EXAMPLES_DIR CASE" >&2
  exit 2
fi
BIN=$1
EX=$2
CASE=$3
SVC_TEST=$CASE
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
svc_init
unset REDUCHECK_TOKEN

DB="$T/desk.db"
json=(-H 'Content-Type: application/json')
auth() { printf 'Authorization: Bearer %s' "$TOKEN"; }
fill() {  # fill SHARES: an execution body
  printf '{"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":%s,"price":"18.60"}' "$1"
}

# execute KEY SHARES: records a fill; prints the HTTP status.
execute() {
  curl -s -o "$T/exec.$1.body" -w '%{http_code}' --max-time 10 "${json[@]}" -H "$(auth)" \
    -H "Idempotency-Key: $1" --data-binary "$(fill "$2")" "$SRV_URL/v1/executions"
}

# serve_expect_refused LABEL REGEX [serve flags...]: starts a server that must exit 2 before it
# listens, with stderr matching REGEX.
serve_expect_refused() {
  local label=$1 regex=$2
  shift 2
  "$BIN" serve --listen 127.0.0.1:0 --load "$EX/desk_pass.yaml" "$@" \
    > "$T/$label.out" 2> "$T/$label.err" &
  local pid=$!
  SVC_PIDS+=("$pid")
  wait "$pid"
  local rc=$?
  if [ "$rc" != 2 ]; then
    fail "$label: expected exit 2, got $rc: $(head -c 400 "$T/$label.err")"
  elif ! grep -Eq -- "$regex" "$T/$label.err"; then
    fail "$label: exit 2 but the message does not match /$regex/: $(head -c 400 "$T/$label.err")"
  elif grep -q 'listening on' "$T/$label.err"; then
    fail "$label: it listened before it was refused"
  else
    echo "ok   $label: exit 2: $(head -n 1 "$T/$label.err")"
  fi
}

case "$CASE" in
  second_serve)
    # Before: two serve processes on one --db both started, each acknowledged 40M of a 58.4M
    # holding, and the audit chain broke.
    svc_start first "$DB" --token-file "$TOKEN_FILE"
    FIRST_PID=$SRV_PID
    [ "$(execute k1 40000000)" = 201 ] || fail "the first server did not record k1"
    cp "$DB.audit.jsonl" "$T/log.before"
    serve_expect_refused "a second serve on the same database" \
      "desk\\.db: the database is in use by another reducheck process \\(pid $FIRST_PID on host .*desk\\.db\\.lock" \
      --db "$DB" --token-file "$TOKEN_FILE"
    serve_expect_refused "a second serve with another database but the same audit log" \
      "the audit log is in use by another reducheck process \\(pid $FIRST_PID " \
      --db "$T/other.db" --audit-log "$DB.audit.jsonl" --token-file "$TOKEN_FILE"
    # The refused processes wrote nothing: the first server's log grew only by its own lines.
    sleep 1.2  # one flush
    head -c "$(wc -c < "$T/log.before")" "$DB.audit.jsonl" | cmp -s - "$T/log.before" ||
      fail "the audit log changed under the first server"
    [ "$(execute k2 40000000)" = 422 ] || fail "a sale beyond the holding was not refused (422)"
    [ "$(execute k3 18400000)" = 201 ] || fail "the rest of the holding was not recorded"
    svc_stop
    "$BIN" audit verify "$DB.audit.jsonl" --db "$DB" > "$T/verify.txt" 2>&1 ||
      fail "audit verify after the refusals: $(tail -n 3 "$T/verify.txt")"
    # Two started at the same instant on a new database: one serves, the other is refused by the
    # lock (it used to fail in a migration race, or start too).
    rm -f "$T/race.db"*
    for i in 1 2; do
      "$BIN" serve --db "$T/race.db" --listen 127.0.0.1:0 --load "$EX/desk_pass.yaml" \
        > "$T/race$i.out" 2> "$T/race$i.err" &
      RACE_PIDS[$i]=$!
      SVC_PIDS+=("${RACE_PIDS[$i]}")
    done
    for i in $(seq 1 200); do
      if grep -q 'listening on' "$T/race1.err" "$T/race2.err" 2>/dev/null &&
         ! { kill -0 "${RACE_PIDS[1]}" 2>/dev/null && kill -0 "${RACE_PIDS[2]}" 2>/dev/null; }; then
        break
      fi
      sleep 0.05
    done
    up=0
    refused=0
    for i in 1 2; do
      if kill -0 "${RACE_PIDS[$i]}" 2>/dev/null; then
        grep -q 'listening on' "$T/race$i.err" && up=$((up + 1))
        kill -TERM "${RACE_PIDS[$i]}"
        wait "${RACE_PIDS[$i]}"
      else
        wait "${RACE_PIDS[$i]}"
        rc=$?
        if [ "$rc" = 2 ] && grep -q 'in use by another reducheck process' "$T/race$i.err"; then
          refused=$((refused + 1))
        else
          fail "race: server $i exited $rc: $(head -c 300 "$T/race$i.err")"
        fi
      fi
    done
    if [ "$up" = 1 ] && [ "$refused" = 1 ]; then
      echo "ok   two servers started together: one serves, the other is refused by the lock"
    else
      fail "two servers started together: $up served, $refused refused (expected 1 and 1)"
    fi
    ;;

  *)
    echo "unknown case: $CASE" >&2
    exit 2
    ;;
esac

if [ "$SVC_FAILED" -ne 0 ]; then
  echo "fault case $CASE FAILED"
  exit 1
fi
echo "fault case $CASE passed"
exit 0
