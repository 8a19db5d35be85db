#!/usr/bin/env bash
# End-to-end HTTP cases for `reducheck serve`, over a real socket with curl.
#
#   http_cases.sh REDUCHECK_BIN EXAMPLES_DIR CASE
#
# CASE is one of: bad_requests, auth, writes_disabled, body_limit, routing, hostile, limits. Each
# starts its own
# server on a free loopback port, checks status codes and error bodies, then requires that no
# request was answered 500, that the server still answers /healthz, and that SIGTERM stops it
# with status 0. Needs bash, curl and jq.
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
CHECK_BODY='{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":2000000,"price":"18.60"}'
EXEC_BODY='{"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":100,"price":"18.60"}'
N=0
SEEN_500=0

# expect NAME STATUS [BODY_JQ_FILTER] -- curl args...: one request; its status must be STATUS,
# and when a jq filter is given it must print "true" on the reply body.
expect() {
  local name=$1 want=$2 filter="" code
  shift 2
  if [ "$1" != -- ]; then
    filter=$1
    shift
  fi
  shift  # --
  N=$((N + 1))
  code=$(req "$T/r$N" "$@")
  [ "$code" = 500 ] && SEEN_500=1
  if [ "$code" != "$want" ]; then
    fail "$name: expected HTTP $want, got $code: $(head -c 400 "$T/r$N.body")"
    return 1
  fi
  if [ -n "$filter" ]; then
    local ok
    ok=$(jq -r "$filter" "$T/r$N.body" 2>/dev/null)
    if [ "$ok" != true ]; then
      fail "$name: HTTP $code as expected, but the body does not satisfy $filter: $(head -c 400 "$T/r$N.body")"
      return 1
    fi
  fi
  echo "ok   $name: $code $(head -c 160 "$T/r$N.body" | tr '\n' ' ')"
  LAST="$T/r$N"
  return 0
}

# raw NAME WANT FILE: sends FILE's bytes as they are on a new connection and requires the reply's
# status line to start with "HTTP/1.1 WANT" (WANT may be a regular expression such as 4[0-9][0-9]).
raw() {
  local name=$1 want=$2 file=$3 line
  N=$((N + 1))
  line=$( (exec 3<>"/dev/tcp/127.0.0.1/$SRV_PORT" || exit 1
           cat "$file" >&3 2>/dev/null
           timeout 10 cat <&3) 2>/dev/null | head -n 1 | tr -d '\r')
  case "$line" in
    "HTTP/1.1 500 "*) SEEN_500=1 ;;
  esac
  if ! printf '%s' "$line" | grep -Eq "^HTTP/1\.1 $want "; then
    fail "$name: expected HTTP $want, got: ${line:-no reply}"
    return 1
  fi
  echo "ok   $name: $line"
  return 0
}

# Problems list names FIELD, and the message mentions it.
names_field() {
  printf '.error == "bad_request" and ([.problems[]?.field] | index("%s") != null) and (.message | contains("%s"))' "$1" "$1"
}

json=(-H 'Content-Type: application/json')
auth() { printf 'Authorization: Bearer %s' "$TOKEN"; }

# The server must have survived everything and never answered 500.
finish() {
  local code
  code=$(curl -s -o "$T/final.body" -w '%{http_code}' --max-time 5 "$SRV_URL/healthz")
  [ "$code" = 200 ] || fail "after the cases: /healthz answered $code (the server should still be up)"
  kill -0 "$SRV_PID" 2>/dev/null || fail "after the cases: the server process is gone"
  curl -s --max-time 5 "$SRV_URL/metrics" > "$T/metrics.txt"
  if grep -E '^reducheck_http_requests_total\{.*code="5[0-9][0-9]"\} [1-9]' "$T/metrics.txt"; then
    fail "the server answered 5xx (see the metrics above)"
  fi
  [ "$SEEN_500" = 0 ] || fail "a request was answered 500"
  svc_stop
  if [ "$SVC_FAILED" -ne 0 ]; then
    echo "service case $CASE FAILED ($N requests)"
    exit 1
  fi
  echo "service case $CASE passed ($N requests)"
  exit 0
}

case "$CASE" in
  bad_requests)
    svc_start bad "$DB" --token-file "$TOKEN_FILE"
    expect "check: malformed JSON" 400 '.error == "bad_request" and (.message | contains("malformed JSON"))' -- \
      "${json[@]}" --data-binary '{"id":"O1","holder":' "$SRV_URL/v1/check"
    expect "execution: malformed JSON" 400 '.error == "bad_request" and (.message | contains("malformed JSON"))' -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: bad-1' --data-binary '{"holder":"DY",,}' \
      "$SRV_URL/v1/executions"
    expect "check: empty body" 400 '.error == "bad_request" and (.message | contains("empty"))' -- \
      "${json[@]}" --data-binary '' "$SRV_URL/v1/check"
    expect "check: not an object" 400 '.error == "bad_request" and (.message | contains("object"))' -- \
      "${json[@]}" --data-binary '[1,2]' "$SRV_URL/v1/check"
    expect "check: unknown field sharez" 400 "$(names_field sharez)" -- \
      "${json[@]}" --data-binary '{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","sharez":2000000,"price":"18.60"}' \
      "$SRV_URL/v1/check"
    expect "execution: unknown field colour" 400 "$(names_field colour)" -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: bad-2' \
      --data-binary '{"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":100,"price":"18.60","colour":"red"}' \
      "$SRV_URL/v1/executions"
    expect "check: shares as a string" 400 "$(names_field shares)" -- \
      "${json[@]}" --data-binary '{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":"2000000","price":"18.60"}' \
      "$SRV_URL/v1/check"
    expect "execution: shares as a string" 400 "$(names_field shares)" -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: bad-3' \
      --data-binary '{"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":"100","price":"18.60"}' \
      "$SRV_URL/v1/executions"
    expect "check: duplicate key" 400 "$(names_field shares)" -- \
      "${json[@]}" --data-binary '{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":1,"shares":2,"price":"18.60"}' \
      "$SRV_URL/v1/check"
    expect "execution: no Idempotency-Key" 400 '.error == "bad_request" and (.message | contains("Idempotency-Key"))' -- \
      "${json[@]}" -H "$(auth)" --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "check: no Content-Type" 415 '.error == "unsupported_media_type"' -- \
      -H 'Content-Type:' --data-binary "$CHECK_BODY" "$SRV_URL/v1/check"
    expect "check: text/plain" 415 '.error == "unsupported_media_type"' -- \
      -H 'Content-Type: text/plain' --data-binary "$CHECK_BODY" "$SRV_URL/v1/check"
    expect "execution: form content type" 415 '.error == "unsupported_media_type"' -- \
      -H "$(auth)" -H 'Idempotency-Key: bad-4' --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "check: application/json; charset=utf-8 is JSON" 200 '.verdict == "pass"' -- \
      -H 'Content-Type: application/json; charset=utf-8' --data-binary "$CHECK_BODY" "$SRV_URL/v1/check"
    expect "events: limit not a number" 400 "$(names_field limit)" -- \
      "$SRV_URL/v1/companies/603876/events?limit=lots"
    expect "events: unknown query parameter" 400 "$(names_field colour)" -- \
      "$SRV_URL/v1/companies/603876/events?colour=red"
    expect "check: query string" 400 "$(names_field dry)" -- \
      "${json[@]}" --data-binary "$CHECK_BODY" "$SRV_URL/v1/check?dry=1"
    # Nothing above was recorded.
    expect "no execution was recorded" 200 '.events == []' -- "$SRV_URL/v1/companies/603876/events"
    finish ;;

  auth)
    svc_start auth "$DB" --token-file "$TOKEN_FILE"
    expect "execution without a token" 401 '.error == "unauthorized"' -- \
      "${json[@]}" -H 'Idempotency-Key: a-1' --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    has_header "$LAST.hdr" WWW-Authenticate Bearer || fail "401 without 'WWW-Authenticate: Bearer'"
    expect "execution with a wrong token" 401 '.error == "unauthorized"' -- \
      "${json[@]}" -H "Authorization: Bearer ${TOKEN}x" -H 'Idempotency-Key: a-2' \
      --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "execution with a token prefix" 401 '.error == "unauthorized"' -- \
      "${json[@]}" -H "Authorization: Bearer ${TOKEN:0:10}" -H 'Idempotency-Key: a-3' \
      --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "execution with Basic auth" 401 '.error == "unauthorized"' -- \
      "${json[@]}" -H "Authorization: Basic $TOKEN" -H 'Idempotency-Key: a-4' \
      --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "execution with an empty bearer" 401 '.error == "unauthorized"' -- \
      "${json[@]}" -H "Authorization: Bearer " -H 'Idempotency-Key: a-5' \
      --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "announcement without a token" 401 '.error == "unauthorized"' -- \
      "${json[@]}" -H 'Idempotency-Key: a-6' --data-binary '{}' "$SRV_URL/v1/announcements"
    expect "PUT company without a token" 401 '.error == "unauthorized"' -- \
      -X PUT -H 'Content-Type: application/yaml' --data-binary "@$EX/desk_pass.yaml" \
      "$SRV_URL/v1/companies/603876"
    expect "nothing recorded by refused writes" 200 '.events == []' -- "$SRV_URL/v1/companies/603876/events"
    expect "check needs no token" 200 '.verdict == "pass"' -- \
      "${json[@]}" --data-binary "$CHECK_BODY" "$SRV_URL/v1/check"
    expect "execution with the token" 201 '.recorded == "execution" and .idempotency_key == "a-ok"' -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: a-ok' --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "the one execution is stored" 200 '[.events[].idempotency_key] == ["a-ok"]' -- \
      "$SRV_URL/v1/companies/603876/events"
    finish ;;

  writes_disabled)
    svc_start ro "$DB"   # no --token-file, REDUCHECK_TOKEN unset
    grep -q 'writes disabled' "$SRV_LOG" || fail "the start line does not say writes are disabled"
    expect "execution without a token" 403 '.error == "writes_disabled"' -- \
      "${json[@]}" -H 'Idempotency-Key: r-1' --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "execution with some token" 403 '.error == "writes_disabled"' -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: r-2' --data-binary "$EXEC_BODY" "$SRV_URL/v1/executions"
    expect "announcement" 403 '.error == "writes_disabled"' -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: r-3' --data-binary '{}' "$SRV_URL/v1/announcements"
    expect "PUT company" 403 '.error == "writes_disabled"' -- \
      -X PUT -H "$(auth)" -H 'Content-Type: application/yaml' --data-binary "@$EX/desk_pass.yaml" \
      "$SRV_URL/v1/companies/603876"
    expect "check still works" 200 '.verdict == "pass"' -- \
      "${json[@]}" --data-binary "$CHECK_BODY" "$SRV_URL/v1/check"
    expect "nothing recorded" 200 '.events == []' -- "$SRV_URL/v1/companies/603876/events"
    # A token file that is too short is refused at start (exit 2), before listening.
    printf 'short\n' > "$T/short-token"
    "$BIN" serve --db "$T/other.db" --listen 127.0.0.1:0 --load "$EX/desk_pass.yaml" \
      --token-file "$T/short-token" > /dev/null 2> "$T/short.err" &
    pid=$!
    SVC_PIDS+=("$pid")
    wait "$pid"
    rc=$?
    if [ "$rc" != 2 ] || ! grep -q 'at least 16' "$T/short.err"; then
      fail "a 5-character token file: expected exit 2 naming the 16-character minimum, got $rc: $(cat "$T/short.err")"
    else
      echo "ok   a too-short token file is refused: exit 2"
    fi
    finish ;;

  body_limit)
    svc_start limit "$DB" --token-file "$TOKEN_FILE" --max-body-bytes 1024
    small="$CHECK_BODY$(printf '%*s' $((1000 - ${#CHECK_BODY})) '')"      # 1000 bytes, padded JSON
    big="$CHECK_BODY$(printf '%*s' $((4096 - ${#CHECK_BODY})) '')"        # 4096 bytes
    [ "${#small}" = 1000 ] && [ "${#big}" = 4096 ] || die "test bug: body sizes ${#small} ${#big}"
    expect "check: 1000-byte body under a 1024-byte limit" 200 '.verdict == "pass"' -- \
      "${json[@]}" --data-binary "$small" "$SRV_URL/v1/check"
    expect "check: 4096-byte body over a 1024-byte limit" 413 '.error == "payload_too_large" and (.message | contains("1024"))' -- \
      "${json[@]}" --data-binary "$big" "$SRV_URL/v1/check"
    expect "execution: 4096-byte body" 413 '.error == "payload_too_large"' -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: big-1' --data-binary "$big" "$SRV_URL/v1/executions"
    expect "check: over the limit with Expect: 100-continue" 413 '.error == "payload_too_large"' -- \
      "${json[@]}" -H 'Expect: 100-continue' --data-binary "$big" "$SRV_URL/v1/check"
    head -c 300000 /dev/zero | tr '\0' ' ' > "$T/huge.json"
    expect "check: 300 kB body" 413 '.error == "payload_too_large"' -- \
      "${json[@]}" --data-binary "@$T/huge.json" "$SRV_URL/v1/check"
    expect "the oversized execution was not recorded" 200 '.events == []' -- \
      "$SRV_URL/v1/companies/603876/events"
    expect "check after the 413s" 200 '.verdict == "pass"' -- \
      "${json[@]}" --data-binary "$CHECK_BODY" "$SRV_URL/v1/check"
    finish ;;

  routing)
    svc_start routing "$DB" --token-file "$TOKEN_FILE"
    expect "/healthz" 200 '.status == "ok" and .companies == 1' -- "$SRV_URL/healthz"
    expect "unknown path" 404 '.error == "not_found"' -- "$SRV_URL/v1/nothing-here"
    expect "unknown top-level path" 404 '.error == "not_found"' -- "$SRV_URL/favicon.ico"
    expect "unknown company" 404 '.error == "not_found" and (.message | contains("999999"))' -- \
      "$SRV_URL/v1/companies/999999/holders"
    expect "unknown holder" 404 '.error == "not_found" and (.message | contains("NOBODY"))' -- \
      "${json[@]}" --data-binary '{"id":"O1","holder":"NOBODY","date":"2026-03-17","method":"centralized_bidding","shares":100,"price":"18.60"}' \
      "$SRV_URL/v1/check"
    expect "GET /v1/check" 405 '.error == "method_not_allowed" and (.message | contains("POST"))' -- \
      "$SRV_URL/v1/check" &&
      { has_header "$LAST.hdr" Allow POST || fail "GET /v1/check: 405 without 'Allow: POST'"; }
    expect "DELETE /v1/executions" 405 '.error == "method_not_allowed"' -- \
      -X DELETE -H "$(auth)" "$SRV_URL/v1/executions"
    expect "POST /healthz" 405 '.error == "method_not_allowed" and (.message | contains("GET"))' -- \
      -X POST "$SRV_URL/healthz"
    expect "POST /metrics" 405 '.error == "method_not_allowed"' -- -X POST "$SRV_URL/metrics"
    expect "PUT /v1/companies" 405 '.error == "method_not_allowed"' -- \
      -X PUT -H "$(auth)" "$SRV_URL/v1/companies"
    expect "GET /v1/companies" 200 '.companies[0].code == "603876"' -- "$SRV_URL/v1/companies"
    expect "GET holders" 200 '.holders[0].id == "DY" and .holders[0].holding == 58400000' -- \
      "$SRV_URL/v1/companies/603876/holders"
    N=$((N + 1))
    code=$(req "$T/r$N" "$SRV_URL/metrics")
    if [ "$code" != 200 ] || ! grep -q '^reducheck_http_requests_total{' "$T/r$N.body"; then
      fail "/metrics: expected 200 with reducheck_http_requests_total, got $code: $(head -c 300 "$T/r$N.body")"
    elif ! grep -q '^reducheck_http_requests_total{route="[a-z_]*",code="405"} [1-9]' "$T/r$N.body"; then
      fail "/metrics: the 405 answers above are not counted: $(grep reducheck_http_requests_total "$T/r$N.body" | head -n 20 | tr '\n' ' ')"
    else
      echo "ok   /metrics: 200 with reducheck_http_requests_total"
    fi
    # Not HTTP at all: answered 400 (or the connection is closed), and the server stays up.
    raw=$( (exec 3<>"/dev/tcp/127.0.0.1/$SRV_PORT" && printf 'HELLO\r\n\r\n' >&3 &&
           timeout 5 cat <&3) 2>/dev/null | head -n 1 | tr -d '\r')
    case "$raw" in
      "" | "HTTP/1.1 400 "*) echo "ok   a request that is not HTTP: ${raw:-connection closed}" ;;
      *) fail "a request that is not HTTP: expected 400 or a closed connection, got: $raw" ;;
    esac
    finish ;;

  hostile)
    # Requests any local client can send without a token; none may stop the desk (issue 14).
    svc_start hostile "$DB" --token-file "$TOKEN_FILE"
    big_a() { head -c "$1" /dev/zero | tr '\0' a; }
    # A chunked request whose trailer field is 70,000 bytes: Beast does not bound trailers, and a
    # field over 64 KiB made it throw out of the I/O loop (std::terminate).
    { printf 'POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: '
      big_a 70000; printf '\r\n\r\n'; } > "$T/trailer-big.http"
    raw "chunked request with a 70,000-byte trailer field" 431 "$T/trailer-big.http"
    { printf 'POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
      printf 'Transfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\nX-Late: 1\r\n\r\n' \
        "${#CHECK_BODY}" "$CHECK_BODY"; } > "$T/trailer-small.http"
    raw "chunked request with a small trailer field" 400 "$T/trailer-small.http"
    { printf 'POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
      printf 'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n%x\r\n%s\r\n0\r\n\r\n' \
        "${#CHECK_BODY}" "$CHECK_BODY"; } > "$T/chunked-ok.http"
    raw "chunked request without trailer fields" 200 "$T/chunked-ok.http"
    { printf 'POST /v1/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext='
      big_a 70000; printf '\r\nhello\r\n0\r\n\r\n'; } > "$T/chunk-ext.http"
    raw "a 70,000-byte chunk extension" 431 "$T/chunk-ext.http"
    { printf 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: '; big_a 20000; printf '\r\n\r\n'; } \
      > "$T/header-big.http"
    raw "a 20,000-byte header field" 431 "$T/header-big.http"
    { for i in $(seq 1 2000); do printf 'X-H%d: v\r\n' "$i"; done; } > "$T/many.txt"
    { printf 'GET /healthz HTTP/1.1\r\nHost: x\r\n'; cat "$T/many.txt"; printf '\r\n'; } \
      > "$T/header-many.http"
    raw "2,000 small header fields (over 16 KiB in all)" 431 "$T/header-many.http"
    # {"id":[[[...]]]} 100,000 levels deep: serialising it for the error message overflowed the
    # stack. Refused before it is parsed, naming the limit.
    { printf '{"id":'; big_a 100000 | tr a '['; big_a 100000 | tr a ']'
      printf ',"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":1,"price":"1"}'; } \
      > "$T/deep.json"
    expect "check: id nested 100,000 levels deep" 400 \
      '.error == "bad_request" and (.message | contains("nested deeper than 64 levels"))' -- \
      "${json[@]}" --data-binary "@$T/deep.json" "$SRV_URL/v1/check"
    expect "announcement: nested 100,000 levels deep" 400 \
      '.error == "bad_request" and (.message | contains("64"))' -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: deep-1' --data-binary "@$T/deep.json" \
      "$SRV_URL/v1/announcements"
    { printf '{"id":'; big_a 64 | tr a '['; big_a 64 | tr a ']'; printf '}'; } > "$T/deep64.json"
    expect "check: 65 levels in all is refused too" 400 '(.message | contains("64"))' -- \
      "${json[@]}" --data-binary "@$T/deep64.json" "$SRV_URL/v1/check"
    expect "check after the hostile requests" 200 '.verdict == "pass"' -- \
      "${json[@]}" --data-binary "$CHECK_BODY" "$SRV_URL/v1/check"
    expect "nothing was recorded" 200 '.events == []' -- "$SRV_URL/v1/companies/603876/events"
    finish ;;

  limits)
    # The same input limits as the CLI (docs/security.md#limits), and the reproducers of issue 14.
    svc_start limits "$DB" --token-file "$TOKEN_FILE"
    order() {  # order ID SHARES DATE: a check body
      printf '{"id":"%s","holder":"DY","date":"%s","method":"centralized_bidding","shares":%s,"price":"18.60"}' \
        "$1" "$3" "$2"
    }
    expect "check: 10^15 shares passes the limit (and exceeds the holding)" 422 \
      '(.message | contains("exceeds holder"))' -- \
      "${json[@]}" --data-binary "$(order O1 1000000000000000 2026-03-17)" "$SRV_URL/v1/check"
    expect "check: 10^15 + 1 shares, refused as by the CLI" 400 "$(names_field shares)" -- \
      "${json[@]}" --data-binary "$(order O1 1000000000000001 2026-03-17)" "$SRV_URL/v1/check"
    expect "execution: 10^15 + 1 shares" 400 "$(names_field shares)" -- \
      "${json[@]}" -H "$(auth)" -H 'Idempotency-Key: big-shares' \
      --data-binary "$(order O1 1000000000000001 2026-03-17)" "$SRV_URL/v1/executions"
    expect "check: date 9999-12-31" 400 \
      '(.message | contains("outside the dates reducheck accepts (1900-01-01 to 2199-12-31)"))' -- \
      "${json[@]}" --data-binary "$(order O1 100 9999-12-31)" "$SRV_URL/v1/check"
    expect "check: date 2199-12-31 is judged (outside the calendar: 422)" 422 -- \
      "${json[@]}" --data-binary "$(order O1 100 2199-12-31)" "$SRV_URL/v1/check"
    expect "headroom: ?date=9999-12-31" 400 "$(names_field date)" -- \
      "$SRV_URL/v1/holders/DY/headroom?date=9999-12-31"
    expect "check: an id with an ESC sequence" 400 '(.message | contains("U+001B"))' -- \
      "${json[@]}" --data-binary '{"id":"O\u001b[2J","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":1,"price":"1"}' \
      "$SRV_URL/v1/check"
    expect "check: a 129-byte id" 400 '(.message | contains("at most 128 bytes"))' -- \
      "${json[@]}" --data-binary "{\"id\":\"$(printf 'x%.0s' $(seq 1 129))\",\"holder\":\"DY\",\"date\":\"2026-03-17\",\"method\":\"centralized_bidding\",\"shares\":1,\"price\":\"1\"}" \
      "$SRV_URL/v1/check"
    expect "GET holders of a company code with ESC" 400 "$(names_field path)" -- \
      "$SRV_URL/v1/companies/A%1B%5B2J/holders"
    expect "headroom of a holder id that is not UTF-8" 400 "$(names_field path)" -- \
      "$SRV_URL/v1/holders/%FF/headroom"
    # Reproducer: PUT /v1/companies/{code} with a code that is not UTF-8 made listings answer
    # 500, SIGTERM exit 3 and the restart refuse (the audit log's last line was not JSON).
    sed "s/code: \"603876\"/code: \"$(printf '\xff')\"/" "$EX/desk_pass.yaml" > "$T/bad-code.yaml"
    expect "PUT a company whose code is not UTF-8" 400 "$(names_field path)" -- \
      -X PUT -H "$(auth)" -H 'Content-Type: application/yaml' --data-binary "@$T/bad-code.yaml" \
      "$SRV_URL/v1/companies/%FF"
    expect "PUT that document under a good code" 400 '(.message | contains("not valid UTF-8"))' -- \
      -X PUT -H "$(auth)" -H 'Content-Type: application/yaml' --data-binary "@$T/bad-code.yaml" \
      "$SRV_URL/v1/companies/603877"
    sed 's/name: .*/name: "Evil \\e[31m"/' "$EX/desk_pass.yaml" > "$T/esc-name.yaml"
    expect "PUT a document with an escaped ESC in a name" 400 '(.message | contains("U+001B"))' -- \
      -X PUT -H "$(auth)" -H 'Content-Type: application/yaml' --data-binary "@$T/esc-name.yaml" \
      "$SRV_URL/v1/companies/603876"
    sed 's/listing_date: .*/listing_date: 9999-12-31/' "$EX/desk_pass.yaml" > "$T/far-date.yaml"
    expect "PUT a document listed on 9999-12-31" 400 '(.message | contains("1900-01-01 to 2199-12-31"))' -- \
      -X PUT -H "$(auth)" -H 'Content-Type: application/yaml' --data-binary "@$T/far-date.yaml" \
      "$SRV_URL/v1/companies/603876"
    { cat "$EX/desk_pass.yaml"; printf -- '---\nbroken: [\n'; } > "$T/two-docs.yaml"
    expect "PUT a document with a second YAML document" 400 '(.message | contains("YAML"))' -- \
      -X PUT -H "$(auth)" -H 'Content-Type: application/yaml' --data-binary "@$T/two-docs.yaml" \
      "$SRV_URL/v1/companies/603876"
    { printf '{"company":'; head -c 200 /dev/zero | tr '\0' '['; } > "$T/deep-put.json"
    expect "PUT a JSON document nested 200 deep" 400 '(.message | contains("nested deeper than 64"))' -- \
      -X PUT -H "$(auth)" "${json[@]}" --data-binary "@$T/deep-put.json" \
      "$SRV_URL/v1/companies/603876"
    expect "listings still answer" 200 '.companies[0].code == "603876"' -- "$SRV_URL/v1/companies"
    expect "holders still answer" 200 '.holders[0].id == "DY"' -- "$SRV_URL/v1/companies/603876/holders"
    svc_stop
    "$BIN" audit verify "$DB.audit.jsonl" > "$T/verify.txt" 2>&1 ||
      fail "the audit log does not verify after the refused requests: $(tail -n 3 "$T/verify.txt")"
    svc_start limits-again "$DB" --token-file "$TOKEN_FILE"
    expect "the restart serves" 200 '.verdict == "pass"' -- \
      "${json[@]}" --data-binary "$CHECK_BODY" "$SRV_URL/v1/check"
    finish ;;

  *)
    echo "unknown case: $CASE (bad_requests, auth, writes_disabled, body_limit, routing, hostile, limits)" >&2
    exit 2 ;;
esac
