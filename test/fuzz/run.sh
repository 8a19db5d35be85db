#!/usr/bin/env bash
# Builds the libFuzzer targets in their own tree and runs each one briefly (CI), or for a
# campaign. docs/security.md#fuzzing.
#
#   test/fuzz/run.sh [SECONDS_PER_TARGET [BUILD_DIR [TARGET...]]]
#
# Each target first runs every regression input under test/fuzz/regressions/<target>/ once (an
# input that once crashed must not crash again), then fuzzes for SECONDS_PER_TARGET (default 10)
# from its seeds (test/fuzz/corpus/<target>/) into a scratch corpus. Any crash, leak, timeout or
# sanitizer report fails the run; the input that caused it is kept in BUILD_DIR/findings/ and
# its path printed (add it to regressions/ with the fix). Needs clang (Debian clang-14).
# FUZZ_JOBS=N runs N targets at a time, each on a core of its own (CI: one per core); their
# reports are printed in target order once all have run. Default 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-10}
BUILD=${2:-build-fuzz}
# Optimisation of the instrumented tree: -O1, for campaigns and for CI's one sanitizer tree (the
# fuzz targets and every test), which .ci/test configures the same way first.
FUZZ_OPT=${FUZZ_OPT:--O1}
shift $(( $# > 2 ? 2 : $# ))
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(scenario pack calendar schedule request_json http)
fi
CLANGXX=$(command -v clang++ || command -v clang++-14 || true)
CLANG=$(command -v clang || command -v clang-14 || true)
if [ -z "$CLANGXX" ]; then
  echo "fuzz: clang++ not found (apt-get install clang)" >&2
  exit 2
fi
generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
start=$(date +%s)
cmake -S . -B "$BUILD" "${generator[@]}" "${launcher[@]}" -DCMAKE_C_COMPILER="$CLANG" \
  -DCMAKE_CXX_COMPILER="$CLANGXX" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="$FUZZ_OPT" \
  -DREDUCHECK_FUZZ=ON > /dev/null
cmake --build "$BUILD" --target "${TARGETS[@]/#/fuzz_}" -j"$(nproc)"
echo "fuzz: built ${#TARGETS[@]} targets in $(( $(date +%s) - start )) s"

mkdir -p "$BUILD/findings"
# fuzz_one TARGET: replays its regressions, then fuzzes; prints its report, fails on a finding.
fuzz_one() {
  local t=$1 bin dict max_len regressions scratch log runs cov
  bin="$BUILD/test/fuzz/fuzz_$t"
  dict=()
  case "$t" in
    http) dict=(-dict=test/fuzz/http.dict) ;;
    request_json) dict=(-dict=test/fuzz/json.dict) ;;
  esac
  # Longest input, per target (docs/security.md#fuzzing): each seed stays whole (a shipped pack
  # is ~44 KB, the largest scenario ~17 KB, the calendar ~14 KB); HTTP reaches the header,
  # read-buffer and (fuzz) body limits; a JSON body's nesting limit needs ~130 bytes; schedule
  # lines are read one by one, so 4 KiB holds dozens of them.
  case "$t" in
    pack | http) max_len=65536 ;;
    scenario) max_len=20480 ;;
    calendar) max_len=16384 ;;
    *) max_len=4096 ;;
  esac
  regressions=(test/fuzz/regressions/"$t"/*)
  if [ -e "${regressions[0]}" ]; then
    if ! "$bin" "${regressions[@]}" > "$BUILD/findings/$t.regressions.log" 2>&1; then
      echo "fuzz: $t: a regression input fails again:"
      tail -n 30 "$BUILD/findings/$t.regressions.log"
      return 1
    fi
    echo "fuzz: $t: ${#regressions[@]} regression inputs pass"
  fi
  scratch="$BUILD/corpus/$t"
  mkdir -p "$scratch"
  log="$BUILD/findings/$t.log"
  if "$bin" "${dict[@]}" -max_total_time="$SECONDS_PER_TARGET" -timeout=20 -rss_limit_mb=2048 \
       -max_len="$max_len" -artifact_prefix="$BUILD/findings/$t-" -print_final_stats=1 \
       "$scratch" "test/fuzz/corpus/$t" > "$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    echo "fuzz: $t: ${runs:-?} executions in ${SECONDS_PER_TARGET} s, $cov, no crash"
  else
    echo "fuzz: $t FAILED:"
    grep -E 'ERROR|==[0-9]+==|SUMMARY|Test unit written|artifact' "$log" | head -n 20
    tail -n 40 "$log"
    return 1
  fi
}

failed=0
jobs_max=${FUZZ_JOBS:-1}
if [ "$jobs_max" -le 1 ]; then
  for t in "${TARGETS[@]}"; do fuzz_one "$t" || failed=1; done
else
  declare -A pid_of=()
  for t in "${TARGETS[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
    fuzz_one "$t" > "$BUILD/findings/$t.report" 2>&1 &
    pid_of[$t]=$!
  done
  for t in "${TARGETS[@]}"; do
    wait "${pid_of[$t]}" || failed=1
    cat "$BUILD/findings/$t.report"
  done
fi
echo "fuzz: total $(( $(date +%s) - start )) s"
exit "$failed"
