# `reducheck import` (issue 13 item 1; docs/import.md). Included by cli_tests.cmake. Fixtures in
# test/adapters/data/register/ (how each was made: docs/import.md#test-workbooks).
set(_reg ${PROJECT_SOURCE_DIR}/test/adapters/data/register)
set(_imp ${REDUCHECK_CLI_DATA}/import)

# The done-when: each form of the register, imported with the reviewer's mapping, gives the
# verdicts of the hand-written scenario.
foreach(_case "excel;register_excel.xlsx" "libreoffice;register_libreoffice.xlsx"
              "csv;register.csv" "gbk;register_gbk.csv;--encoding;gb18030")
  list(GET _case 0 _name)
  list(GET _case 1 _file)
  set(_flags "")
  list(LENGTH _case _n)
  if(_n GREATER 2)
    list(SUBLIST _case 2 -1 _flags)
  endif()
  add_test(NAME cli.import.SameVerdictsAsHandWritten.${_name}
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/import_check.sh ${REDUCHECK_CLI} ${_reg}/${_file}
                   ${_imp}/review_mapping.yaml ${_imp}/hand_written.yaml ${_imp}/orders.yaml
                   ${CMAKE_CURRENT_BINARY_DIR}/import_${_name} ${_flags})
  set_tests_properties(cli.import.SameVerdictsAsHandWritten.${_name} PROPERTIES LABELS cli)
endforeach()

# Without a mapping: the scenario is written with null  # FILL IN for what the register lacks,
# and `check` refuses it, naming the line, until a person fills them.
add_test(NAME cli.import.FillInFieldsBlockCheck
         COMMAND sh -c "\"$0\" import \"$1\" --out \"$2\" 2>/dev/null; grep -q '^  listing_date: null  # FILL IN' \"$2\" && grep -q '^  exchange: SSE  # REVIEW: guessed from the stock code 688123' \"$2\" && \"$0\" check \"$2\" 2>&1 | grep -q 'imported_raw.yaml:[0-9]*:[0-9]*: company.listing_date: is required and may not be null'"
                 ${REDUCHECK_CLI} ${_reg}/register_excel.xlsx
                 ${CMAKE_CURRENT_BINARY_DIR}/imported_raw.yaml)
set_tests_properties(cli.import.FillInFieldsBlockCheck PROPERTIES LABELS cli)
# Rows not imported are located: FILE[SHEET]:ROW:COLUMN.
reducheck_cli_test(import.UnmappedRowsLocated 1 err
                   "register_excel\\.xlsx\\[股东名册\\]:11:3: name: a totals row"
                   ${REDUCHECK_CLI} import ${_reg}/register_excel.xlsx)
reducheck_cli_test(import.GbkWithoutEncodingRefused 2 err
                   "register_gbk\\.csv:1:1: not valid UTF-8: the file looks GBK/GB18030"
                   ${REDUCHECK_CLI} import ${_reg}/register_gbk.csv)
reducheck_cli_test(import.MissingFileExits2 2 err "no_such_register\\.xlsx: cannot read"
                   ${REDUCHECK_CLI} import ${_reg}/no_such_register.xlsx)
reducheck_cli_test(import.NotAWorkbookNoHeader 2 err "no header row found"
                   ${REDUCHECK_CLI} import ${_imp}/orders.yaml)
reducheck_cli_test(import.UnknownSheetExits2 2 err "no sheet named 'Sheet9' \\(the workbook has: 股东名册, 说明\\)"
                   ${REDUCHECK_CLI} import ${_reg}/register_excel.xlsx --sheet Sheet9)
reducheck_cli_test(import.BadMappingExits2 2 err "bad_mapping\\.yaml:2:3: columns\\.nmae: unknown key 'nmae'.*did you mean 'name'"
                   ${REDUCHECK_CLI} import ${_reg}/register_excel.xlsx --mapping ${_imp}/bad_mapping.yaml)
