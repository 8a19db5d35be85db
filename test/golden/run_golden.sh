#!/bin/sh
# Golden test runner for the example scenarios (examples/*.yaml).
#
#   run_golden.sh BIN EXAMPLE EXPECTED_JSON EXPECTED_EXIT
#       Runs `BIN check EXAMPLE --format json`; stdout must equal EXPECTED_JSON byte for byte
#       and the exit code must equal EXPECTED_EXIT (0 all orders pass, 1 any fail/unknown).
#   run_golden.sh --text BIN EXAMPLE EXPECTED_EXIT
#       Runs `BIN check EXAMPLE --format text --lang zh`; the exit code must equal EXPECTED_EXIT
#       ("0|1" accepts either) and stdout must not be empty.
#
# To re-bless after a reviewed change (never blindly):
#   BIN check examples/NAME.yaml --format json > test/golden/expected/NAME.json
set -u

usage() {
  echo "usage: $0 BIN EXAMPLE EXPECTED_JSON EXPECTED_EXIT" >&2
  echo "       $0 --text BIN EXAMPLE EXPECTED_EXIT" >&2
  exit 2
}

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t golden) || { echo "cannot create a temp dir" >&2; exit 2; }
trap 'rm -rf "$tmp"' EXIT INT TERM

exit_ok() {  # exit_ok ACTUAL EXPECTED  (EXPECTED may be "a|b")
  case "|$2|" in
    *"|$1|"*) return 0 ;;
  esac
  return 1
}

if [ "${1:-}" = "--text" ]; then
  [ $# -eq 4 ] || usage
  bin=$2; example=$3; want_exit=$4
  "$bin" check "$example" --format text --lang zh >"$tmp/out" 2>"$tmp/err"
  rc=$?
  status=0
  if ! exit_ok "$rc" "$want_exit"; then
    echo "FAIL: exit code $rc, expected $want_exit ($example, --format text --lang zh)"
    status=1
  fi
  if [ ! -s "$tmp/out" ]; then
    echo "FAIL: empty stdout ($example, --format text --lang zh)"
    status=1
  fi
  if [ $status -ne 0 ]; then
    echo "--- stderr ---"; cat "$tmp/err"
    echo "--- stdout ---"; cat "$tmp/out"
  fi
  exit $status
fi

[ $# -eq 4 ] || usage
bin=$1; example=$2; expected=$3; want_exit=$4
[ -f "$expected" ] || { echo "FAIL: no expected file $expected" >&2; exit 1; }

"$bin" check "$example" --format json >"$tmp/out" 2>"$tmp/err"
rc=$?
status=0
if ! cmp -s "$expected" "$tmp/out"; then
  echo "FAIL: JSON output of $example differs from $expected"
  echo "--- diff (expected -> actual) ---"
  diff -u "$expected" "$tmp/out"
  echo "--- actual output ---"
  cat "$tmp/out"
  status=1
fi
if ! exit_ok "$rc" "$want_exit"; then
  echo "FAIL: exit code $rc, expected $want_exit ($example)"
  status=1
fi
if [ $status -ne 0 ] && [ -s "$tmp/err" ]; then
  echo "--- stderr ---"; cat "$tmp/err"
fi
exit $status
