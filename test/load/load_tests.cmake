# Load smoke tests of the desk service (`reducheck serve`): run_load.sh in mixed mode for about
# 5 seconds (checks plus one execution in 50 requests: about a thousand executions). It
# fails on any non-2xx response, socket error or timeout, a server that dies or does not exit 0
# on SIGTERM, or an audit chain that does not verify. It asserts no throughput or latency, so it
# passes on a slow or sanitizer build too. Measuring: docs/performance.md ("Desk service");
# the 10-minute soak (test/load/soak.sh) is not registered here.
# Included OPTIONAL from test/CMakeLists.txt. Needs bash, wrk, curl and jq.
add_test(NAME load.MixedSmoke
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run_load.sh $<TARGET_FILE:reducheck_cli>
                 ${PROJECT_SOURCE_DIR}/examples --mode mixed --duration 5 --connections 8
                 --wrk-threads 1 --server-threads 2 --warmup 1 --rss-interval 1 --timeout 20)
# PROCESSORS 2: the load uses both cores of the CI machine, so `ctest -j2` runs it alone.
set_tests_properties(load.MixedSmoke PROPERTIES LABELS load TIMEOUT 60 PROCESSORS 2)

# The fail-heavy desk (issue 11): the soak's profile with the 1% quota used up before the run, so
# nearly every check fails and searches for its earliest date. Asserts no speed; fails on any
# error, and unless at least 90% of the verdicts are fail. Measuring: docs/performance.md.
add_test(NAME load.FailHeavySmoke
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run_load.sh $<TARGET_FILE:reducheck_cli>
                 ${PROJECT_SOURCE_DIR}/examples --mode failheavy --duration 5 --connections 8
                 --wrk-threads 1 --server-threads 2 --warmup 1 --rss-interval 1 --timeout 20)
set_tests_properties(load.FailHeavySmoke PROPERTIES LABELS load TIMEOUT 60 PROCESSORS 2)
