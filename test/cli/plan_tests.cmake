# `reducheck plan` (issue 4 item 2; docs/planner.md), run as a user would. Included by
# cli_tests.cmake, whose reducheck_cli_test() and variables it uses.
set(REDUCHECK_PLAN_CASE ${PROJECT_SOURCE_DIR}/examples/plan_case.yaml)
set(REDUCHECK_PLAN_OUT ${CMAKE_CURRENT_BINARY_DIR}/plan_case_schedule.csv)

# examples/plan_case.yaml: the hand derivation in the file, line by line.
reducheck_cli_test(PlanHeader 0 out
                   "^id,holder,date,method,shares,price,kind,window_start,window_end,max_shares,methods$"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 30000000)
reducheck_cli_test(PlanSpringFestivalWindow 0 out
                   "^P1,HX,2026-02-03,,,,reduction_plan,2026-03-05,2026-06-04,30000000,centralized_bidding.block_trade$"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 30000000)
reducheck_cli_test(PlanStopsAtTheMultiple 0 out
                   "^S1,HX,2026-03-05,centralized_bidding,6000000,,sale,,,,$"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 30000000)
reducheck_cli_test(PlanReportsTheNextTradingDay 0 out
                   "^R1,HX,2026-03-06,,,,equity_change_report,,,,$"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 30000000)
reducheck_cli_test(PlanSellsAfterTheFreeze 0 out
                   "^S2,HX,2026-03-12,block_trade,20000000,,sale,,,,$"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 30000000)
reducheck_cli_test(PlanSummaryOnStderr 0 err "^plan: finished on 2026-03-12$"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 30000000)
reducheck_cli_test(PlanBiddingOnly 0 err "^plan: finished on 2026-09-08$"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 30000000
                   --methods centralized_bidding)
reducheck_cli_test(PlanOutFile 0 out "^S3,HX,2026-03-12,centralized_bidding,4000000,,sale,,,,$"
                   sh -c "\"$1\" plan \"$2\" --holder HX --shares 30000000 --out \"$3\" && cat \"$3\""
                   plan ${REDUCHECK_CLI} ${REDUCHECK_PLAN_CASE} ${REDUCHECK_PLAN_OUT})
# Nothing can finish by the calendar's end: exit 1, the partial schedule still written.
# From 2030-06-03 the calendar (to 2031-12-31) ends before the 3-year horizon: the summary says
# the calendar's end, not a rule, is what stopped the plan; and the steps dated in the
# provisional years (2027-2031) each carry a calendar caveat line.
reducheck_cli_test(PlanUnfinishedExits1 1 err
                   "NOT finished.*calendar's last day.*blocked by the end of the trading calendar"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 106000000
                   --methods centralized_bidding --from 2030-06-03)
reducheck_cli_test(PlanProvisionalStepsCarryTheCaveat 1 err
                   "^plan: S1 .2030-[0-9-]+. calendar caveat: counts trading days of the provisional calendar years? [0-9, ]*2030"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 106000000
                   --methods centralized_bidding --from 2030-06-03)
# The schedule replays through `reducheck batch` with every sale passing.
reducheck_cli_test(PlanReplaysThroughBatch 0 any -
                   sh -c "\"$1\" plan \"$2\" --holder HX --shares 30000000 --out \"$3\" && \"$1\" batch \"$2\" \"$3\""
                   plan ${REDUCHECK_CLI} ${REDUCHECK_PLAN_CASE} ${CMAKE_CURRENT_BINARY_DIR}/plan_case_replay.csv)

# Bad input or usage: exit 2 with the reason on stderr.
reducheck_cli_test(PlanWithoutHolderExits2 2 err "holder"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --shares 1000)
reducheck_cli_test(PlanUnknownHolderExits2 2 err "NOPE"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder NOPE --shares 1000)
reducheck_cli_test(PlanTooManySharesExits2 2 err "shares"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 106000001)
reducheck_cli_test(PlanZeroSharesExits2 2 err "shares"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 0)
reducheck_cli_test(PlanBadMethodExits2 2 err "methods.*agreement"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 1000
                   --methods agreement_transfer)
reducheck_cli_test(PlanUnknownMethodExits2 2 err "methods.*bidding_typo"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 1000
                   --methods bidding_typo)
reducheck_cli_test(PlanBadFromExits2 2 err "--from.*2026-02-30"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 1000
                   --from 2026-02-30)
reducheck_cli_test(PlanFromBeforeHistoryExits2 2 err "from.*2025-11-10"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 1000
                   --from 2025-06-02)
reducheck_cli_test(PlanNoHistoryNeedsFrom 2 err "--from"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_CLI_DATA}/pass_order.yaml --holder H1 --shares 1000)
reducheck_cli_test(PlanNoHistoryWithFrom 0 err "^plan: finished on 2026-03-02$"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_CLI_DATA}/pass_order.yaml --holder H1 --shares 1000
                   --from 2026-03-01)
reducheck_cli_test(PlanMissingFileExits2 2 err "no_such_scenario\\.yaml"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_CLI_DATA}/no_such_scenario.yaml --holder H1 --shares 1)

# --shares as a percentage of the total share capital (issue 13 item 3): 3% of 1,000,000,000 is
# the same schedule as 30,000,000 shares; the count is said on stderr; rounded down.
add_test(NAME cli.PlanSharesPercentSameSchedule
         COMMAND sh -c "\"$0\" plan \"$1\" --holder HX --shares 3% > \"$2.pct\" 2> \"$2.err\" && \"$0\" plan \"$1\" --holder HX --shares 30,000,000 2>/dev/null | diff -u - \"$2.pct\" && grep -q '^plan: --shares 3% of the total share capital 1,000,000,000 = 30,000,000 shares (rounded down)$' \"$2.err\""
                 ${REDUCHECK_CLI} ${REDUCHECK_PLAN_CASE} ${CMAKE_CURRENT_BINARY_DIR}/plan_pct)
set_tests_properties(cli.PlanSharesPercentSameSchedule PROPERTIES LABELS cli)
add_test(NAME cli.PlanSharesPercentRoundsDown
         COMMAND sh -c "sed 's/total_shares: 1000000000/total_shares: 999999999/' \"$1\" > \"$2.yaml\" && \"$0\" plan \"$2.yaml\" --holder HX --shares 3% 2>&1 >/dev/null | grep -q '= 29,999,999 shares (rounded down)'"
                 ${REDUCHECK_CLI} ${REDUCHECK_PLAN_CASE} ${CMAKE_CURRENT_BINARY_DIR}/plan_round)
set_tests_properties(cli.PlanSharesPercentRoundsDown PROPERTIES LABELS cli)
reducheck_cli_test(PlanSharesBadPercentExits2 2 err "--shares: expected a number of shares or a percentage"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 3.00001%)
reducheck_cli_test(PlanSharesOver100PercentExits2 2 err "at most 100%"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares 101%)
reducheck_cli_test(PlanSharesTextExits2 2 err "must be a positive number of shares"
                   ${REDUCHECK_CLI} plan ${REDUCHECK_PLAN_CASE} --holder HX --shares lots)
