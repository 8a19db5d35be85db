# Shared helpers for the service tests (bash; needs curl and jq). Sourced, not run.
#
# The caller sets BIN (the reducheck executable) and EX (the examples directory), then calls
# svc_init. Every server started with svc_start is killed on exit, whatever happens; the work
# directory is removed unless REDUCHECK_KEEP_TMP=1 (or the test failed and it is set to "fail").

export LC_ALL=C  # one byte order for sort and comm
SVC_PIDS=()       # every server this test started
SVC_HELPERS=()    # background loops this test started
SVC_FAILED=0
T=""

svc_log() { printf '%s [%s] %s\n' "$(date +%H:%M:%S.%N | cut -c1-12)" "${SVC_TEST:-service}" "$*"; }

svc_cleanup() {
  local rc=$?
  [ -n "$T" ] && touch "$T/stop" 2>/dev/null
  local p
  for p in "${SVC_HELPERS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${SVC_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  for p in "${SVC_HELPERS[@]}" "${SVC_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  if [ "$rc" -ne 0 ] || [ "$SVC_FAILED" -ne 0 ]; then
    if [ -n "$T" ] && [ -d "$T" ]; then
      local f
      for f in "$T"/server.*.log; do
        [ -f "$f" ] || continue
        echo "----- last lines of $(basename "$f") -----"
        tail -n 15 "$f"
      done
    fi
  fi
  if [ -n "$T" ] && [ -d "$T" ]; then
    if [ "${REDUCHECK_KEEP_TMP:-0}" = 1 ] ||
       { [ "${REDUCHECK_KEEP_TMP:-0}" = fail ] && { [ "$rc" -ne 0 ] || [ "$SVC_FAILED" -ne 0 ]; }; }; then
      echo "work directory kept: $T"
    else
      rm -rf "$T"
    fi
  fi
  [ "$SVC_FAILED" -ne 0 ] && [ "$rc" -eq 0 ] && rc=1
  exit "$rc"
}

svc_init() {
  if [ ! -x "$BIN" ]; then echo "not an executable: $BIN" >&2; exit 2; fi
  if [ ! -f "$EX/desk_pass.yaml" ]; then echo "no desk_pass.yaml in $EX" >&2; exit 2; fi
  command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }
  command -v jq >/dev/null || { echo "jq is required" >&2; exit 2; }
  T=$(mktemp -d "${TMPDIR:-/tmp}/reducheck-svc.XXXXXX") || exit 2
  trap svc_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  TOKEN="svc-test-token-$(date +%s%N)"
  TOKEN_FILE="$T/token"
  printf '%s\n' "$TOKEN" > "$TOKEN_FILE"
}

# Records a failure and keeps going (so one run reports every broken assertion).
fail() {
  SVC_FAILED=1
  echo "FAIL: $*"
}

# Stops the test at once.
die() {
  SVC_FAILED=1
  echo "FAIL: $*"
  exit 1
}

# svc_start LABEL DB [serve flags...]: starts a server on a free loopback port and waits until
# /healthz answers 200 (with SVC_NOFILE set, under that descriptor limit). Sets SRV_PID, SRV_PORT, SRV_URL, SRV_LOG. Dies if it does not come up.
svc_start() {
  local label=$1 db=$2
  shift 2
  SRV_LOG="$T/server.$label.log"
  # SVC_NOFILE, when set: the server's own descriptor limit (ulimit -n in its process only).
  (if [ -n "${SVC_NOFILE:-}" ]; then ulimit -n "$SVC_NOFILE" || exit 97; fi
   exec "$BIN" serve --db "$db" --listen 127.0.0.1:0 --load "$EX/desk_pass.yaml" "$@") \
    >"$SRV_LOG.out" 2>"$SRV_LOG" &
  SRV_PID=$!
  SVC_PIDS+=("$SRV_PID")
  SRV_PORT=""
  local i
  for i in $(seq 1 400); do  # 20 s
    SRV_PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$SRV_LOG" | head -n 1)
    [ -n "$SRV_PORT" ] && break
    if ! kill -0 "$SRV_PID" 2>/dev/null; then
      wait "$SRV_PID"
      die "server $label exited with status $? before listening"
    fi
    sleep 0.05
  done
  [ -n "$SRV_PORT" ] || die "server $label printed no 'listening on' line within 20 s"
  SRV_URL="http://127.0.0.1:$SRV_PORT"
  for i in $(seq 1 200); do  # 10 s
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$SRV_URL/healthz")" = 200 ]; then
      svc_log "server $label up on port $SRV_PORT (pid $SRV_PID)"
      return 0
    fi
    kill -0 "$SRV_PID" 2>/dev/null || die "server $label died before /healthz answered"
    sleep 0.05
  done
  die "server $label: /healthz did not answer 200 within 10 s"
}

# svc_stop: SIGTERM the current server and wait (≤ 20 s) for a clean exit (status 0).
svc_stop() {
  local pid=$SRV_PID i
  kill -TERM "$pid" 2>/dev/null || { fail "server pid $pid was not running at SIGTERM"; return 1; }
  for i in $(seq 1 400); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    fail "server pid $pid did not stop within 20 s of SIGTERM"
    return 1
  fi
  wait "$pid"
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    fail "server pid $pid exited with status $rc after SIGTERM (expected 0)"
    return 1
  fi
  svc_log "server pid $pid stopped cleanly"
  return 0
}

# svc_kill9: SIGKILL the current server and reap it.
svc_kill9() {
  kill -9 "$SRV_PID" 2>/dev/null
  wait "$SRV_PID" 2>/dev/null
  svc_log "server pid $SRV_PID killed with SIGKILL"
}

# req OUT_PREFIX curl-args...: one request; the body goes to OUT_PREFIX.body, the headers to
# OUT_PREFIX.hdr, and the status code is printed ("000" when there was no reply).
req() {
  local out=$1
  shift
  curl -s -o "$out.body" -D "$out.hdr" -w '%{http_code}' --max-time 10 "$@"
}

# has_header FILE NAME VALUE: the header file holds NAME: VALUE (case-insensitive name).
has_header() {
  grep -qiE "^$2: *$3[[:space:]]*\$" "$1"
}

# slurp VAR FILE: the file's text in VAR, without starting a process ("" if unreadable).
slurp() {
  local -n _slurp_into=$1
  _slurp_into=""
  [ -r "$2" ] || return 1
  IFS= read -r -d '' _slurp_into < "$2"
  return 0
}
