#!/usr/bin/env bash
# The installed library, as a consumer sees it (docs/embedding.md): install this build tree to a
# temporary prefix, MOVE the prefix (the package must be relocatable), build examples/embed
# against it with find_package(reducheck CONFIG REQUIRED) in standard C++20 with
# -Wall -Wextra -Wpedantic -Werror (every public header compiled on its own), run it and check
# its verdicts; then run the moved CLI, which must find its own rule packs beside it.
#
# MODE "headers" (the sanitizer tree's install.PublicHeaders): the same install, checks and move,
# and the moved CLI; instead of the consumer, one translation unit that includes every installed
# public header (each twice), compiled with -fsyntax-only by this tree's compiler (clang there)
# with the consumer's warning flags, so a clang-only warning in a public header still fails CI
# (~4 CPU-s instead of ~50 s for the consumer's sanitized translation units). The consumer, its
# verdicts and each header compiled on its own: install.EmbedConsumer in the Release tree.
#
# Usage: embed_consumer.sh BUILD_DIR SOURCE_DIR [EXTRA_CXX_FLAGS [MODE]]   (MODE: full | headers)
set -euo pipefail
build_dir=$1
source_dir=$2
extra_flags=${3:-}
mode=${4:-full}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build_dir" --prefix "$tmp/staged" >"$tmp/install.log"
for f in lib/cmake/reducheck/reducheckConfig.cmake include/reducheck/engine/evaluator.h \
         include/reducheck/rules/cn_rule_set.h include/reducheck/adapters/pack_reader.h \
         share/reducheck/calendars/cn-a-share.yaml bin/reducheck; do
  [ -e "$tmp/staged/$f" ] || { echo "FAIL: not installed: $f"; exit 1; }
done
if grep -rn '__int128\|__extension__' "$tmp/staged/include"; then
  echo "FAIL: a GCC extension in an installed public header"; exit 1
fi
mv "$tmp/staged" "$tmp/moved"   # relocatable: nothing may point at the staging prefix

if [ "$mode" = headers ]; then
  headers=$(cd "$tmp/moved/include" && find reducheck -name '*.h' | sort)
  [ "$(echo "$headers" | wc -l)" -ge 20 ] || { echo "FAIL: few public headers: $headers"; exit 1; }
  for h in $headers; do printf '#include "%s"\n#include "%s"  // include guard\n' "$h" "$h"; done \
    >"$tmp/all_headers.cpp"
  "${CXX:-c++}" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I"$tmp/moved/include" \
    "$tmp/all_headers.cpp" || { echo "FAIL: the public headers under ${CXX:-c++}"; exit 1; }
  echo "$(echo "$headers" | wc -l) public headers compile together under ${CXX:-c++}"
else
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$source_dir/examples/embed" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/moved" \
    -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
    -DCMAKE_CXX_FLAGS="$extra_flags" -DCMAKE_EXE_LINKER_FLAGS="$extra_flags" >"$tmp/configure.log" \
    || { cat "$tmp/configure.log"; exit 1; }
  cmake --build "$tmp/consumer" -j2 >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }

  out=$("$tmp/consumer/embed_check" "$source_dir/examples/embed/desk.yaml")
  echo "$out"
  grep -qx 'O-2000000 pass max_compliant_shares=5000000 binding_rule=CAP-CB-1PCT' <<<"$out" \
    || { echo "FAIL: the passing order"; exit 1; }
  grep -Eq '^O-6000000 fail max_compliant_shares=5000000 binding_rule=CAP-CB-1PCT .*violation=CAP-CB-1PCT/' <<<"$out" \
    || { echo "FAIL: the failing order"; exit 1; }
fi

# The moved CLI finds <prefix>/share/reducheck beside its bin/ (no flag, no environment).
env -u REDUCHECK_RULES_DIR "$tmp/moved/bin/reducheck" rules >"$tmp/rules.txt" 2>&1 \
  || { cat "$tmp/rules.txt"; exit 1; }
echo "PASS"
