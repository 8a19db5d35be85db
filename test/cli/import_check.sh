#!/bin/sh
# Issue 13's done-when for `reducheck import`: a register, imported with the reviewer's mapping,
# gives the same verdicts as the scenario written by hand (used by import_tests.cmake).
#
# Usage: import_check.sh REDUCHECK REGISTER MAPPING HAND_WRITTEN ORDERS WORKDIR [import flags...]
cli=$1 register=$2 mapping=$3 hand=$4 orders=$5 work=$6
shift 6
mkdir -p "$work"
"$cli" import "$register" --mapping "$mapping" --out "$work/imported.yaml" "$@" 2>"$work/import.err"
rc=$?
# The totals row and the footnote are listed, not imported: exit 1 with the scenario written.
if [ "$rc" -ne 1 ]; then
  echo "FAIL: import exited $rc, expected 1 (rows listed as not imported)"; cat "$work/import.err"; exit 1
fi
grep -q "a totals row ('合计', 197,000,000 shares)" "$work/import.err" ||
  { echo "FAIL: the totals row is not listed"; cat "$work/import.err"; exit 1; }
grep -q "no holder name in .*注：本表数据来源于中国结算" "$work/import.err" ||
  { echo "FAIL: the footnote row is not listed"; cat "$work/import.err"; exit 1; }
grep -q "0 required value(s) to FILL IN" "$work/import.err" ||
  { echo "FAIL: values left to fill in"; cat "$work/import.err"; exit 1; }
cat "$orders" >>"$work/imported.yaml"
cat "$hand" "$orders" >"$work/hand.yaml"
"$cli" check "$work/imported.yaml" >"$work/imported.json" 2>"$work/imported.check.err"
rc1=$?
"$cli" check "$work/hand.yaml" >"$work/hand.json" 2>"$work/hand.check.err"
rc2=$?
if [ "$rc1" -ne "$rc2" ]; then
  echo "FAIL: check exit codes differ: imported $rc1, hand-written $rc2"
  cat "$work/imported.check.err" "$work/imported.yaml"; exit 1
fi
[ "$rc1" -le 1 ] || { echo "FAIL: check exited $rc1"; cat "$work/imported.check.err"; exit 1; }
if ! diff -u "$work/hand.json" "$work/imported.json"; then
  echo "FAIL: verdicts differ (imported scenario: $work/imported.yaml)"; exit 1
fi
verdicts=$(grep -c '"verdict":' "$work/imported.json")
[ "$verdicts" -eq 5 ] || { echo "FAIL: $verdicts verdicts, expected 5"; exit 1; }
grep -q '"verdict": "fail"' "$work/imported.json" || { echo "FAIL: no failing order"; exit 1; }
grep -q '"verdict": "pass"' "$work/imported.json" || { echo "FAIL: no passing order"; exit 1; }
echo "import matches the hand-written scenario: 5 verdicts identical"
