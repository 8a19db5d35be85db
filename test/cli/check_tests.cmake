# `reducheck check` with bad orders and with an --orders file (docs/check.md), included from
# cli_tests.cmake (which defines reducheck_cli_test, REDUCHECK_CLI and REDUCHECK_CLI_DATA).
set(_pass ${REDUCHECK_CLI_DATA}/pass_order.yaml)
set(_bad_inline ${REDUCHECK_CLI_DATA}/check_bad_orders.yaml)
set(_mixed_csv ${REDUCHECK_CLI_DATA}/orders_mixed.csv)
set(_mixed_jsonl ${REDUCHECK_CLI_DATA}/orders_mixed.jsonl)

# A bad order in the scenario (a Saturday, an unknown holder) is reported with file:line:column
# and field, and the orders after it are still judged; exit 2 at the end.
reducheck_cli_test(check.BadInlineOrderLocated 2 err
                   "check_bad_orders\\.yaml:19:5: orders\\[1\\]\\.date: 2026-03-14 is not a trading day"
                   ${REDUCHECK_CLI} check ${_bad_inline})
reducheck_cli_test(check.BadInlineHolderLocated 2 err
                   "check_bad_orders\\.yaml:20:22: orders\\[2\\]\\.holder: unknown holder 'H2'"
                   ${REDUCHECK_CLI} check ${_bad_inline})
reducheck_cli_test(check.OrdersAfterBadOrderJudged 2 out
                   "^\\{\"order\":\"O4\",\"verdict\":\"pass\""
                   ${REDUCHECK_CLI} check ${_bad_inline} --format jsonl)
reducheck_cli_test(check.BadOrderErrorEntry 2 out
                   "^\\{\"order\":\"O2\",\"verdict\":\"error\",\"error\":\\{\"file\":\"[^\"]*check_bad_orders\\.yaml\",\"line\":19,\"column\":5,\"field\":\"orders\\[1\\]\\.date\""
                   ${REDUCHECK_CLI} check ${_bad_inline} --format jsonl)
reducheck_cli_test(check.BadOrderTextEntry 2 out "^Order O3 — INPUT ERROR \\(not judged\\)$"
                   ${REDUCHECK_CLI} check ${_bad_inline} --format text)

# --orders FILE, CSV: judged after the scenario's own orders; bad lines reported (file:line:
# field) and skipped; a repeated id is judged again (orders are alternatives).
reducheck_cli_test(check.OrdersCsvVerdict 2 out
                   "^\\{\"order\":\"F6\",\"verdict\":\"fail\",\"violations\":\\[\\{\"rule\":\"CAP-CB-1PCT\""
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_csv} --format jsonl)
reducheck_cli_test(check.OrdersCsvWeekendLine 2 err
                   "orders_mixed\\.csv:3: date: 2026-03-15 is not a trading day"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_csv})
reducheck_cli_test(check.OrdersCsvUnknownHolder 2 err
                   "orders_mixed\\.csv:4: holder: unknown holder 'H9'"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_csv})
reducheck_cli_test(check.OrdersCsvOverHolding 2 err
                   "orders_mixed\\.csv:5: shares: sales exceeding holdings"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_csv})
reducheck_cli_test(check.OrdersCsvBadCell 2 err
                   "orders_mixed\\.csv:7: shares: expected a whole number of shares, got 'ten'"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_csv})
reducheck_cli_test(check.OrdersCsvRepeatedIdJudged 2 out
                   "^\\{\"order\":\"F1\",\"verdict\":\"pass\",.*\"binding_rule\":\"CAP-BT-2PCT\""
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_csv} --format jsonl)
reducheck_cli_test(check.OrdersAllPassExit0 0 out "^\\{\"order\":\"F2\",\"verdict\":\"pass\""
                   ${REDUCHECK_CLI} check ${_pass} --orders ${REDUCHECK_CLI_DATA}/orders_pass.csv
                   --format jsonl)

# --orders FILE, JSON lines (the object POST /v1/check takes).
reducheck_cli_test(check.OrdersJsonlVerdict 2 out "^\\{\"order\":\"J3\",\"verdict\":\"pass\""
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_jsonl} --format jsonl)
reducheck_cli_test(check.OrdersJsonlBadMethod 2 err
                   "orders_mixed\\.jsonl:2: method: unknown value \"centralized_biding\". did you mean \"centralized_bidding\"\\?"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_jsonl})
reducheck_cli_test(check.OrdersJsonlOtherCompany 2 err
                   "orders_mixed\\.jsonl:5: company: the order is for company '600000'"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${_mixed_jsonl})

# The format of --orders: from the extension, or --orders-format; standard input with "-".
reducheck_cli_test(check.OrdersUnknownExtensionExits2 2 err "--orders-format csv\\|jsonl"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${REDUCHECK_CLI_DATA}/orders_pass.txt)
reducheck_cli_test(check.OrdersFormatFlag 0 out "^\\{\"order\":\"F2\",\"verdict\":\"pass\""
                   ${REDUCHECK_CLI} check ${_pass} --orders ${REDUCHECK_CLI_DATA}/orders_pass.txt
                   --orders-format csv --format jsonl)
reducheck_cli_test(check.OrdersFromStdin 0 out "^\\{\"order\":\"F2\",\"verdict\":\"pass\""
                   sh -c "\"$0\" check \"$1\" --orders - --orders-format csv --format jsonl < \"$2\""
                   ${REDUCHECK_CLI} ${_pass} ${REDUCHECK_CLI_DATA}/orders_pass.csv)
reducheck_cli_test(check.OrdersMissingFileExits2 2 err "no_such_orders\\.csv: cannot read"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${REDUCHECK_CLI_DATA}/no_such_orders.csv)
reducheck_cli_test(check.OrdersKindColumnRefused 2 err
                   "orders_with_kind\\.csv:1:7: header: unknown column 'kind' in an orders file"
                   ${REDUCHECK_CLI} check ${_pass} --orders ${REDUCHECK_CLI_DATA}/orders_with_kind.csv)
reducheck_cli_test(check.BadFormatNamesJsonl 2 err "jsonl"
                   ${REDUCHECK_CLI} check ${_pass} --format xml)

# Every format carries the same entries: the JSON array's elements equal the JSON lines, one
# per input order (bad ones included), in input order.
add_test(NAME cli.check.JsonArrayEqualsJsonLines
         COMMAND python3 -c "import json, subprocess, sys
cli, scenario, orders = sys.argv[1:4]
run = lambda fmt: subprocess.run([cli, 'check', scenario, '--orders', orders, '--format', fmt],
                                 capture_output=True, text=True)
a, b = run('json'), run('jsonl')
assert a.returncode == b.returncode == 2, (a.returncode, b.returncode, a.stderr)
array = json.loads(a.stdout)
lines = [json.loads(line) for line in b.stdout.splitlines()]
assert array == lines, 'json array and json lines differ'
ids = [e['order'] for e in lines]
assert ids == ['O1', 'O2', 'O3', 'O4', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F1'], ids
assert [e['verdict'] for e in lines].count('error') == 6, lines
print('same entries:', len(lines))"
                 $<TARGET_FILE:reducheck_cli> ${_bad_inline} ${_mixed_csv})
set_tests_properties(cli.check.JsonArrayEqualsJsonLines PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "same entries: 11")

# Memory does not grow with the number of orders: peak RSS of 2,000 and of 100,000 streamed
# orders differ by less than 4 MB (the 100,000 lines alone are 5.5 MB of text).
add_test(NAME cli.check.StreamingMemoryFlat
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/check_memory.py $<TARGET_FILE:reducheck_cli>
                 ${_pass})
set_tests_properties(cli.check.StreamingMemoryFlat PROPERTIES LABELS cli)

# H-share orders in an --orders file (share_class column; docs/markets.md): judged by the hk pack
# on the HKEX calendar; an A order on an A-share holiday and a bad class are located line errors.
set(_hk_example ${PROJECT_SOURCE_DIR}/examples/hk_1007_fail.yaml)
reducheck_cli_test(check.OrdersFileHShares 2 out
                   "\"order\":\"X1\",\"verdict\":\"fail\",\"violations\":\\[{\"rule\":\"HK-LR-10.07-FIRST\""
                   ${REDUCHECK_CLI} check ${_hk_example} --orders ${REDUCHECK_CLI_DATA}/orders_hk.csv
                   --format jsonl)
reducheck_cli_test(check.OrdersFileHSharesErrors 2 err
                   "orders_hk.csv:4: share_class: expected A or H \\(empty: A\\), got 'Q'"
                   ${REDUCHECK_CLI} check ${_hk_example} --orders ${REDUCHECK_CLI_DATA}/orders_hk.csv
                   --format jsonl)
reducheck_cli_test(check.OrdersFileAShareHoliday 2 err
                   "orders_hk.csv:3: date: 2026-02-23 is not a trading day \\(calendar cn-a-share"
                   ${REDUCHECK_CLI} check ${_hk_example} --orders ${REDUCHECK_CLI_DATA}/orders_hk.csv
                   --format jsonl)
