# `reducheck batch` tests (docs/batch.md), included from cli_tests.cmake (which defines
# reducheck_cli_test, REDUCHECK_CLI and REDUCHECK_CLI_DATA).
set(_batch_example ${PROJECT_SOURCE_DIR}/examples/ipo_company.yaml)
set(_batch_schedule ${PROJECT_SOURCE_DIR}/examples/disposal_schedule.csv)
set(_batch_golden ${PROJECT_SOURCE_DIR}/test/golden/expected/batch_ipo_company.csv)

# Golden: the example schedule's CSV output, byte for byte, and exit 1 (planted breaches).
# Re-bless after a reviewed change: reducheck batch examples/ipo_company.yaml
#   examples/disposal_schedule.csv --out test/golden/expected/batch_ipo_company.csv
add_test(NAME cli.batch.GoldenCsv
         COMMAND sh -c "\"$0\" batch \"$1\" \"$2\" --out \"$4\"; rc=$?; \
[ $rc -eq 1 ] || { echo \"FAIL: exit $rc, expected 1\"; exit 1; }; \
cmp \"$4\" \"$3\" || { diff \"$3\" \"$4\" | head -20; exit 1; }"
                 $<TARGET_FILE:reducheck_cli> ${_batch_example} ${_batch_schedule}
                 ${_batch_golden} ${CMAKE_CURRENT_BINARY_DIR}/batch_golden.out.csv)
set_tests_properties(cli.batch.GoldenCsv PROPERTIES LABELS "cli;golden")

# The same schedule as JSON lines: one object per line, the full verdict of contract §2.
reducheck_cli_test(batch.JsonlPlantedCapBreach 1 out
                   "^\\{\"line\":49,.*\"verdict\":\\{\"order\":\"S-VC-26\",\"verdict\":\"fail\",\"violations\":\\[\\{\"rule\":\"CAP-CB-1PCT\""
                   ${REDUCHECK_CLI} batch ${_batch_example} ${_batch_schedule} --format jsonl)

# A bad line in the middle is reported (file:line: field: message), written as an error row,
# and the later lines are still processed; exit 2 at the end.
reducheck_cli_test(batch.BadLineReportedOnStderr 2 err
                   "batch_bad_line\\.csv:3: holder: unknown holder 'VX'. did you mean 'VC'\\?"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${REDUCHECK_CLI_DATA}/batch_bad_line.csv)
reducheck_cli_test(batch.BadLineErrorRow 2 out
                   "^5,S3,sale,VC,2024-05-29,centralized_bidding,ten,error,,,,,no,\"shares: expected a whole number"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${REDUCHECK_CLI_DATA}/batch_bad_line.csv)
reducheck_cli_test(batch.LinesAfterBadLineProcessed 2 out
                   "^6,S4,sale,VC,2024-05-29,centralized_bidding,190000,pass,,,3810000,CAP-CB-1PCT,yes,,$"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${REDUCHECK_CLI_DATA}/batch_bad_line.csv)

# A passing sale is recorded: the next line's 1% cap headroom is 300,000 smaller.
reducheck_cli_test(batch.PassBeforeCapHeadroom 0 out
                   "^3,S1,sale,M,2024-06-03,centralized_bidding,300000,pass,,,1000000,CAP-CB-1PCT,yes,,$"
                   ${REDUCHECK_CLI} batch ${REDUCHECK_CLI_DATA}/batch_cap.yaml
                   ${REDUCHECK_CLI_DATA}/batch_headroom.csv)
reducheck_cli_test(batch.PassReducesNextCapHeadroom 0 out
                   "^4,S2,sale,M,2024-06-04,centralized_bidding,100000,pass,,,700000,CAP-CB-1PCT,yes,,$"
                   ${REDUCHECK_CLI} batch ${REDUCHECK_CLI_DATA}/batch_cap.yaml
                   ${REDUCHECK_CLI_DATA}/batch_headroom.csv)

# An announcement line (a reduction plan) makes a later sale pass; without it the sale fails.
reducheck_cli_test(batch.SaleWithoutPlanFails 1 out
                   "^2,S1,sale,VC,2024-05-28,centralized_bidding,190000,fail,3,PRE-15TD,0,PRE-15TD,no,,$"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${REDUCHECK_CLI_DATA}/batch_no_plan.csv)
reducheck_cli_test(batch.PlanLineMakesSalePass 0 out
                   "^3,S1,sale,VC,2024-05-28,centralized_bidding,190000,pass,"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${REDUCHECK_CLI_DATA}/batch_with_plan.csv)
reducheck_cli_test(batch.PlanLineRecorded 0 out
                   "^2,P1,reduction_plan,VC,2024-05-06,,,announcement,,,,,yes,,$"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${REDUCHECK_CLI_DATA}/batch_with_plan.csv)

# Fatal input problems: exit 2, nothing on stdout.
reducheck_cli_test(batch.BadHeaderExits2 2 err
                   "batch_bad_header\\.csv:1:6: header: unknown column 'prise'. did you mean 'price'\\?"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${REDUCHECK_CLI_DATA}/batch_bad_header.csv)
reducheck_cli_test(batch.MissingScheduleExits2 2 err "no_such_schedule\\.csv: cannot read"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${REDUCHECK_CLI_DATA}/no_such_schedule.csv)
reducheck_cli_test(batch.MissingScenarioExits2 2 err "no_such\\.yaml"
                   ${REDUCHECK_CLI} batch ${REDUCHECK_CLI_DATA}/no_such.yaml ${_batch_schedule})
reducheck_cli_test(batch.BadFormatExits2 2 err "format"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${_batch_schedule} --format xml)
reducheck_cli_test(batch.MissingScheduleArgExits2 2 err "schedule"
                   ${REDUCHECK_CLI} batch ${_batch_example})

# Smoke run of the benchmark generator: 1,000 lines over 1,000 holders run to the end.
add_test(NAME cli.batch.BenchSmoke
         COMMAND sh ${PROJECT_SOURCE_DIR}/test/bench/batch_bench.sh $<TARGET_FILE:reducheck_cli>
                 1000 1000 --smoke)
set_tests_properties(cli.batch.BenchSmoke PROPERTIES LABELS cli)

# Excel output (issue 13 item 5): in English and Chinese, Lines / Violations / Summary sheets and
# a sheet per holder with the running quota, real dates, frozen headers, column widths, messages
# and citations per line (test/cli/batch_workbook_check.py reads the .xlsx with python3's
# standard library); exit 1 as for CSV.
foreach(_lang en zh)
  add_test(NAME cli.batch.XlsxWorkbook.${_lang}
           COMMAND sh -c "\"$0\" batch \"$1\" \"$2\" --out \"$3\" --lang $4; rc=$?; \
[ $rc -eq 1 ] || { echo \"FAIL: exit $rc, expected 1\"; exit 1; }; python3 \"$5\" \"$3\" $4"
                   $<TARGET_FILE:reducheck_cli> ${_batch_example} ${_batch_schedule}
                   ${CMAKE_CURRENT_BINARY_DIR}/batch_out_${_lang}.xlsx ${_lang}
                   ${CMAKE_CURRENT_LIST_DIR}/batch_workbook_check.py)
  set_tests_properties(cli.batch.XlsxWorkbook.${_lang} PROPERTIES LABELS "cli"
                       PASS_REGULAR_EXPRESSION "workbook ok")
endforeach()
# The calendar caveat in the workbook: a Lines column naming the provisional years a line's verdict
# counted (2027 here), empty on a line that counted only official days.
foreach(_lang en zh)
  add_test(NAME cli.batch.XlsxCalendarCaveat.${_lang}
           COMMAND sh -c "\"$0\" batch \"$1\" \"$2\" --out \"$3\" --lang $4; rc=$?; \
[ $rc -eq 1 ] || { echo \"FAIL: exit $rc, expected 1\"; exit 1; }; python3 \"$5\" \"$3\" $4"
                   $<TARGET_FILE:reducheck_cli> ${PROJECT_SOURCE_DIR}/examples/ex13_2027_provisional.yaml
                   ${CMAKE_CURRENT_LIST_DIR}/data/batch_2027.csv
                   ${CMAKE_CURRENT_BINARY_DIR}/batch_2027_${_lang}.xlsx ${_lang}
                   ${CMAKE_CURRENT_LIST_DIR}/batch_workbook_caveat_check.py)
  set_tests_properties(cli.batch.XlsxCalendarCaveat.${_lang} PROPERTIES LABELS "cli"
                       PASS_REGULAR_EXPRESSION "caveat column ok")
endforeach()
reducheck_cli_test(batch.XlsxNeedsOut 2 err "--out FILE.xlsx"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${_batch_schedule} --format xlsx)

# --out's extension chooses the format (.csv, .jsonl, .json, .xlsx); a --format that
# contradicts it is refused (exit 2, nothing written).
add_test(NAME cli.batch.OutExtensionChoosesFormat
         COMMAND python3 -c "import json, os, subprocess, sys
cli, scenario, schedule, tmp = sys.argv[1:5]
os.makedirs(tmp, exist_ok=True)
def run(name, *extra):
    out = os.path.join(tmp, name)
    if os.path.exists(out): os.remove(out)
    r = subprocess.run([cli, 'batch', scenario, schedule, '--out', out, *extra], capture_output=True, text=True)
    return r, out
r, out = run('r.jsonl')
assert r.returncode == 1, r.stderr
rows = [json.loads(line) for line in open(out)]
assert rows[0]['line'] == 2 and len(rows) == 199, rows[:1]
r, out = run('r.JSON')
assert r.returncode == 1, r.stderr
assert json.load(open(out)) == rows, 'the .json array differs from the JSON lines'
r, out = run('r.csv')
assert r.returncode == 1 and open(out).readline().startswith('line,id,kind,'), r.stderr
r, out = run('r.jsonl', '--format', 'jsonl')
assert r.returncode == 1, r.stderr
r, out = run('r.jsonl', '--format', 'csv')
assert r.returncode == 2 and 'contradicts' in r.stderr and not os.path.exists(out), r.stderr
r, out = run('r.json', '--format', 'jsonl')
assert r.returncode == 2 and 'contradicts' in r.stderr, r.stderr
r, out = run('r.txt')
assert r.returncode == 1 and open(out).readline().startswith('line,id,kind,'), r.stderr
print('formats ok')"
                 $<TARGET_FILE:reducheck_cli> ${_batch_example} ${_batch_schedule}
                 ${CMAKE_CURRENT_BINARY_DIR}/batch_out_formats)
set_tests_properties(cli.batch.OutExtensionChoosesFormat PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "formats ok")
reducheck_cli_test(batch.FormatContradictsOutExits2 2 err
                   "--format csv contradicts --out .*x\\.jsonl"
                   ${REDUCHECK_CLI} batch ${_batch_example} ${_batch_schedule}
                   --out ${CMAKE_CURRENT_BINARY_DIR}/x.jsonl --format csv)

# H-share sale lines (share_class column; docs/markets.md): B1 passes and is recorded in the H
# lots (the group holds 610,000,000 = 30.5% after it), so B2 leaves 29.5%: HK-LR-10.07-CONTROL
# and the A-share EQ5-MULT, headroom 10,000,000 (`.` stands for the list separator `;`).
reducheck_cli_test(batch.HShareLines 1 out
                   "3,B2,sale,JG,2026-02-24,centralized_bidding,20000000,fail,2.4,HK-LR-10.07-CONTROL.EQ5-MULT,10000000,HK-LR-10.07-CONTROL,no"
                   ${REDUCHECK_CLI} batch ${PROJECT_SOURCE_DIR}/examples/hk_1007_fail.yaml
                   ${REDUCHECK_CLI_DATA}/batch_hk.csv)
