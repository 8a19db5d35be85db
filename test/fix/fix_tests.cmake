# The FIX gateway over real loopback FIX sessions (test/fix/fix_gateway_test.cpp): a QuickFIX
# test OMS and test broker in the test process, `reducheck fix-gateway` as a child. C++14 like
# the gateway's session layer. Included by test/CMakeLists.txt. Label: fix.
find_package(SQLite3 REQUIRED)
find_package(Threads REQUIRED)
add_executable(fix_gateway_test ${CMAKE_CURRENT_LIST_DIR}/fix_gateway_test.cpp)
set_target_properties(fix_gateway_test PROPERTIES CXX_STANDARD 14 CXX_EXTENSIONS OFF)
target_include_directories(fix_gateway_test SYSTEM PRIVATE ${QUICKFIX_INCLUDE_DIR})
target_include_directories(fix_gateway_test PRIVATE ${PROJECT_SOURCE_DIR}/adapters/src)
target_link_libraries(fix_gateway_test PRIVATE reducheck_fix_session ${QUICKFIX_LIBRARY} SQLite::SQLite3 GTest::gtest_main
                      Threads::Threads reducheck::build_flags)
target_compile_options(fix_gateway_test PRIVATE -O0 -Wno-deprecated)
target_compile_definitions(fix_gateway_test PRIVATE
  REDUCHECK_BIN="$<TARGET_FILE:reducheck_cli>"
  REDUCHECK_EXAMPLES="${PROJECT_SOURCE_DIR}/examples"
  REDUCHECK_FIX_TESTDATA="${CMAKE_CURRENT_LIST_DIR}")
add_dependencies(fix_gateway_test reducheck_cli)
# In the sanitizer tree, QuickFIX's own never-freed allocations are not our leaks (lsan.supp).
gtest_discover_tests(fix_gateway_test DISCOVERY_MODE PRE_TEST PROPERTIES LABELS fix TIMEOUT 90
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_LIST_DIR}/lsan.supp")
