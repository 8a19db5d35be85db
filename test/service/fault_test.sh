#!/usr/bin/env bash
# Fault injection for `reducheck serve` (issue 14): each case breaks something the service
# depends on and proves three things — no acknowledged execution is lost, no wrong state is
# served silently, and the operator gets a clear message.
#
#   fault_test.sh REDUCHECK_BIN EXAMPLES_DIR CASE
#
# CASE: second_serve | descriptors | disk_full_db | disk_full_audit | corrupt. Needs bash, curl and jq.
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
  local pid=$! i
  SVC_PIDS+=("$pid")
  for i in $(seq 1 400); do  # 20 s: a server that starts serving instead is a failure
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null
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

# holding: DY's holding now (GET holders).
holding() {
  curl -s --max-time 10 "$SRV_URL/v1/companies/603876/holders" |
    jq -r '.holders[] | select(.id == "DY") | .holding'
}
# stored_keys: the idempotency keys of the stored executions, sorted.
stored_keys() {
  curl -s --max-time 10 "$SRV_URL/v1/companies/603876/events?limit=10000" |
    jq -r '.events[] | select(.kind == "execution") | .idempotency_key' | sort
}
# check_order: POST /v1/check; prints the HTTP status.
check_order() {
  curl -s -o "$T/check.body" -w '%{http_code}' --max-time 10 "${json[@]}" \
    --data-binary '{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":2000000,"price":"18.60"}' \
    "$SRV_URL/v1/check"
}
# healthz: GET /healthz; prints the status and the body on one line.
healthz() {
  curl -s -o "$T/healthz.body" -w '%{http_code}' --max-time 10 "$SRV_URL/healthz"
  printf ' %s' "$(tr -d '\n' < "$T/healthz.body")"
}
# wait_for LABEL TRIES COMMAND...: retries COMMAND every 0.1 s until it succeeds.
wait_for() {
  local label=$1 tries=$2 i
  shift 2
  for i in $(seq 1 "$tries"); do
    "$@" && return 0
    sleep 0.1
  done
  fail "$label: not within $((tries / 10)) s"
  return 1
}
# BASE holding of DY in examples/desk_pass.yaml (one lot).
BASE=58400000

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

  disk_full_db)
    # The database cannot grow (a file size limit on the running server stands in for a full
    # disk: SQLite's WAL write fails with EFBIG): executions are refused with 503 and not
    # recorded, checks go on, nothing acknowledged is lost, and once the limit is lifted the
    # same keys are recorded exactly once.
    svc_start dbfull "$DB" --token-file "$TOKEN_FILE"
    acked=()
    for i in 1 2 3; do
      [ "$(execute pre$i 1000)" = 201 ] && acked+=("pre$i") || fail "execution pre$i before the limit"
    done
    sleep 1.2  # the audit log synced; its size stays under the limit below
    wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
    biggest=$(stat -c %s "$DB" "$DB.audit.jsonl" "$DB-wal" 2>/dev/null | sort -n | tail -n 1)
    limit_kib=$(( biggest / 1024 + 1 ))
    # The WAL must be the file that hits the limit first (it grows by pages per commit).
    [ "$wal" -ge "$(stat -c %s "$DB.audit.jsonl")" ] ||
      svc_log "note: the audit log ($(stat -c %s "$DB.audit.jsonl")) is larger than the WAL ($wal)"
    prlimit --pid "$SRV_PID" --fsize=$((limit_kib * 1024)):unlimited || die "prlimit failed"
    refused=0
    for i in $(seq 1 40); do
      code=$(execute full$i 1000)
      case "$code" in
        201) acked+=("full$i") ;;
        503) refused=$((refused + 1))
             jq -e '.error == "store_unavailable"' "$T/exec.full$i.body" > /dev/null ||
               fail "503 without store_unavailable: $(cat "$T/exec.full$i.body")"
             last_refused=full$i
             break ;;
        *) fail "execution full$i under the limit: HTTP $code: $(cat "$T/exec.full$i.body")"; break ;;
      esac
    done
    [ "$refused" = 1 ] && echo "ok   a full database: execution $last_refused refused with 503 store_unavailable: $(jq -r .message "$T/exec.$last_refused.body")" ||
      fail "the database never filled up (no 503 after 40 executions)"
    [ "$(check_order)" = 200 ] && echo "ok   checks still answered while the database is full" ||
      fail "a check while the database is full: $(cat "$T/check.body")"
    stored=$(stored_keys | tr '\n' ' ')
    want=$(printf '%s\n' "${acked[@]}" | sort | tr '\n' ' ')
    [ "$stored" = "$want" ] && echo "ok   stored executions are exactly the acknowledged ones: $stored" ||
      fail "stored executions [$stored] differ from the acknowledged ones [$want]"
    [ "$(holding)" = $((BASE - 1000 * ${#acked[@]})) ] ||
      fail "holding $(holding) after ${#acked[@]} acknowledged executions of 1000"
    # Space returns: the refused key is recorded once, on retry.
    prlimit --pid "$SRV_PID" --fsize=unlimited:unlimited || die "prlimit failed"
    code=$(execute "$last_refused" 1000)
    [ "$code" = 201 ] && acked+=("$last_refused") && echo "ok   after the limit is lifted the refused key is recorded (201)" ||
      fail "retry of $last_refused after the limit was lifted: HTTP $code: $(cat "$T/exec.$last_refused.body")"
    [ "$(execute "$last_refused" 1000)" = 200 ] || fail "a second retry was not answered from the store"
    svc_stop
    svc_start dbfull-after "$DB" --token-file "$TOKEN_FILE"
    stored=$(stored_keys | tr '\n' ' ')
    want=$(printf '%s\n' "${acked[@]}" | sort | tr '\n' ' ')
    [ "$stored" = "$want" ] && echo "ok   after a restart: the ${#acked[@]} acknowledged executions, each once" ||
      fail "after a restart: stored [$stored], acknowledged [$want]"
    [ "$(holding)" = $((BASE - 1000 * ${#acked[@]})) ] || fail "holding after the restart: $(holding)"
    svc_stop
    "$BIN" audit verify "$DB.audit.jsonl" --db "$DB" > "$T/verify.txt" 2>&1 ||
      fail "audit verify: $(tail -n 3 "$T/verify.txt")"
    ;;

  disk_full_audit)
    # The audit log cannot be written (the same file size limit, set just above its size):
    # every decision is refused with 503 audit_unavailable, /healthz says why, the process
    # keeps running, and it serves again on its own once the limit is lifted. Nothing is
    # lost: executions acknowledged before are stored, the chain verifies.
    svc_start auditfull "$DB" --token-file "$TOKEN_FILE"
    [ "$(execute a1 1000)" = 201 ] || fail "execution a1"
    # Grow the log past the database's files, so that the limit below stops only the log.
    body='{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":2000000,"price":"18.60"}'
    urls=()
    for i in $(seq 1 300); do urls+=("$SRV_URL/v1/check"); done
    curl -s "${json[@]}" --data-binary "$body" "${urls[@]}" > /dev/null
    sleep 1.2  # synced
    log_size=$(stat -c %s "$DB.audit.jsonl")
    for f in "$DB" "$DB-wal"; do
      [ -e "$f" ] && [ "$(stat -c %s "$f")" -ge "$log_size" ] && die "$f is larger than the audit log"
    done
    prlimit --pid "$SRV_PID" --fsize=$(( log_size + 512 )):unlimited || die "prlimit failed"
    codes=""
    for i in $(seq 1 8); do codes+="$(check_order) "; sleep 0.3; done
    svc_log "checks while the log fills up: $codes"
    wait_for "503 audit_unavailable for a check" 30 \
      bash -c '[ "$(curl -s -o "$0" -w "%{http_code}" --max-time 5 -H "Content-Type: application/json" --data-binary "$1" "$2/v1/check")" = 503 ]' \
      "$T/check503.body" "$body" "$SRV_URL"
    jq -e '.error == "audit_unavailable"' "$T/check503.body" > /dev/null &&
      echo "ok   a check is refused with 503 audit_unavailable: $(jq -r .message "$T/check503.body")" ||
      fail "503 without audit_unavailable: $(cat "$T/check503.body")"
    [ "$(execute a2 1000)" = 503 ] && echo "ok   an execution is refused with 503 too" ||
      fail "an execution while the log cannot be written: $(cat "$T/exec.a2.body")"
    h=$(healthz)
    case "$h" in
      "503 "*'"status":"degraded"'*'File too large'*) echo "ok   /healthz: $h" ;;
      *) fail "/healthz while the log cannot be written: $h" ;;
    esac
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$SRV_URL/v1/companies/603876")" = 200 ] ||
      fail "GETs must still answer"
    kill -0 "$SRV_PID" && echo "ok   the process keeps running" || die "the server died"
    grep -q 'cannot write' "$SRV_LOG" || fail "the service log does not say the audit log failed"
    # Space returns: it serves again on its own.
    prlimit --pid "$SRV_PID" --fsize=unlimited:unlimited || die "prlimit failed"
    wait_for "serving again after the limit was lifted" 40 \
      bash -c '[ "$(curl -s -o /dev/null -w "%{http_code}" --max-time 5 "$0/healthz")" = 200 ]' "$SRV_URL" &&
      echo "ok   /healthz 200 again once the log can be written"
    [ "$(check_order)" = 200 ] || fail "a check after recovery: $(cat "$T/check.body")"
    [ "$(execute a2 1000)" = 201 ] || fail "execution a2 after recovery: $(cat "$T/exec.a2.body")"
    [ "$(stored_keys | tr '\n' ' ')" = "a1 a2 " ] || fail "stored: $(stored_keys | tr '\n' ' ')"
    svc_stop
    "$BIN" audit verify "$DB.audit.jsonl" --db "$DB" > "$T/verify.txt" 2>&1 &&
      echo "ok   audit verify --db: $(tail -n 1 "$T/verify.txt")" ||
      fail "audit verify after the log was unwritable: $(tail -n 3 "$T/verify.txt")"
    ;;

  corrupt)
    # A damaged or replaced database is refused at start with a message naming what was found;
    # the intact database serves again with every acknowledged execution.
    svc_start before "$DB" --token-file "$TOKEN_FILE"
    for k in c1 c2 c3; do [ "$(execute $k 1000)" = 201 ] || fail "execution $k"; done
    svc_stop
    cp "$DB" "$T/good.db"
    # 1. A flipped digit in the stored reference document.
    python3 - "$DB" <<'PY' || die "could not edit the database"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(doc,) = db.execute("SELECT scenario FROM reference ORDER BY version DESC LIMIT 1").fetchone()
i = doc.index("58400000")
db.execute("UPDATE reference SET scenario = ?", (doc[:i] + "68400000" + doc[i + 8:],))
db.commit()
PY
    serve_expect_refused "a flipped digit in a stored reference document" \
      "reference.*(SHA-256|digest)" --db "$DB" --token-file "$TOKEN_FILE"
    # 2. An emptied (0-byte) database beside a non-empty audit log.
    : > "$DB"
    rm -f "$DB-wal" "$DB-shm"
    serve_expect_refused "an emptied (0-byte) database with a non-empty audit log" \
      "audit log" --db "$DB" --token-file "$TOKEN_FILE"
    # 3. A damaged page: the header of the events table's root page overwritten.
    cp "$T/good.db" "$DB"
    offset=$(python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(root,) = db.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'events'").fetchone()
(size,) = db.execute("PRAGMA page_size").fetchone()
print((root - 1) * size)
PY
)
    printf '\xff%.0s' $(seq 1 16) | dd of="$DB" bs=1 seek="$offset" conv=notrunc status=none
    serve_expect_refused "a database with damaged pages" \
      "(quick_check|integrity|malformed|corrupt)" --db "$DB" --token-file "$TOKEN_FILE"
    # The intact database serves again, every acknowledged execution there once.
    cp "$T/good.db" "$DB"
    svc_start after "$DB" --token-file "$TOKEN_FILE"
    [ "$(stored_keys | tr '\n' ' ')" = "c1 c2 c3 " ] &&
      echo "ok   the intact database serves c1 c2 c3" || fail "stored: $(stored_keys | tr '\n' ' ')"
    [ "$(holding)" = $((BASE - 3000)) ] || fail "holding $(holding)"
    svc_stop
    ;;

  descriptors)
    # Before: with file descriptors exhausted the accept loop spun at full CPU. Now the listener
    # backs off and says so once; connections wait in the listen queue and are served once
    # descriptors are free again.
    SVC_NOFILE=64 svc_start limited "$DB" --token-file "$TOKEN_FILE"
    [ "$(execute k1 1000000)" = 201 ] || fail "no execution recorded before the exhaustion"
    used=$(ls "/proc/$SRV_PID/fd" | wc -l)
    svc_log "the server uses $used of its 64 descriptors"
    held=()
    for i in $(seq 1 $((64 - used + 8))); do
      exec {fd}<>"/dev/tcp/127.0.0.1/$SRV_PORT" || die "cannot open connection $i"
      held+=("$fd")
    done
    # Wait until the listener has hit the limit.
    for i in $(seq 1 100); do
      grep -q 'cannot accept a connection' "$SRV_LOG" && break
      sleep 0.05
    done
    grep -q 'cannot accept a connection: Too many open files' "$SRV_LOG" ||
      fail "the server did not report descriptor exhaustion: $(tail -n 3 "$SRV_LOG")"
    # A request that arrives now waits in the listen queue (curl in the background, without
    # copies of the held connections: they must close when this shell closes them).
    (for fd in "${held[@]}"; do exec {fd}>&-; done
     exec curl -s -o "$T/waiting.body" -w '%{http_code}' --max-time 30 "${json[@]}" -H "$(auth)" \
       -H 'Idempotency-Key: k-waiting' --data-binary "$(fill 2000000)" \
       "$SRV_URL/v1/executions") > "$T/waiting.code" &
    WAITING=$!
    SVC_HELPERS+=("$WAITING")
    # The server's CPU time over 3 s while descriptors stay exhausted: a spin burns ~3 s.
    ticks() { awk '{print $14 + $15}' "/proc/$SRV_PID/stat"; }
    hz=$(getconf CLK_TCK)
    t0=$(ticks)
    sleep 3
    t1=$(ticks)
    cpu_ms=$(( (t1 - t0) * 1000 / hz ))
    if [ "$cpu_ms" -gt 300 ]; then
      fail "the server used $cpu_ms ms of CPU in 3 s with descriptors exhausted (a spin)"
    else
      echo "ok   descriptors exhausted: $cpu_ms ms of CPU in 3 s (no spin)"
    fi
    n=$(grep -c 'cannot accept a connection' "$SRV_LOG")
    [ "$n" = 1 ] && echo "ok   the exhaustion was logged once" ||
      fail "the exhaustion was logged $n times (expected once)"
    kill -0 "$SRV_PID" || die "the server died with descriptors exhausted"
    # Free the descriptors: the waiting request is served, and the server says it recovered.
    for fd in "${held[@]}"; do exec {fd}>&-; done
    wait "$WAITING"
    code=$(cat "$T/waiting.code")
    [ "$code" = 201 ] && echo "ok   the request that waited in the listen queue was served (201)" ||
      fail "the request that waited got $code: $(head -c 300 "$T/waiting.body")"
    grep -q 'accepting connections again after' "$SRV_LOG" && echo "ok   recovery logged" ||
      fail "no recovery line in the server log: $(tail -n 3 "$SRV_LOG")"
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$SRV_URL/healthz")" = 200 ] ||
      fail "/healthz after the exhaustion"
    svc_stop
    "$BIN" audit verify "$DB.audit.jsonl" --db "$DB" > "$T/verify.txt" 2>&1 ||
      fail "audit verify: $(tail -n 3 "$T/verify.txt")"
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
