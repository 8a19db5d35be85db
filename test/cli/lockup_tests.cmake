# `reducheck lockup` tests (included from cli_tests.cmake, which defines reducheck_cli_test,
# REDUCHECK_CLI and REDUCHECK_CLI_DATA). Goldens of examples/lockup_ipo.yaml live in
# test/cli/data/lockup/; bless them with
#   reducheck lockup examples/lockup_ipo.yaml --format FORMAT > test/cli/data/lockup/lockup_ipo.EXT
set(_lockup_example ${PROJECT_SOURCE_DIR}/examples/lockup_ipo.yaml)
set(_lockup_data ${REDUCHECK_CLI_DATA}/lockup)

# Golden outputs: stdout must equal the blessed file byte for byte.
foreach(_fmt_ext IN ITEMS "text;txt;en" "csv;csv;en" "markdown;md;en" "text;zh.txt;zh")
  list(GET _fmt_ext 0 _fmt)
  list(GET _fmt_ext 1 _ext)
  list(GET _fmt_ext 2 _lang)
  add_test(NAME cli.LockupGolden.${_ext}
           COMMAND sh -c "\"$0\" lockup \"$1\" --format $2 --lang $3 | diff -u \"$4\" -"
                   ${REDUCHECK_CLI} ${_lockup_example} ${_fmt} ${_lang}
                   ${_lockup_data}/lockup_ipo.${_ext})
  # The header's generation time comes from SOURCE_DATE_EPOCH (2026-01-01T00:00:00Z) here.
  set_tests_properties(cli.LockupGolden.${_ext} PROPERTIES LABELS "cli;golden"
                       ENVIRONMENT "SOURCE_DATE_EPOCH=1767225600")
endforeach()

# --csv FILE writes the same CSV as --format csv.
add_test(NAME cli.LockupCsvFile
         COMMAND sh -c "f=$(mktemp) && \"$0\" lockup \"$1\" --csv \"$f\" >/dev/null && diff -u \"$2\" \"$f\"; rc=$?; rm -f \"$f\"; exit $rc"
                 ${REDUCHECK_CLI} ${_lockup_example} ${_lockup_data}/lockup_ipo.csv)
# --pdf without a browser: a clear message and exit 2.
reducheck_cli_test(LockupPdfWithoutChromiumExits2 2 err "--pdf needs Chromium"
                   env PATH=/nonexistent REDUCHECK_CHROMIUM= ${REDUCHECK_CLI} lockup ${_lockup_example}
                   --pdf ${CMAKE_CURRENT_BINARY_DIR}/no_browser.pdf)
set_tests_properties(cli.LockupCsvFile PROPERTIES LABELS cli)

# --as-of overrides the first order's date; a file without orders needs it.
reducheck_cli_test(LockupAsOfFlag 0 out "^As of 2025-03-03;"
                   ${REDUCHECK_CLI} lockup ${_lockup_example} --as-of 2025-03-03)
reducheck_cli_test(LockupNoOrdersNeedsAsOf 2 err "no_orders\\.yaml: orders: .*--as-of DATE is required"
                   ${REDUCHECK_CLI} lockup ${_lockup_data}/no_orders.yaml)
reducheck_cli_test(LockupNoOrdersWithAsOf 0 out "tradable from 2026-03-16"
                   ${REDUCHECK_CLI} lockup ${_lockup_data}/no_orders.yaml --as-of 2025-01-02)
# The sponsor's co-investment (issue 9): the lock-up schedule and a check see LOCK-STRAT's
# 24 months for sponsor_coinvestor, the 12 months for a plain strategic_investor.
reducheck_cli_test(LockupCoInvestTwentyFourMonths 0 out "^SC,.*,2025-03-14,LOCK-STRAT@2025-03-13,"
                   ${REDUCHECK_CLI} lockup ${_lockup_data}/coinvest.yaml --as-of 2024-01-02
                   --format csv)
reducheck_cli_test(LockupStrategicTwelveMonths 0 out "^SI,.*,2024-03-14,LOCK-STRAT@2024-03-13,"
                   ${REDUCHECK_CLI} lockup ${_lockup_data}/coinvest.yaml --as-of 2024-01-02
                   --format csv)
reducheck_cli_test(CheckCoInvestLastLockedDayFails 1 out "\"rule\": \"LOCK-STRAT\""
                   ${REDUCHECK_CLI} check ${_lockup_data}/coinvest.yaml)
reducheck_cli_test(LockupBadAsOfExits2 2 err "--as-of: '2025-02-30' is not a valid date"
                   ${REDUCHECK_CLI} lockup ${_lockup_example} --as-of 2025-02-30)
reducheck_cli_test(LockupAsOfOutsideCalendarExits2 2 err "outside the trading calendar"
                   ${REDUCHECK_CLI} lockup ${_lockup_example} --as-of 2032-01-05)
reducheck_cli_test(LockupBadFormatExits2 2 err "format"
                   ${REDUCHECK_CLI} lockup ${_lockup_example} --format json)
reducheck_cli_test(LockupMissingFileExits2 2 err "no_such_scenario\\.yaml"
                   ${REDUCHECK_CLI} lockup ${_lockup_data}/no_such_scenario.yaml)
reducheck_cli_test(LockupUnwritableHtmlExits2 2 err "report\\.html: cannot create a file in .*no_such_dir"
                   ${REDUCHECK_CLI} lockup ${_lockup_example}
                   --html ${_lockup_data}/no_such_dir/report.html)

# The HTML report in headless Chromium: the DOM has the header, disclaimer, one summary row per
# holder (8) before the detail, the SVG and one row per lot (9), and a screenshot is written;
# --pdf prints an A4 landscape PDF with the header, summary and disclaimer. Skipped (exit 77)
# when chromium is not installed.
add_test(NAME cli.LockupHtmlInChromium
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/lockup_html_check.sh ${REDUCHECK_CLI}
                 ${_lockup_example} 9 8)
set_tests_properties(cli.LockupHtmlInChromium PROPERTIES LABELS cli SKIP_RETURN_CODE 77
                     TIMEOUT 300)
