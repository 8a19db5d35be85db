#!/usr/bin/env bash
# Crash durability of `reducheck serve`: every acknowledged execution survives SIGKILL, and none
# is counted twice.
#
#   kill_test.sh REDUCHECK_BIN EXAMPLES_DIR
#
# Two kill cycles on one database. In each: start the server; run WRITERS concurrent loops that
# post 100-share executions under unique Idempotency-Keys (c<cycle>-w<i>-<n>), each key written
# to an "attempted" file before it is sent and to an "acked" file only after a 201/200 reply,
# plus a loop of checks; once MIN_ACKS (+ a random 0-24, so the kill point varies) executions are
# acknowledged (or after ACK_WAIT_S seconds), SIGKILL the server mid-stream. Under load every
# execution must get 201 and every check 200; after the kill, only "no reply" is accepted. Then
# restart it on the same db (same --load) and assert:
#   (a) every acked key is stored;
#   (b) no key is stored twice; stored executions == distinct stored keys;
#   (c) DY's holding == starting holding - 100 x stored executions;
#   (d) re-posting every attempted key (both cycles) with its body gives 200 +
#       Idempotent-Replayed and the original body for stored keys, 201 for the others; then
#       stored executions == distinct attempted keys and the holding matches again;
#   (e) re-posting a key with a different body gives 409;
# then SIGTERM the server (exit 0) and require `audit verify LOG --db DB` and
# `replay LOG --db DB` to exit 0: the log survived the SIGKILL (a torn last line is carried into
# the next line by the service on reopen). The re-posts of (d) go through one curl process.
# Needs bash, curl and jq. Set REDUCHECK_KEEP_TMP=1 (or =fail) to keep the work directory.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 REDUCHECK_BIN EXAMPLES_DIR" >&2
  exit 2
fi
BIN=$1
EX=$2
SVC_TEST=kill
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
svc_init

T0=$(date +%s%N)
elapsed() { echo "$(( ($(date +%s%N) - T0) / 1000000 )) ms"; }

COMPANY=603876
HOLDER=DY
LOT_SHARES=58400000          # DY's one lot, DY-IPO, in examples/desk_pass.yaml
SHARES=100                   # per execution
WRITERS=${REDUCHECK_KILL_WRITERS:-4}
MIN_ACKS=${REDUCHECK_KILL_MIN_ACKS:-50}
ACK_WAIT_S=${REDUCHECK_KILL_ACK_WAIT:-20}
CYCLES=2
# Extra serve flags (service.Fault.KillDuringRotation: a log that rotates and compresses every
# second, so the kills land while segments are being closed and compressed).
read -r -a EXTRA_FLAGS <<< "${REDUCHECK_KILL_SERVE_FLAGS:-}"
DB="$T/desk.db"
LOG="$DB.audit.jsonl"        # the default audit log path
EXEC_BODY='{"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":100,"price":"18.60"}'
CONFLICT_BODY='{"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":200,"price":"18.60"}'
CHECK_BODY='{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":2000000,"price":"18.60"}'
mkdir -p "$T/resp" "$T/hdr"

# --- the load ----------------------------------------------------------------------------------

# writer W CYCLE URL: posts executions until $T/stop exists.
writer() {
  local w=$1 c=$2 url=$3 n=0 key code
  while [ ! -e "$T/stop" ]; do
    n=$((n + 1))
    key="c$c-w$w-$n"
    echo "$key" >> "$T/attempted.c$c.w$w"
    code=$(curl -s -o "$T/resp/$key" -D "$T/hdr/$key" -w '%{http_code}' --max-time 10 \
      -H "Authorization: Bearer $TOKEN" -H "Idempotency-Key: $key" \
      -H 'Content-Type: application/json' --data-binary "$EXEC_BODY" "$url/v1/executions")
    case "$code" in
      201)
        echo "$key" >> "$T/acked.c$c.w$w" ;;
      200)  # a fresh key must not be a replay
        echo "$key" >> "$T/acked.c$c.w$w"
        echo "$key: first post answered 200 (expected 201): $(cat "$T/resp/$key")" >> "$T/unexpected" ;;
      000)
        if [ ! -e "$T/killed.c$c" ]; then
          echo "$key: no reply before the server was killed" >> "$T/unexpected"
        fi
        sleep 0.02 ;;
      *)
        echo "$key: HTTP $code: $(cat "$T/resp/$key" 2>/dev/null)" >> "$T/unexpected" ;;
    esac
  done
}

# checker CYCLE URL: posts checks until $T/stop exists.
checker() {
  local c=$1 url=$2 code
  while [ ! -e "$T/stop" ]; do
    code=$(curl -s -o "$T/check.c$c.body" -w '%{http_code}' --max-time 10 \
      -H 'Content-Type: application/json' --data-binary "$CHECK_BODY" "$url/v1/check")
    case "$code" in
      200) echo . >> "$T/checks.c$c" ;;
      000) [ -e "$T/killed.c$c" ] || echo "check: no reply before the server was killed" >> "$T/unexpected"
           sleep 0.02 ;;
      *) echo "check: HTTP $code: $(cat "$T/check.c$c.body")" >> "$T/unexpected" ;;
    esac
  done
}

# replayed_header FILE: the saved reply headers carry Idempotent-Replayed: true (no process).
replayed_header() {
  local h
  slurp h "$1"
  h=${h,,}
  [[ $h == *$'\n'"idempotent-replayed: true"[$'\r\n']* ]]
}

count_lines() { cat "$@" 2>/dev/null | wc -l | tr -d ' '; }

# --- reading the state back ----------------------------------------------------------------------

# stored_keys OUT: the idempotency keys of all stored executions, one a line, in seq order.
stored_keys() {
  local out=$1 after=0 next code
  : > "$out"
  while :; do
    code=$(curl -s -o "$T/events.json" -w '%{http_code}' --max-time 10 \
      "$SRV_URL/v1/companies/$COMPANY/events?limit=10000&after=$after")
    [ "$code" = 200 ] || die "GET events: HTTP $code: $(cat "$T/events.json")"
    jq -r '.events[] | select(.kind == "execution") | .idempotency_key' "$T/events.json" >> "$out" ||
      die "GET events: unreadable reply: $(head -c 300 "$T/events.json")"
    next=$(jq -r '.next_after // empty' "$T/events.json")
    [ -z "$next" ] && break
    after=$next
  done
}

holding() {
  local code
  code=$(curl -s -o "$T/holders.json" -w '%{http_code}' --max-time 10 \
    "$SRV_URL/v1/companies/$COMPANY/holders")
  [ "$code" = 200 ] || die "GET holders: HTTP $code: $(cat "$T/holders.json")"
  jq -r --arg h "$HOLDER" '.holders[] | select(.id == $h) | .holding' "$T/holders.json"
}

# check_state WHAT EXPECTED_COUNT|-: (b) and (c) against the running server; prints the count.
check_state() {
  local what=$1 expect=$2 n distinct dups h want events
  stored_keys "$T/stored"
  n=$(count_lines "$T/stored")
  distinct=$(sort -u "$T/stored" | wc -l | tr -d ' ')
  dups=$(sort "$T/stored" | uniq -d)
  if [ -n "$dups" ]; then
    fail "$what: (b) keys stored more than once: $(echo $dups)"
  fi
  if [ "$n" -ne "$distinct" ]; then
    fail "$what: (b) $n stored executions but $distinct distinct keys"
  fi
  if [ "$expect" != - ] && [ "$n" -ne "$expect" ]; then
    fail "$what: expected $expect stored executions, got $n"
  fi
  events=$(curl -s --max-time 10 "$SRV_URL/v1/companies/$COMPANY" | jq -r '.events')
  if [ "$events" != "$n" ]; then
    fail "$what: GET /v1/companies/$COMPANY reports $events events, the event list has $n executions"
  fi
  h=$(holding)
  want=$((BASE_HOLDING - SHARES * n))
  if [ "$h" != "$want" ]; then
    fail "$what: (c) holding of $HOLDER: expected $BASE_HOLDING - $SHARES x $n = $want, got $h"
  fi
  svc_log "$what: $n executions stored ($distinct distinct keys), holding $h"
  STORED_COUNT=$n
}

# --- one kill cycle -----------------------------------------------------------------------------

BASE_HOLDING=""
cycle() {
  local c=$1 i target t_start acks attempted noreply
  svc_log "cycle $c: start"
  svc_start "c$c-before-kill" "$DB" --token-file "$TOKEN_FILE" "${EXTRA_FLAGS[@]}"
  if [ -z "$BASE_HOLDING" ]; then
    BASE_HOLDING=$(holding)
    [ "$BASE_HOLDING" = "$LOT_SHARES" ] ||
      fail "fresh database: holding of $HOLDER is $BASE_HOLDING, expected $LOT_SHARES"
  fi

  rm -f "$T/stop"
  for i in $(seq 1 "$WRITERS"); do
    writer "$i" "$c" "$SRV_URL" &
    SVC_HELPERS+=($!)
  done
  checker "$c" "$SRV_URL" &
  SVC_HELPERS+=($!)

  # Kill at a slightly different point each time, always mid-stream.
  target=$((MIN_ACKS + RANDOM % 25))
  t_start=$(date +%s)
  while :; do
    acks=$(count_lines "$T"/acked.c$c.w*)
    [ "$acks" -ge "$target" ] && break
    if [ $(( $(date +%s) - t_start )) -ge "$ACK_WAIT_S" ]; then
      svc_log "cycle $c: only $acks acks after ${ACK_WAIT_S}s; killing anyway"
      break
    fi
    kill -0 "$SRV_PID" 2>/dev/null || die "cycle $c: the server died under load (before the kill)"
    sleep 0.05
  done
  touch "$T/killed.c$c"
  svc_kill9
  touch "$T/stop"
  for i in "${SVC_HELPERS[@]}"; do wait "$i"; done
  SVC_HELPERS=()

  attempted=$(count_lines "$T"/attempted.c$c.w*)
  acks=$(count_lines "$T"/acked.c$c.w*)
  noreply=$((attempted - acks))
  svc_log "cycle $c: killed after $acks acked of $attempted attempted executions" \
    "($noreply without reply), $(count_lines "$T/checks.c$c") checks answered"
  [ "$acks" -ge 1 ] || die "cycle $c: no execution was acknowledged, nothing to test"
  if [ -s "$T/unexpected" ]; then
    fail "cycle $c: unexpected replies under load:"
    head -n 20 "$T/unexpected"
    : > "$T/unexpected"
  fi

  svc_start "c$c-after-kill" "$DB" --token-file "$TOKEN_FILE" "${EXTRA_FLAGS[@]}"

  # (a) every acked key is stored.
  cat "$T"/acked.c*.w* | sort -u > "$T/acked.all"
  cat "$T"/attempted.c*.w* | sort -u > "$T/attempted.all"
  check_state "cycle $c after SIGKILL" -
  sort -u "$T/stored" > "$T/stored.sorted"
  local missing k
  missing=$(comm -23 "$T/acked.all" "$T/stored.sorted")
  for k in $missing; do
    fail "cycle $c: (a) key $k was acknowledged (reply: $(head -c 300 "$T/resp/$k" 2>/dev/null ||
      echo none saved)) but is not stored after the restart"
  done
  local strays
  strays=$(comm -13 "$T/attempted.all" "$T/stored.sorted")
  for k in $strays; do
    fail "cycle $c: key $k is stored but was never sent"
  done
  local unacked_stored
  unacked_stored=$(comm -12 "$T/stored.sorted" \
    <(comm -23 <(sort -u "$T"/attempted.c$c.w*) <(sort -u "$T"/acked.c$c.w* 2>/dev/null)) |
    wc -l | tr -d ' ')
  [ -z "$missing" ] &&
    svc_log "cycle $c: (a) all $(count_lines "$T/acked.all") acked keys (both cycles) are stored;" \
      "$unacked_stored of this cycle's $noreply unanswered keys were stored too"

  # (d) re-post every attempted key, both cycles so far, with its own body.
  local code key replayed=0 created=0 body_checked=0 dir="$T/repost.c$c" bad original again
  local -A is_stored=() is_acked=()
  mkdir -p "$dir"
  for key in $(cat "$T/stored.sorted"); do is_stored[$key]=1; done
  for key in $(cat "$T/acked.all"); do is_acked[$key]=1; done
  # One curl process sends them all, one request per key, in order (a config file with `next`
  # between transfers): a process per key would spend most of the test's time starting curl.
  local cfg="$dir.curlrc" first=1
  local -A code_of=()
  printf '%s' "$EXEC_BODY" > "$T/exec_body.json"
  : > "$cfg"
  for key in $(cat "$T/attempted.all"); do
    [ "$first" = 1 ] || echo next >> "$cfg"
    first=0
    cat >> "$cfg" <<CFG
url = "$SRV_URL/v1/executions"
max-time = 10
header = "Authorization: Bearer $TOKEN"
header = "Idempotency-Key: $key"
header = "Content-Type: application/json"
data-binary = "@$T/exec_body.json"
output = "$dir/$key.body"
dump-header = "$dir/$key.hdr"
write-out = "$key %{http_code}\n"
CFG
  done
  curl -s -K "$cfg" > "$dir.codes"
  while read -r key code; do code_of[$key]=$code; done < "$dir.codes"
  for key in $(cat "$T/attempted.all"); do
    code=${code_of[$key]:-none}
    if [ -n "${is_stored[$key]:-}" ]; then
      if [ "$code" != 200 ]; then
        fail "cycle $c: (d) re-post of stored key $key: expected 200, got $code: $(cat "$dir/$key.body")"
        continue
      fi
      replayed_header "$dir/$key.hdr" ||
        fail "cycle $c: (d) re-post of stored key $key: 200 without 'Idempotent-Replayed: true'"
      if [ -n "${is_acked[$key]:-}" ]; then
        slurp original "$T/resp/$key"
        slurp again "$dir/$key.body"
        if [ -z "$original" ] || [ "$original" != "$again" ]; then
          fail "cycle $c: (d) replayed body of $key differs from the original acknowledgement:" \
            "original $(cat "$T/resp/$key"), replayed $(cat "$dir/$key.body")"
        fi
        body_checked=$((body_checked + 1))
      fi
      replayed=$((replayed + 1))
    else
      if [ "$code" != 201 ]; then
        fail "cycle $c: (d) re-post of never-stored key $key: expected 201, got $code: $(cat "$dir/$key.body")"
        continue
      fi
      if replayed_header "$dir/$key.hdr"; then
        fail "cycle $c: (d) first recording of $key is marked Idempotent-Replayed"
      fi
      created=$((created + 1))
    fi
  done
  # Every reply names its own key (one jq run over all of them).
  bad=$(jq -r '[input_filename, (.idempotency_key // "-")] | @tsv' "$dir"/*.body |
        awk -F'\t' '{ n = split($1, p, "/"); f = p[n]; sub(/\.body$/, "", f); if (f != $2) print f " -> " $2 }')
  [ -z "$bad" ] || fail "cycle $c: (d) replies naming another key (sent -> named): $(echo $bad)"
  svc_log "cycle $c: (d) re-posted $(count_lines "$T/attempted.all") keys: $replayed replayed" \
    "($body_checked bodies compared with the original), $created newly recorded"
  check_state "cycle $c after re-posting" "$(count_lines "$T/attempted.all")"
  sort -u "$T/stored" | cmp -s - "$T/attempted.all" ||
    fail "cycle $c: (d) stored keys differ from attempted keys: $(diff <(sort -u "$T/stored") "$T/attempted.all" | head -n 10 | tr '\n' ' ')"

  # (e) the same key with another body is a conflict, and changes nothing.
  key=$(head -n 1 "$T/acked.all")
  code=$(req "$T/conflict.c$c" -H "Authorization: Bearer $TOKEN" -H "Idempotency-Key: $key" \
    -H 'Content-Type: application/json' --data-binary "$CONFLICT_BODY" "$SRV_URL/v1/executions")
  if [ "$code" != 409 ]; then
    fail "cycle $c: (e) key $key with a different body: expected 409, got $code: $(cat "$T/conflict.c$c.body")"
  else
    svc_log "cycle $c: (e) key $key with a different body: 409 $(jq -r '.error' "$T/conflict.c$c.body")"
  fi
  check_state "cycle $c after the conflict" "$(count_lines "$T/attempted.all")"

  # A few checks against the recovered state, so replay covers them too.
  for i in 1 2 3; do
    code=$(req "$T/postcheck" -H 'Content-Type: application/json' --data-binary "$CHECK_BODY" \
      "$SRV_URL/v1/check")
    [ "$code" = 200 ] || fail "cycle $c: check after restart: HTTP $code: $(cat "$T/postcheck.body")"
  done

  svc_stop
  local out
  out=$("$BIN" audit verify "$LOG" --db "$DB" 2>&1)
  if [ $? -ne 0 ]; then
    fail "cycle $c: audit verify $LOG --db $DB failed:"
    echo "$out" | head -n 20
  else
    svc_log "cycle $c: audit verify: $(echo "$out" | tail -n 1 | sed "s|$T/||")"
  fi
  out=$("$BIN" replay "$LOG" --db "$DB" 2>&1)
  if [ $? -ne 0 ]; then
    fail "cycle $c: replay $LOG --db $DB failed:"
    echo "$out" | head -n 20
  else
    svc_log "cycle $c: replay: $(echo "$out" | tail -n 1 | sed "s|$T/||")"
  fi
  svc_log "cycle $c: done at $(elapsed)"
}

for c in $(seq 1 "$CYCLES"); do
  cycle "$c"
done
svc_log "audit log: $(count_lines "$LOG") lines, $(grep -c torn_tail_hex "$LOG") torn tail(s) carried over after a kill"
if [ -n "${REDUCHECK_KILL_SERVE_FLAGS:-}" ]; then
  # Rotation was on: the chain runs over the closed segments and the active file, and a kill
  # in the middle of closing or compressing one lost nothing and left nothing half-done.
  segments=$(ls "$LOG".[0-9]* 2>/dev/null | wc -l)
  [ "$segments" -ge 2 ] || fail "rotation: expected closed segments beside $LOG, found $segments"
  leftovers=$(ls "$LOG".*.tmp 2>/dev/null)
  [ -z "$leftovers" ] || fail "rotation: temporary files left after a clean stop: $leftovers"
  out=$("$BIN" audit verify "$T" --db "$DB" 2>&1) ||
    fail "rotation: audit verify over the directory failed: $(echo "$out" | head -n 10)"
  svc_log "rotation: $segments closed segments ($(ls "$LOG".*.zst 2>/dev/null | wc -l) compressed);" \
    "audit verify over the directory: $(echo "$out" | tail -n 1 | sed "s|$T/||")"
fi
if [ "$SVC_FAILED" -ne 0 ]; then
  echo "kill test FAILED ($(elapsed))"
  exit 1
fi
echo "kill test passed: $CYCLES SIGKILL cycles, $(count_lines "$T/attempted.all") executions, $(elapsed)"
