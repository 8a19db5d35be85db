# Golden tests of the example scenarios (included OPTIONAL from test/CMakeLists.txt).
#
# For every examples/<name>.yaml:
#   golden.<name>       if test/golden/expected/<name>.json exists: `reducheck check <example>
#                       --format json` must reproduce it byte for byte, and the exit code must
#                       equal test/golden/expected/<name>.exit (one number: 0 pass, 1 fail/unknown).
#   golden.<name>.text  `--format text --lang zh`: exit code as in <name>.exit (0 or 1 when the
#                       example has no blessed golden), non-empty stdout.
# An example without an expected JSON has no blessed golden (see examples/README.md for why).
if(NOT TARGET reducheck_cli)
  message(STATUS "golden tests skipped: no reducheck_cli target")
  return()
endif()

set(_golden_dir ${CMAKE_CURRENT_LIST_DIR})
file(GLOB _golden_examples CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml)
file(GLOB _golden_expected CONFIGURE_DEPENDS ${_golden_dir}/expected/*.json ${_golden_dir}/expected/*.exit)
list(SORT _golden_examples)
foreach(_example IN LISTS _golden_examples)
  get_filename_component(_name ${_example} NAME_WE)
  set(_json ${_golden_dir}/expected/${_name}.json)
  set(_exit_file ${_golden_dir}/expected/${_name}.exit)
  set(_exit "0|1")
  if(EXISTS ${_exit_file})
    file(STRINGS ${_exit_file} _exit LIMIT_COUNT 1)
    string(STRIP "${_exit}" _exit)
  endif()
  if(EXISTS ${_json})
    if(NOT EXISTS ${_exit_file})
      message(FATAL_ERROR "golden ${_name}: ${_json} has no ${_exit_file}")
    endif()
    add_test(NAME golden.${_name}
             COMMAND sh ${_golden_dir}/run_golden.sh $<TARGET_FILE:reducheck_cli>
                     ${_example} ${_json} ${_exit})
    set_tests_properties(golden.${_name} PROPERTIES LABELS golden)
  endif()
  add_test(NAME golden.${_name}.text
           COMMAND sh ${_golden_dir}/run_golden.sh --text $<TARGET_FILE:reducheck_cli>
                   ${_example} ${_exit})
  set_tests_properties(golden.${_name}.text PROPERTIES LABELS golden)
endforeach()
