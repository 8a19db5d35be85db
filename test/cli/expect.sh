#!/bin/sh
# Runs a command and checks its exit code and, optionally, its output (used by cli_tests.cmake).
#
# Usage: expect.sh WANT_RC STREAM PATTERN -- COMMAND [ARGS...]
#   WANT_RC  the exit code the command must return
#   STREAM   out | err | any: where PATTERN must match (stdout, stderr, either)
#   PATTERN  an extended regular expression (grep -E), or "-" for no output check
# Prints the command's stdout and stderr when a check fails, then exits 1.
want_rc=$1
stream=$2
pattern=$3
shift 3
[ "$1" = "--" ] && shift

out_file=$(mktemp)
err_file=$(mktemp)
trap 'rm -f "$out_file" "$err_file"' EXIT

"$@" >"$out_file" 2>"$err_file"
rc=$?

status=0
if [ "$rc" -ne "$want_rc" ]; then
  echo "FAIL: exit code $rc, expected $want_rc"
  status=1
fi
if [ "$pattern" != "-" ]; then
  case $stream in
    out) files=$out_file ;;
    err) files=$err_file ;;
    *) files="$out_file $err_file" ;;
  esac
  # shellcheck disable=SC2086  # $files is one or two temp paths without spaces
  if ! cat $files | grep -Eq -- "$pattern"; then
    echo "FAIL: no line of $stream matches /$pattern/"
    status=1
  fi
fi
if [ "$status" -ne 0 ]; then
  echo "--- command: $*"
  echo "--- stdout:"
  cat "$out_file"
  echo "--- stderr:"
  cat "$err_file"
fi
exit "$status"
