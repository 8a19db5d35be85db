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
  set_tests_properties(cli.InputLimits.${name} PROPERTIES LABELS cli TIMEOUT 120)
endforeach()
