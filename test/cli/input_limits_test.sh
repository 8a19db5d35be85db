#!/usr/bin/env bash
# The input limits of the CLI readers (docs/security.md#limits), end to end with the real
# executable: dates outside 1900-01-01..2199-12-31 anywhere, text that is not UTF-8, control
# characters, a second YAML document, nesting, aliases, share counts, and what batch, plan and
# lockup make of such input. Every case names what it checks; a refusal must be exit 2 with a
# located message, never exit 3 and never output that looks like a result.
#
#   input_limits_test.sh REDUCHECK_BIN DATA_DIR CASE
#   CASE: dates | text | structure | outputs
set -u
BIN=$1
DATA=$2
CASE=$3
T=$(mktemp -d "${TMPDIR:-/tmp}/reducheck-limits.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
FAILED=0
N=0
fail() {
  FAILED=1
  echo "FAIL: $*"
}

# run NAME WANT_RC [STDERR_REGEX] -- COMMAND...: the command's exit code must be WANT_RC ("not3"
# for anything but 3 and a crash), and stderr must match the regex when one is given.
run() {
  local name=$1 want=$2 regex=""
  shift 2
  if [ "$1" != -- ]; then
    regex=$1
    shift
  fi
  shift
  N=$((N + 1))
  "$@" > "$T/out" 2> "$T/err"
  local rc=$?
  if [ "$want" = not3 ]; then
    if [ "$rc" -ge 3 ] || grep -q 'internal error' "$T/err"; then
      fail "$name: exit $rc: $(head -c 300 "$T/err")"
      return 1
    fi
  elif [ "$rc" != "$want" ]; then
    fail "$name: exit $rc, expected $want: $(head -c 300 "$T/err")"
    return 1
  fi
  if [ -n "$regex" ] && ! grep -Eq -- "$regex" "$T/err"; then
    fail "$name: exit $rc as expected, but stderr does not match /$regex/: $(head -c 300 "$T/err")"
    return 1
  fi
  return 0
}

SCEN="$DATA/hardening/all_dates.yaml"
RANGE='is outside the dates reducheck accepts \(1900-01-01 to 2199-12-31\)'

case "$CASE" in
  dates)
    # Each date of the scenario, one at a time: 9999-12-31 is refused where it stands; the edges
    # of the range are judged (pass, fail or a located refusal), never an internal error.
    # REDUCHECK_LIMITS_QUICK=1 (the sanitizer tree, where every run costs ~0.3 s of ASan start
    # and leak check): one value outside the range and one edge per field, instead of three and two.
    refused="9999-12-31 2200-01-01 1899-12-31"
    edges="2199-12-31 1900-01-01"
    if [ "${REDUCHECK_LIMITS_QUICK:-0}" = 1 ]; then
      refused="9999-12-31"
      edges="2199-12-31"
    fi
    lines=$(grep -nE ': [0-9]{4}-[0-9]{2}-[0-9]{2}$' "$SCEN" | cut -d: -f1)
    [ "$(echo "$lines" | wc -l)" -ge 23 ] || fail "test bug: expected 23 date lines in $SCEN"
    for ln in $lines; do
      field=$(sed -n "${ln}p" "$SCEN" | sed -E 's/^ *-? *([a-z_]+):.*/\1/')
      for d in $refused; do
        sed -E "${ln}s/[0-9]{4}-[0-9]{2}-[0-9]{2}\$/$d/" "$SCEN" > "$T/v.yaml"
        run "check, $field (line $ln) = $d" 2 "v\\.yaml:$ln:[0-9]+: .*$field: '$d' $RANGE" -- \
          "$BIN" check "$T/v.yaml"
      done
      for d in $edges; do
        sed -E "${ln}s/[0-9]{4}-[0-9]{2}-[0-9]{2}\$/$d/" "$SCEN" > "$T/v.yaml"
        run "check, $field (line $ln) = $d" not3 -- "$BIN" check "$T/v.yaml"
        run "lockup, $field (line $ln) = $d" not3 -- "$BIN" lockup "$T/v.yaml" --as-of 2026-07-13
        run "check --format text, $field (line $ln) = $d" not3 -- \
          "$BIN" check "$T/v.yaml" --format text
      done
    done
    run "lockup --as-of 9999-12-31" 2 "--as-of: '9999-12-31' $RANGE" -- \
      "$BIN" lockup "$SCEN" --as-of 9999-12-31
    run "plan --from 9999-12-31" 2 "--from: '9999-12-31' $RANGE" -- \
      "$BIN" plan "$SCEN" --holder CH --shares 100 --from 9999-12-31
    printf 'id,holder,date,method,shares,price\nB1,CH,9999-12-31,centralized_bidding,100,15.30\n' \
      > "$T/s.csv"
    run "batch line dated 9999-12-31" 2 "s\\.csv:2: date: '9999-12-31' $RANGE" -- \
      "$BIN" batch "$SCEN" "$T/s.csv"
    ;;

  text)
    # A GBK-encoded name (中国平安): not UTF-8, named with the byte, offset and the conversion.
    sed "s/name: Date Edge Co/name: $(printf '\xd6\xd0\xb9\xfa\xc6\xbd\xb0\xb2')/" "$SCEN" \
      > "$T/gbk.yaml"
    run "GBK text in a scenario" 2 \
      "gbk\\.yaml:6:9: the file is not valid UTF-8: the first bad byte is 0xD6 at byte offset [0-9]+; it looks like GBK/GB18030: convert it with \`iconv -f GB18030 -t UTF-8\`" -- \
      "$BIN" check "$T/gbk.yaml"
    sed "s/name: Date Edge Co/name: $(printf 'caf\xe9 ')/" "$SCEN" > "$T/latin1.yaml"
    run "Latin-1 text in a scenario" 2 "latin1\\.yaml:6:.*Windows-1252" -- \
      "$BIN" check "$T/latin1.yaml"
    # The same document in UTF-8, with a byte order mark and Chinese text: accepted.
    { printf '\xef\xbb\xbf'; sed "s/name: Date Edge Co/name: 中国平安/" "$SCEN"; } > "$T/bom.yaml"
    run "UTF-8 with a byte order mark" 1 -- "$BIN" check "$T/bom.yaml"
    # An ESC sequence, raw in the file and as a YAML escape: refused, and nothing printed.
    sed "s/name: Chen Hao/name: $(printf 'Chen \033[31mHao')/" "$SCEN" > "$T/esc.yaml"
    run "raw ESC in a holder name" 2 "esc\\.yaml:[0-9]+:[0-9]+: .*control character U\\+001B" -- \
      "$BIN" check "$T/esc.yaml" --format text
    [ -s "$T/out" ] && fail "raw ESC: something was printed on stdout"
    sed 's/name: Chen Hao/name: "Chen \\e[31mHao"/' "$SCEN" > "$T/esc2.yaml"
    run "YAML-escaped ESC in a holder name" 2 \
      "esc2\\.yaml:[0-9]+:[0-9]+: holders\\[0\\]\\.name: contains the control character U\\+001B" -- \
      "$BIN" check "$T/esc2.yaml" --format text
    [ -s "$T/out" ] && fail "escaped ESC: something was printed on stdout"
    if grep -q "$(printf '\033')" "$T/err"; then fail "an ESC byte reached stderr"; fi
    sed 's/id: O1/id: "O1\\u202Egnp.exe"/' "$SCEN" > "$T/bidi.yaml"
    run "a right-to-left override in an order id" 2 "orders\\[0\\]\\.id: contains the invisible formatting character U\\+202E" -- \
      "$BIN" check "$T/bidi.yaml"
    sed "s/id: CH-INC/id: $(printf 'L%.0s' $(seq 1 129))/" "$SCEN" > "$T/long.yaml"
    run "a 129-byte lot id" 2 "lots\\[0\\]\\.id: is 129 bytes long; identifiers are at most 128 bytes" -- \
      "$BIN" check "$T/long.yaml"
    # A schedule with one GBK line among good ones: that line is reported, the others judged.
    { printf 'id,holder,date,method,shares,price\n'
      printf 'B1,CH,2026-07-13,centralized_bidding,100,15.30\n'
      printf 'B2,%s,2026-07-14,centralized_bidding,100,15.30\n' "$(printf '\xd6\xd0')"
      printf 'B3,CH,2026-07-15,centralized_bidding,100,15.30\n'; } > "$T/gbk.csv"
    run "batch: a GBK line" 2 "gbk\\.csv:3:[0-9]+: line: the line is not valid UTF-8.*GBK/GB18030" -- \
      "$BIN" batch "$SCEN" "$T/gbk.csv"
    grep -q '^2,B1,' "$T/out" && grep -q '^3,,' "$T/out" && grep -q '^4,B3,' "$T/out" ||
      fail "batch: the lines around the bad one were not all reported: $(cat "$T/out")"
    ;;

  structure)
    { cat "$SCEN"; printf -- '---\ncompany: {code: "X"}\n'; } > "$T/two.yaml"
    run "a second YAML document" 2 "two\\.yaml:[0-9]+:1: a second YAML document starts here" -- \
      "$BIN" check "$T/two.yaml"
    { cat "$SCEN"; printf -- '---\nfoo: [unclosed\n'; } > "$T/two-broken.yaml"
    run "a broken second YAML document" 2 "two-broken\\.yaml:[0-9]+:[0-9]+: " -- \
      "$BIN" check "$T/two-broken.yaml"
    { cat "$SCEN"; printf 'extra: '; head -c 100 /dev/zero | tr '\0' '['; } > "$T/deep.yaml"
    run "YAML nested 100 levels deep" 2 "nested deeper than 64 levels" -- "$BIN" check "$T/deep.yaml"
    # An alias bomb: 9 levels of 10 aliases each expand to 10^9 nodes from a few hundred bytes.
    {
      printf 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n'
      for i in 1 2 3 4 5 6 7 8 9; do
        p=$((i - 1))
        printf 'a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' \
          "$i" "$i" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p"
      done
    } > "$T/bomb.yaml"
    run "a YAML alias bomb" 2 "more than 4000000 nodes" -- "$BIN" check "$T/bomb.yaml"
    sed 's/shares: 1000$/shares: 1000000000000001/' "$SCEN" > "$T/shares.yaml"
    run "10^15 + 1 shares" 2 "at most 1000000000000000 shares" -- "$BIN" check "$T/shares.yaml"
    run "plan --shares 10^15 + 1" 2 "--shares: at most 1000000000000000 shares" -- \
      "$BIN" plan "$SCEN" --holder CH --shares 1000000000000001 --from 2026-07-13
    ;;

  outputs)
    # A workbook (or CSV) is never written from input that does not pass the checks.
    sed "s/name: Date Edge Co/name: $(printf '\xd6\xd0\xb9\xfa')/" "$SCEN" > "$T/gbk.yaml"
    printf 'id,holder,date,method,shares,price\nB1,CH,2026-07-13,centralized_bidding,100,15.30\n' \
      > "$T/s.csv"
    run "batch --out x.xlsx from a GBK scenario" 2 "GBK/GB18030" -- \
      "$BIN" batch "$T/gbk.yaml" "$T/s.csv" --out "$T/x.xlsx"
    [ -e "$T/x.xlsx" ] && fail "batch wrote a workbook from a scenario it refused"
    sed "s/name: Date Edge Co/name: $(printf 'A\033[2JB')/" "$SCEN" > "$T/esc.yaml"
    run "batch --out x.xlsx from a scenario with ESC" 2 "U\\+001B" -- \
      "$BIN" batch "$T/esc.yaml" "$T/s.csv" --out "$T/y.xlsx"
    [ -e "$T/y.xlsx" ] && fail "batch wrote a workbook from a scenario with a control character"
    ;;

  *)
    echo "unknown case $CASE" >&2
    exit 2
    ;;
esac

if [ "$FAILED" -ne 0 ]; then
  echo "input limits ($CASE): FAILED ($N runs)"
  exit 1
fi
echo "input limits ($CASE): passed ($N runs)"
