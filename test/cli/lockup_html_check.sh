#!/bin/sh
# Renders the lock-up HTML report of an example in headless Chromium and checks the DOM and a
# screenshot (used by lockup_tests.cmake). Exits 77 (ctest SKIP_RETURN_CODE) with a message when
# Chromium is not installed: CI installs it with `apt-get install -y chromium`.
#
# Usage: lockup_html_check.sh REDUCHECK SCENARIO EXPECTED_LOTS [OUT_PNG]
cli=$1
scenario=$2
want_lots=$3
out_png=$4

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (apt-get install -y chromium); HTML report not rendered"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html=$work/report.html
png=${out_png:-$work/report.png}

if ! "$cli" lockup "$scenario" --html "$html" >"$work/stdout" 2>"$work/stderr"; then
  echo "FAIL: reducheck lockup exited non-zero"
  cat "$work/stderr"
  exit 1
fi

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"
# shellcheck disable=SC2086  # $flags is a list of plain words
timeout 120 "$browser" $flags --user-data-dir="$work/profile-dom" --dump-dom "file://$html" \
  >"$work/dom.html" 2>"$work/chromium-dom.log"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --user-data-dir="$work/profile-png" --screenshot="$png" \
  --window-size=1400,900 "file://$html" >"$work/chromium-png.log" 2>&1

status=0
grep -q '<svg id="timeline"' "$work/dom.html" || { echo "FAIL: no SVG timeline in the DOM"; status=1; }
rows=$(grep -o 'class="lot-row"' "$work/dom.html" | wc -l)
[ "$rows" -eq "$want_lots" ] || { echo "FAIL: $rows lot rows in the SVG, expected $want_lots"; status=1; }
trs=$(grep -o '<tr class="lot">' "$work/dom.html" | wc -l)
[ "$trs" -eq "$want_lots" ] || { echo "FAIL: $trs lot rows in the table, expected $want_lots"; status=1; }
grep -q 'id="today"' "$work/dom.html" || { echo "FAIL: no as-of line"; status=1; }
grep -q 'id="legend"' "$work/dom.html" || { echo "FAIL: no legend"; status=1; }
if [ ! -f "$png" ]; then
  echo "FAIL: no screenshot written"
  cat "$work/chromium-png.log"
  status=1
else
  size=$(wc -c <"$png")
  [ "$size" -gt 20000 ] || { echo "FAIL: screenshot only $size bytes"; status=1; }
  echo "screenshot: $size bytes, $rows lot rows"
fi
exit "$status"
