#!/bin/sh
# Renders the lock-up HTML report of an example in headless Chromium and checks the DOM and a
# screenshot (used by lockup_tests.cmake). Exits 77 (ctest SKIP_RETURN_CODE) with a message when
# Chromium is not installed: CI installs it with `apt-get install -y chromium`.
#
# Also (issue 13 item 4): the header, the disclaimer and the per-holder summary are in the DOM,
# and `--pdf` prints a PDF whose text has them and whose first page, rendered to PNG by
# pdftoppm, is a real picture (poppler-utils; the PDF checks are skipped without it).
#
# Usage: lockup_html_check.sh REDUCHECK SCENARIO EXPECTED_LOTS EXPECTED_HOLDERS [OUT_PNG]
cli=$1
scenario=$2
want_lots=$3
want_holders=$4
out_png=$5

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (apt-get install -y chromium); HTML report not rendered"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html=$work/report.html
png=${out_png:-$work/report.png}

pdf=$work/report.pdf
if ! "$cli" lockup "$scenario" --html "$html" --pdf "$pdf" >"$work/stdout" 2>"$work/stderr"; then
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
grep -q 'id="report-header"' "$work/dom.html" || { echo "FAIL: no report header"; status=1; }
grep -q 'id="disclaimer"' "$work/dom.html" || { echo "FAIL: no disclaimer"; status=1; }
grep -q '<th>Generated</th><td>[0-9-]*T[0-9:]*Z (UTC)</td>' "$work/dom.html" ||
  { echo "FAIL: no generation time in the header"; status=1; }
grep -q '<th>Tool version</th><td>reducheck ' "$work/dom.html" ||
  { echo "FAIL: no tool version in the header"; status=1; }
grep -q '<th>Trading calendar</th><td>.*, \(official\|provisional\)' "$work/dom.html" ||
  { echo "FAIL: no calendar status in the header"; status=1; }
summaries=$(grep -o 'class="holder-summary"' "$work/dom.html" | wc -l)
[ "$summaries" -eq "$want_holders" ] ||
  { echo "FAIL: $summaries holder summary rows, expected $want_holders"; status=1; }
# The summary comes before the detail.
awk '/id="summary"/{s=NR} /id="lots"/{l=NR} END{exit !(s && l && s < l)}' "$work/dom.html" ||
  { echo "FAIL: the summary is not before the lots"; status=1; }
# The PDF: printed by Chromium through the page's print CSS.
if [ ! -f "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
  echo "FAIL: --pdf wrote no PDF"; cat "$work/stderr"; status=1
elif command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
  pdftotext -layout "$pdf" "$work/report.txt"
  for want in "Lock-up calendar" "Summary by holder" "is not legal advice" "Generated" \
              "Tool version" "Rule packs" "Quotas (dates on which"; do
    grep -q "$want" "$work/report.txt" || { echo "FAIL: the PDF lacks '$want'"; status=1; }
  done
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
  size=$(pdfinfo "$pdf" | awk '/^Page size:/{print $3 "x" $5}')
  [ "$size" = "841.92x594.96" ] || { echo "FAIL: PDF page size $size, expected A4 landscape"; status=1; }
  pdftoppm -png -r 50 -f 1 -l 1 "$pdf" "$work/page"
  page_png=$(ls "$work"/page*.png 2>/dev/null | head -1)
  psize=$(wc -c <"${page_png:-/dev/null}")
  [ "$psize" -gt 20000 ] || { echo "FAIL: PDF page 1 renders to only $psize bytes"; status=1; }
  echo "pdf: $pages pages, A4 landscape, page 1 $psize bytes"
else
  echo "note: poppler-utils not installed; PDF text and pages not checked"
fi
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
