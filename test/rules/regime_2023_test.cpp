// The controller rules of 2023 as dated packs (issue 9 part 3; docs/rules.md "Rules by date"):
// the CSRC statement of 2023-08-27 (pack cn-2023-08: the 破发/破净/分红 bans: CTRL-* applied) and
// the SSE/SZSE notices of 2023-09-26 (pack cn-2023-09: a controller's block trades need a plan,
// pre_announce_block_trades_controllers; its plan lasts at most 3 months, ctrl_plan_max_months).
// Each boundary: the day before the pack takes over and the day it does (2023-08-27 is a
// Sunday, so the trading days around it are Friday 08-25 and Monday 08-28).
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;

Money Y(const char* text) { return *Money::Parse(text); }

bool AnyControllerRule(const Verdict& v) {
  for (const Violation& x : v.violations) {
    if (std::string_view(x.rule->id).starts_with("CTRL-")) return true;
  }
  for (const UnknownFinding& u : v.unknown) {
    if (std::string_view(u.rule->id).starts_with("CTRL-")) return true;
  }
  return false;
}

// A controlling shareholder (35%, pre-IPO shares of a 2015 listing at 10.00) whose shares
// closed at 9.50, below the issue price, through the summer of 2023; plan published
// 2023-06-01 (15 trading days between: first sale 2023-06-26, 6-month interval to 2023-12-25).
ScenarioBuilder Controller() {
  ScenarioBuilder b("2015-06-10", kTotal);
  Company& co = b.scenario().company;
  co.issue_price = Y("10.00");
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  for (std::optional<Date> t = cal.TradingDayOnOrAfter(D("2023-03-01")); t && *t <= D("2023-12-29");
       t = cal.AddTradingDays(*t, 1)) {
    co.closes.push_back({*t, Y("9.50")});
  }
  co.net_assets_per_share = {{D("2022-12-31"), Y("5.00")}};
  co.net_profits = {{2020, Y("100000000")}, {2021, Y("100000000")}, {2022, Y("100000000")}};
  co.cash_dividends = {{2020, Y("40000000")}, {2021, Y("40000000")}, {2022, Y("40000000")}};
  co.reports.push_back({ReportKind::kAnnual, "2022", D("2023-04-20"), std::nullopt});
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder)), "L1", 350'000'000,
                          Source::kIpoOriginal, D("2014-01-01"));
  b.Plan("C", "2023-06-01", 10'000'000);
  return b;
}

TEST(Regime2023Test, PackBoundaries) {
  ScenarioBuilder b = Controller();
  const Ledger l = b.Build();
  // Agreement transfers may be dated on any day: the pack in force on each side.
  const auto pack_on = [&](const char* d) {
    return Check(l, MakeOrder("C", d, Method::kAgreementTransfer, 60'000'000)).rule_pack;
  };
  EXPECT_EQ(pack_on("2023-08-26"), "cn-2017");
  EXPECT_EQ(pack_on("2023-08-27"), "cn-2023-08");
  EXPECT_EQ(pack_on("2023-09-25"), "cn-2023-08");
  EXPECT_EQ(pack_on("2023-09-26"), "cn-2023-09");
  EXPECT_EQ(pack_on("2024-05-23"), "cn-2023-09");
  EXPECT_EQ(pack_on("2024-05-24"), "cn-2024-pre2025");
  EXPECT_EQ(pack_on("2025-01-09"), "cn-2024-pre2025");
  EXPECT_EQ(pack_on("2025-01-10"), "cn-2024");
}

// Before the CSRC statement no 破发 ban existed: the same sale passes on Friday 2023-08-25 and
// fails CTRL-BREAK-IPO on Monday 2023-08-28.
TEST(Regime2023Test, BelowIssuePriceBanStartsOn20230827) {
  ScenarioBuilder b = Controller();
  const Ledger l = b.Build();
  const Verdict before =
      Check(l, MakeOrder("C", "2023-08-25", Method::kCentralizedBidding, 1'000'000));
  EXPECT_EQ(before.rule_pack, "cn-2017");
  EXPECT_FALSE(AnyControllerRule(before)) << Rules(before);
  EXPECT_EQ(before.outcome, Outcome::kPass) << Rules(before);

  const Verdict after =
      Check(l, MakeOrder("C", "2023-08-28", Method::kCentralizedBidding, 1'000'000));
  EXPECT_EQ(after.rule_pack, "cn-2023-08");
  const Violation* x = Find(after, "CTRL-BREAK-IPO");
  ASSERT_NE(x, nullptr) << Rules(after);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
  EXPECT_EQ(Find(after, "CTRL-BREAK-NAV"), nullptr);  // 9.50 is above the NAV of 5.00
  EXPECT_EQ(Find(after, "CTRL-DIV"), nullptr);        // 40% of the average profit
}

// A 2022 sale (the issue's example) is judged without the bans; pinned to cn-2023-08 it fails.
TEST(Regime2023Test, A2022SaleNoLongerFailsABanThatDidNotExist) {
  ScenarioBuilder b = Controller();
  b.scenario().history.announcements.clear();
  b.Plan("C", "2022-06-01", 10'000'000);
  Company& co = b.scenario().company;
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  std::vector<DatedPrice> closes;  // 2022, before the 2023 closes (sorted by date)
  for (std::optional<Date> t = cal.TradingDayOnOrAfter(D("2022-04-01")); t && *t <= D("2022-12-30");
       t = cal.AddTradingDays(*t, 1)) {
    closes.push_back({*t, Y("9.50")});
  }
  co.closes.insert(co.closes.begin(), closes.begin(), closes.end());
  co.net_assets_per_share = {{D("2021-12-31"), Y("5.00")}};
  co.net_profits = {{2019, Y("100000000")}, {2020, Y("100000000")}, {2021, Y("100000000")}};
  co.cash_dividends = {{2019, Y("40000000")}, {2020, Y("40000000")}, {2021, Y("40000000")}};
  co.reports.push_back({ReportKind::kAnnual, "2021", D("2022-04-20"), std::nullopt});
  const Ledger l = b.Build();
  const Order o = MakeOrder("C", "2022-07-01", Method::kCentralizedBidding, 1'000'000);
  const Verdict v = Check(l, o);
  EXPECT_EQ(v.rule_pack, "cn-2017");
  EXPECT_FALSE(AnyControllerRule(v)) << Rules(v);
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  auto pinned = ShippedEvaluator().Check(o, l, "cn-2023-08");
  ASSERT_TRUE(pinned.ok()) << pinned.status().message();
  EXPECT_NE(Find(pinned.value(), "CTRL-BREAK-IPO"), nullptr) << Rules(pinned.value());
}

// A controller with no issue-price problem, for the plan rules of 2023-09-26.
ScenarioBuilder CleanController() {
  ScenarioBuilder b = Controller();
  for (DatedPrice& p : b.scenario().company.closes) p.price = Y("12.00");
  return b;
}

// Block trades: no plan needed by a controller on Monday 2023-09-25, needed from 09-26.
TEST(Regime2023Test, ControllerBlockTradeNeedsAPlanFrom20230926) {
  ScenarioBuilder b = CleanController();
  b.scenario().history.announcements.clear();
  const Ledger l = b.Build();
  const Verdict before = Check(l, MakeOrder("C", "2023-09-25", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(before.rule_pack, "cn-2023-08");
  EXPECT_EQ(Find(before, "PRE-15TD"), nullptr) << Rules(before);
  EXPECT_EQ(before.outcome, Outcome::kPass) << Rules(before);
  const Verdict after = Check(l, MakeOrder("C", "2023-09-26", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(after.rule_pack, "cn-2023-09");
  const Violation* x = Find(after, "PRE-15TD");
  ASSERT_NE(x, nullptr) << Rules(after);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
}

// A non-controlling major shareholder's block trades never needed a plan under the 2017 rules.
TEST(Regime2023Test, NonControllerBlockTradeStillNeedsNoPlanUntil20240524) {
  ScenarioBuilder b("2015-06-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 85'000'000,
                          Source::kIpoOriginal, D("2014-01-01"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2023-10-09", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(v.rule_pack, "cn-2023-09");
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// Plan interval: a controller's plan published 2023-05-04 may be used from 2023-05-26 (15
// trading days between); 6 months run to 2023-11-25, 3 months to 2023-08-25. On 2023-09-25
// (cn-2023-08) the 6 months apply; from 2023-09-26 (cn-2023-09) the plan is over for the
// controller (read on the sale date).
TEST(Regime2023Test, ControllerPlanIntervalThreeMonthsFrom20230926) {
  ScenarioBuilder b = CleanController();
  b.scenario().history.announcements.clear();
  b.Plan("C", "2023-05-04", 10'000'000);
  const Ledger l = b.Build();
  const Verdict before =
      Check(l, MakeOrder("C", "2023-09-25", Method::kCentralizedBidding, 1'000'000));
  EXPECT_EQ(before.outcome, Outcome::kPass) << Rules(before);
  const Verdict after =
      Check(l, MakeOrder("C", "2023-09-26", Method::kCentralizedBidding, 1'000'000));
  EXPECT_EQ(after.rule_pack, "cn-2023-09");
  ASSERT_NE(Find(after, "PRE-15TD"), nullptr) << Rules(after);
  // A plan published on 2023-10-09 (first sale 2023-10-31): its third month ends 2024-01-30.
  ScenarioBuilder c = CleanController();
  c.scenario().history.announcements.clear();
  c.Plan("C", "2023-10-09", 10'000'000);
  const Ledger lc = c.Build();
  EXPECT_EQ(Check(lc, MakeOrder("C", "2024-01-30", Method::kCentralizedBidding, 1'000'000)).outcome,
            Outcome::kPass);
  EXPECT_NE(Find(Check(lc, MakeOrder("C", "2024-01-31", Method::kCentralizedBidding, 1'000'000)),
                 "PRE-15TD"),
            nullptr);
}

}  // namespace
}  // namespace reducheck::testing
