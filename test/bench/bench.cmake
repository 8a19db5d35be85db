# engine_bench: Google Benchmark of Evaluator::Check on a realistic ledger (docs/performance.md).
# Included OPTIONAL from test/CMakeLists.txt. ctest only smoke-runs it (bench.Smoke); measure with
# a Release build, see docs/performance.md.
find_package(benchmark REQUIRED)
add_executable(engine_bench ${CMAKE_CURRENT_SOURCE_DIR}/bench/evaluator_bench.cpp)
target_link_libraries(engine_bench PRIVATE reducheck::rules reducheck::adapters
  benchmark::benchmark reducheck::build_flags)
target_compile_definitions(engine_bench PRIVATE REDUCHECK_RULES_DIR="${PROJECT_SOURCE_DIR}/rules")
add_test(NAME bench.Smoke COMMAND engine_bench --benchmark_min_time=0.01)

# desk_bench: the desk service's POST /v1/check handler in-process, and its parts.
add_executable(desk_bench ${CMAKE_CURRENT_SOURCE_DIR}/bench/desk_bench.cpp)
target_include_directories(desk_bench PRIVATE ${PROJECT_SOURCE_DIR}/adapters/src)
target_link_libraries(desk_bench PRIVATE reducheck::adapters benchmark::benchmark
  reducheck::build_flags)
target_compile_definitions(desk_bench PRIVATE REDUCHECK_RULES_DIR="${PROJECT_SOURCE_DIR}/rules"
  REDUCHECK_EXAMPLES_DIR="${PROJECT_SOURCE_DIR}/examples")
add_test(NAME bench.DeskSmoke COMMAND desk_bench --benchmark_min_time=0.01)

# fix_bench: the FIX gateway's decision per sell order (DeskFixCore::CheckSell), in-process.
add_executable(fix_bench ${CMAKE_CURRENT_SOURCE_DIR}/bench/fix_bench.cpp)
target_include_directories(fix_bench PRIVATE ${PROJECT_SOURCE_DIR}/adapters/src)
target_link_libraries(fix_bench PRIVATE reducheck::adapters benchmark::benchmark
  reducheck::build_flags)
target_compile_definitions(fix_bench PRIVATE REDUCHECK_RULES_DIR="${PROJECT_SOURCE_DIR}/rules"
  REDUCHECK_EXAMPLES_DIR="${PROJECT_SOURCE_DIR}/examples")
add_test(NAME bench.FixSmoke COMMAND fix_bench --benchmark_min_time=0.01)

# fix_session_bench: QuickFIX's parse and forward encoding of one order (C++14, like the
# gateway's session layer).
add_executable(fix_session_bench ${CMAKE_CURRENT_SOURCE_DIR}/bench/fix_session_bench.cpp)
set_target_properties(fix_session_bench PROPERTIES CXX_STANDARD 14 CXX_EXTENSIONS OFF)
target_include_directories(fix_session_bench SYSTEM PRIVATE ${QUICKFIX_INCLUDE_DIR})
target_link_libraries(fix_session_bench PRIVATE ${QUICKFIX_LIBRARY} benchmark::benchmark
  reducheck::build_flags)
target_compile_options(fix_session_bench PRIVATE -Wno-deprecated)
add_test(NAME bench.FixSessionSmoke COMMAND fix_session_bench --benchmark_min_time=0.01)
