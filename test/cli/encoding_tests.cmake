# --encoding (issue 13 item 2) and schedules as Excel saves them in a Chinese locale (item 3).
# Included by cli_tests.cmake. Inputs in test/cli/data/encoding/ (how they were made: the
# comment at the top of scenario_utf8.yaml and docs/input-format.md#encodings).
set(_enc ${REDUCHECK_CLI_DATA}/encoding)

# A GB18030 scenario read with --encoding gb18030 gives byte-identical outputs to its UTF-8
# original: JSON verdicts, and the lock-up text with the Chinese company, holder and lot names.
foreach(_cmd "check" "lockup --as-of 2026-03-10")
  string(REPLACE " " "_" _name "${_cmd}")
  string(REPLACE "-" "" _name "${_name}")
  add_test(NAME cli.encoding.Gb18030SameAsUtf8_${_name}
           COMMAND sh -c "\"$0\" ${_cmd} \"$1\" --encoding gb18030 > \"$3.gb\" && \"$0\" ${_cmd} \"$2\" > \"$3.u8\" && diff -u \"$3.u8\" \"$3.gb\" && grep -q '深圳市创新投资集团有限公司\\|订单1' \"$3.gb\""
                   ${REDUCHECK_CLI} ${_enc}/scenario_gb18030.yaml ${_enc}/scenario_utf8.yaml
                   ${CMAKE_CURRENT_BINARY_DIR}/enc_${_name})
  # The lock-up header's generation time is fixed so the two runs can be compared.
  set_tests_properties(cli.encoding.Gb18030SameAsUtf8_${_name} PROPERTIES LABELS cli
                       ENVIRONMENT "SOURCE_DATE_EPOCH=1767225600")
endforeach()
reducheck_cli_test(encoding.GbkAliasAccepted 0 out "\"verdict\": \"pass\""
                   ${REDUCHECK_CLI} check ${_enc}/scenario_gb18030.yaml --encoding GBK)
# Never a silent corruption: UTF-8 given as GB18030 is refused, a UTF-8 BOM too, a byte that
# is not GB18030 is located.
reducheck_cli_test(encoding.Utf8FileAsGb18030Refused 2 err
                   "scenario_utf8\\.yaml: the file is already valid UTF-8 .*drop --encoding gb18030"
                   ${REDUCHECK_CLI} check ${_enc}/scenario_utf8.yaml --encoding gb18030)
reducheck_cli_test(encoding.Utf8BomAsGb18030Refused 2 err
                   "scenario_utf8_bom\\.yaml:1:1: the file starts with a UTF-8 byte order mark"
                   ${REDUCHECK_CLI} check ${_enc}/scenario_utf8_bom.yaml --encoding gb18030)
reducheck_cli_test(encoding.BadGb18030ByteLocated 2 err
                   "bad_gb18030\\.yaml:7:9: not valid GB18030 at byte offset [0-9]+ \\(0x80 0x41"
                   ${REDUCHECK_CLI} check ${_enc}/bad_gb18030.yaml --encoding gb18030)
reducheck_cli_test(encoding.UnknownEncodingExits2 2 err "unknown encoding 'latin1'"
                   ${REDUCHECK_CLI} check ${_enc}/scenario_utf8.yaml --encoding latin1)
reducheck_cli_test(encoding.PlanTakesEncoding 0 out "^S1,H1,"
                   ${REDUCHECK_CLI} plan ${_enc}/scenario_gb18030.yaml --encoding gb18030
                   --holder H1 --shares 1% --from 2026-03-10)

# A schedule saved by Excel as "CSV (逗号分隔)" in a Chinese locale: GBK, CRLF, 2026/3/10,
# "100,000", padded cells. Both lines pass (exit 0) and the Chinese ids come back intact.
reducheck_cli_test(encoding.ExcelChineseScheduleRuns 0 out "^3,订单2,sale,H1,2026/03/11,centralized_bidding,\"1,000,000\",pass,"
                   ${REDUCHECK_CLI} batch ${_enc}/scenario_gb18030.yaml
                   ${_enc}/schedule_excel_gbk.csv --encoding gb18030)
# The ambiguous day/month form is refused on its line, with the reason.
reducheck_cli_test(encoding.AmbiguousDateRefused 2 err
                   "schedule_ambiguous_gbk\\.csv:2: date: ambiguous date '12/03/2026'"
                   ${REDUCHECK_CLI} batch ${_enc}/scenario_gb18030.yaml
                   ${_enc}/schedule_ambiguous_gbk.csv --encoding gb18030)
