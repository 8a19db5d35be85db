# Service tests: start `reducheck serve` on a free loopback port and talk to it over real HTTP
# with curl (bash + curl + jq; no Python). Included by test/CMakeLists.txt. Label: service.
set(REDUCHECK_SERVICE_TEST_DIR ${CMAKE_CURRENT_LIST_DIR})

# Crash durability: SIGKILL mid-stream twice; every acknowledged execution survives, none counts
# twice, retries replay, and the audit log verifies and replays afterwards.
add_test(NAME service.KillDuringExecutions
         COMMAND bash ${REDUCHECK_SERVICE_TEST_DIR}/kill_test.sh
                 $<TARGET_FILE:reducheck_cli> ${PROJECT_SOURCE_DIR}/examples)
set_tests_properties(service.KillDuringExecutions PROPERTIES LABELS service TIMEOUT 120)
# The same with an audit log that rotates (at 2 KiB, checked every second) and compresses its
# closed segments: SIGKILL lands while segments are closed and compressed (issue 14 item 9).
add_test(NAME service.Fault.KillDuringRotation
         COMMAND bash ${REDUCHECK_SERVICE_TEST_DIR}/kill_test.sh
                 $<TARGET_FILE:reducheck_cli> ${PROJECT_SOURCE_DIR}/examples)
set_tests_properties(service.Fault.KillDuringRotation PROPERTIES LABELS service TIMEOUT 120
  ENVIRONMENT "REDUCHECK_KILL_SERVE_FLAGS=--audit-rotate-bytes 2048 --audit-compress")

# Quick end-to-end cases, one server each: http_cases.sh <bin> <examples> <case>.
foreach(pair IN ITEMS BadRequests:bad_requests Auth:auth WritesDisabled:writes_disabled
                      BodyLimit:body_limit Routing:routing
                      Hostile:hostile Limits:limits)
  string(REPLACE ":" ";" parts ${pair})
  list(GET parts 0 name)
  list(GET parts 1 case)
  add_test(NAME service.${name}
           COMMAND bash ${REDUCHECK_SERVICE_TEST_DIR}/http_cases.sh
                   $<TARGET_FILE:reducheck_cli> ${PROJECT_SOURCE_DIR}/examples ${case})
  set_tests_properties(service.${name} PROPERTIES LABELS service TIMEOUT 60)
endforeach()

# Fault injection (issue 14): fault_test.sh <bin> <examples> <case>. Each proves no acknowledged
# execution lost, no silent wrong state, a clear message.
foreach(pair IN ITEMS SecondServe:second_serve Descriptors:descriptors
                      DiskFullDatabase:disk_full_db DiskFullAuditLog:disk_full_audit
                      Corrupted:corrupt)
  string(REPLACE ":" ";" parts ${pair})
  list(GET parts 0 name)
  list(GET parts 1 case)
  add_test(NAME service.Fault.${name}
           COMMAND bash ${REDUCHECK_SERVICE_TEST_DIR}/fault_test.sh
                   $<TARGET_FILE:reducheck_cli> ${PROJECT_SOURCE_DIR}/examples ${case})
  set_tests_properties(service.Fault.${name} PROPERTIES LABELS service TIMEOUT 120)
endforeach()
