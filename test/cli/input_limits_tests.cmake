# Input limits of the CLI readers end to end (docs/security.md#limits): dates out of range in
# every field, text that is not UTF-8, control characters, a second YAML document, nesting,
# aliases, share counts; batch/plan/lockup on such input. Label: cli.
foreach(pair IN ITEMS Dates:dates Text:text Structure:structure Outputs:outputs)
  string(REPLACE ":" ";" parts ${pair})
  list(GET parts 0 name)
  list(GET parts 1 case)
  add_test(NAME cli.InputLimits.${name}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/input_limits_test.sh ${REDUCHECK_CLI}
                   ${REDUCHECK_CLI_DATA} ${case})
  set_tests_properties(cli.InputLimits.${name} PROPERTIES LABELS cli TIMEOUT 300)
  if(REDUCHECK_SANITIZED)
    set_tests_properties(cli.InputLimits.${name} PROPERTIES ENVIRONMENT REDUCHECK_LIMITS_QUICK=1)
  endif()
endforeach()

# Atomic outputs (issue 14 item 6; adapters/src/output/atomic_file.h): a failed or killed run
# leaves no file that looks complete, SIGTERM removes the temporary file, an older file survives
# a failed run. atomic_output_test.sh <bin> <examples> <case>.
foreach(case IN ITEMS batch plan lockup import kill)
  add_test(NAME cli.AtomicOutput.${case}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/atomic_output_test.sh ${REDUCHECK_CLI}
                   ${PROJECT_SOURCE_DIR}/examples ${case})
  set_tests_properties(cli.AtomicOutput.${case} PROPERTIES LABELS cli TIMEOUT 120)
endforeach()
