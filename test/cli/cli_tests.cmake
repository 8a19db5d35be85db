# CLI tests: run the `reducheck` executable from outside, as a user would, and check exit codes
# and output (contract.md §3: 0 all pass, 1 a fail or unknown, 2 bad input or usage, 3 internal).
# Included by test/CMakeLists.txt. Inputs live in test/cli/data/.
set(REDUCHECK_CLI $<TARGET_FILE:reducheck_cli>)
set(REDUCHECK_CLI_DATA ${CMAKE_CURRENT_LIST_DIR}/data)
set(REDUCHECK_CLI_EXPECT ${CMAKE_CURRENT_LIST_DIR}/expect.sh)

# reducheck_cli_test(<name> <exit code> <out|err|any> <regex or -> COMMAND...)
function(reducheck_cli_test name rc stream pattern)
  add_test(NAME cli.${name}
           COMMAND sh ${REDUCHECK_CLI_EXPECT} ${rc} ${stream} ${pattern} -- ${ARGN})
  set_tests_properties(cli.${name} PROPERTIES LABELS cli)
endfunction()

# Usage errors: exit 2 with a message on stderr.
reducheck_cli_test(NoArgsExits2 2 err "subcommand" ${REDUCHECK_CLI})
reducheck_cli_test(UnknownSubcommandExits2 2 err "frobnicate" ${REDUCHECK_CLI} frobnicate)
reducheck_cli_test(UnknownFlagExits2 2 err "--bogus"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/pass_order.yaml --bogus)
reducheck_cli_test(CheckWithoutFileExits2 2 err "scenario" ${REDUCHECK_CLI} check)
reducheck_cli_test(CheckBadFormatExits2 2 err "format"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/pass_order.yaml --format xml)
reducheck_cli_test(CheckBadLangExits2 2 err "lang"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/pass_order.yaml --lang fr)
reducheck_cli_test(RulesBadFormatExits2 2 err "format" ${REDUCHECK_CLI} rules --format csv)
reducheck_cli_test(Version 0 out "^reducheck 0\\.1\\.0$" ${REDUCHECK_CLI} --version)
reducheck_cli_test(Help 0 out "check" ${REDUCHECK_CLI} --help)

# Bad input: exit 2, the file named on stderr, nothing evaluated.
reducheck_cli_test(CheckMissingFileExits2 2 err "no_such_scenario\\.yaml"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/no_such_scenario.yaml)
reducheck_cli_test(CheckUnknownKeyExits2 2 err "unknown_key\\.yaml.*[Dd]id you mean"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/unknown_key.yaml)
reducheck_cli_test(CheckOrderOutsideCalendarExits2 2 err
                   "order_outside_calendar\\.yaml:[0-9]+:[0-9]+: orders\\[0\\]\\.date: .*calendar"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/order_outside_calendar.yaml)
reducheck_cli_test(CheckBadRulesDirExits2 2 err "no_such_rules_dir"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/pass_order.yaml
                   --rules-dir ${REDUCHECK_CLI_DATA}/no_such_rules_dir)

# `rules`: the catalog and the packs; the rules directory from the flag or the environment.
reducheck_cli_test(RulesListsCatalog 0 out "CAP-CB-1PCT" ${REDUCHECK_CLI} rules)
reducheck_cli_test(RulesListsPacks 0 out "^Rule packs \\([1-9]" ${REDUCHECK_CLI} rules)
reducheck_cli_test(RulesJson 0 out "\"id\": \"CAP-CB-1PCT\"" ${REDUCHECK_CLI} rules --format json)
reducheck_cli_test(RulesUnknownPackExits2 2 err "no-such-pack"
                   ${REDUCHECK_CLI} rules --pack no-such-pack)
reducheck_cli_test(RulesBadRulesDirExits2 2 err "no_such_rules_dir"
                   ${REDUCHECK_CLI} rules --rules-dir ${REDUCHECK_CLI_DATA}/no_such_rules_dir)
reducheck_cli_test(RulesDirFromEnvironment 2 err "env_rules_dir"
                   env REDUCHECK_RULES_DIR=${REDUCHECK_CLI_DATA}/env_rules_dir ${REDUCHECK_CLI} rules)
reducheck_cli_test(RulesFlagBeatsEnvironment 0 out "CAP-CB-1PCT"
                   env REDUCHECK_RULES_DIR=${REDUCHECK_CLI_DATA}/env_rules_dir
                   ${REDUCHECK_CLI} rules --rules-dir ${PROJECT_SOURCE_DIR}/rules)

# Verdicts (rules-cn.md EX-01): a specific shareholder's sale after the IPO lock passes; the
# same sale one trading day before the lock ends fails LOCK-IPO-12M.
reducheck_cli_test(CheckPassOrderExits0 0 out "\"verdict\": \"pass\""
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/pass_order.yaml)
reducheck_cli_test(CheckFailOrderExits1 1 out "\"rule\": \"LOCK-IPO-12M\""
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/fail_order.yaml)
reducheck_cli_test(CheckFailOrderTextEn 1 out "^Order O1 — FAIL$"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/fail_order.yaml --format text)
reducheck_cli_test(CheckFailOrderTextZh 1 out "^订单 O1 — 不通过$"
                   ${REDUCHECK_CLI} check ${REDUCHECK_CLI_DATA}/fail_order.yaml
                   --format text --lang zh)

# `reducheck lockup` (issue 4 item 3).
include(${CMAKE_CURRENT_LIST_DIR}/lockup_tests.cmake)

# `reducheck plan` (issue 4 item 2).
include(${CMAKE_CURRENT_LIST_DIR}/plan_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/batch_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/encoding_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/import_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/check_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/service_cli_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/input_limits_tests.cmake)

# `reducheck calendar verify` (docs/calendar-format.md): the shipped calendar is valid and
# unchanged against itself; a year replaced by its notice is valid and its changes are listed;
# each kind of bad file exits 1 naming the file, line and field.
set(_cal_data ${REDUCHECK_CLI_DATA}/calendar)
set(_cal_shipped ${PROJECT_SOURCE_DIR}/rules/calendars/cn-a-share.yaml)
reducheck_cli_test(CalendarVerifyShipped 0 out "^  none$"
                   ${REDUCHECK_CLI} calendar verify ${_cal_shipped})
reducheck_cli_test(CalendarVerifyShippedStatus 0 out
                   "official through 2026-12-31, provisional 2027-2031"
                   ${REDUCHECK_CLI} calendar verify ${_cal_shipped})
reducheck_cli_test(CalendarVerifyReplacedYear 0 out
                   "2027: provisional -> official. now trading: 2027-02-12. trading days 243 -> 244"
                   ${REDUCHECK_CLI} calendar verify ${_cal_data}/good_2027_official.yaml)
reducheck_cli_test(CalendarVerifyWorkingDay 1 out
                   "bad_working_day\\.yaml:30: closures\\.2027\\[5\\]: 2027-07-14 is an ordinary working day"
                   ${REDUCHECK_CLI} calendar verify ${_cal_data}/bad_working_day.yaml)
reducheck_cli_test(CalendarVerifyUnsorted 1 out
                   "bad_unsorted\\.yaml:[0-9]+: closures\\.2027\\[3\\]: 2027-04-05 is not after the previous entry"
                   ${REDUCHECK_CLI} calendar verify ${_cal_data}/bad_unsorted.yaml)
reducheck_cli_test(CalendarVerifyStatusOrder 1 out "official years must be contiguous"
                   ${REDUCHECK_CLI} calendar verify ${_cal_data}/bad_status_order.yaml)
reducheck_cli_test(CalendarVerifyMissingStatus 1 out
                   "bad_missing_status\\.yaml:[0-9]+:[0-9]+: sources\\[1\\]\\.status: required key is missing"
                   ${REDUCHECK_CLI} calendar verify ${_cal_data}/bad_missing_status.yaml)
reducheck_cli_test(CalendarVerifyMissingFileExits2 2 err "no_such_calendar\\.yaml"
                   ${REDUCHECK_CLI} calendar verify ${_cal_data}/no_such_calendar.yaml)
