// Boundary tests of the 5% slow-walk rule (spec §8, A6, A8) and EQ5-1PCT.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 500'000'000;  // 5% = 25,000,000; 10% = 50,000,000

// EX-06: 10.40% holder with a valid plan; CB 2,500,000 touches 10% after 2,000,000.
ScenarioBuilder Ex06() {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 52'000'000,
                          Source::kIpoOriginal);
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  return b;
}

TEST(Eq5MultTest, Ex06SharesBeyondTheTouchAreInBreach) {
  const Ledger l = Ex06().Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 2'500'000));
  const Violation* x = Find(v, "EQ5-MULT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kStopTrading);
  EXPECT_EQ(x->shares_in_breach, 500'000);
  EXPECT_EQ(v.max_compliant_shares, 2'000'000);
  EXPECT_EQ(v.binding_rule, "EQ5-MULT");
}

TEST(Eq5MultTest, LandingExactlyOnTenPercentPassesAndTriggersTheReport) {
  const Ledger l = Ex06().Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 2'000'000));
  ASSERT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  bool report = false, freeze = false;
  for (const Obligation& o : v.obligations) {
    if (o.kind == "equity_change_report")
      report = o.threshold_bp == 1000 && *o.due == D("2025-11-06");
    if (o.kind == "trading_freeze") freeze = true;
  }
  EXPECT_TRUE(report);
  EXPECT_TRUE(freeze);
}

TEST(Eq5MultTest, OneShareMoreThanTheTouchFails) {
  const Ledger l = Ex06().Build();
  const Verdict x_verdict =
      Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 2'000'001));
  const Violation* x = Find(x_verdict, "EQ5-MULT");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->shares_in_breach, 1);
}

// After a touch, trading is frozen until 3 trading days after the report (A6).
TEST(Eq5MultTest, FreezeRunsThroughThirdTradingDayAfterTheReport) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 50'000'000,
                          Source::kIpoOriginal);
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  b.Sale("M", "2025-10-27", Method::kCentralizedBidding, 2'000'000);  // 10.40% -> 10.00%
  b.Report("M", "2025-10-29");
  const Ledger l = b.Build();
  // Report 2025-10-29 (Wed) + 3 trading days = 2025-11-03 (Mon): frozen through it.
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 1000));
  const Violation* x = Find(v, "EQ5-MULT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1000);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2025-11-04"));
  EXPECT_EQ(Check(l, MakeOrder("M", "2025-11-04", Method::kCentralizedBidding, 1000)).outcome,
            Outcome::kPass);
}

TEST(Eq5MultTest, TouchWithoutAReportFreezesWithNoEndDate) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 50'000'000,
                          Source::kIpoOriginal);
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  b.Sale("M", "2025-10-27", Method::kCentralizedBidding, 2'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-12-01", Method::kCentralizedBidding, 1000));
  EXPECT_NE(Find(v, "EQ5-MULT"), nullptr) << Rules(v);
  EXPECT_FALSE(v.earliest_full_date);
}

// Falling from above 5% to below 5% touches 5%.
TEST(Eq5MultTest, FallingThroughFivePercentTouchesIt) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 26'000'000,
                          Source::kIpoOriginal);
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict x_verdict =
      Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 1'500'000));
  const Violation* x = Find(x_verdict, "EQ5-MULT");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->shares_in_breach, 500'000);
}

// A purchase that reached 5% from below freezes trading under EQ5-FIRST.
TEST(Eq5FirstTest, ReachingFivePercentByPurchaseFreezes) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("B"), "L1", 25'000'000, Source::kSecondaryBidding,
                          D("2025-11-03"));
  b.Purchase("B", "2025-11-03", 1'000'000);  // 4.80% -> 5.00%
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("B", "2025-11-04", Method::kCentralizedBidding, 1000));
  EXPECT_NE(Find(v, "EQ5-FIRST"), nullptr) << Rules(v);
}

// EX-04 variant: 8.80% -> 7.30% by block trade touches 8% only.
TEST(Eq51pctTest, BlockTradeTouchesEightPercentOnly) {
  ScenarioBuilder b("2020-01-10", 1'000'000'000);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 88'000'000,
                          Source::kIpoOriginal);
  b.Plan("M", "2025-09-10", 40'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kBlockTrade, 15'000'000));
  ASSERT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  int notices = 0;
  for (const Obligation& o : v.obligations) {
    if (o.kind == "report_1pct_change") {
      ++notices;
      EXPECT_EQ(o.threshold_bp, 800);
    }
  }
  EXPECT_EQ(notices, 1);
}

Verdict CheckPinned(const Ledger& l, const Order& o, std::string_view pack) {
  auto v = ShippedEvaluator().Check(o, l, pack);
  if (!v.ok()) {
    ADD_FAILURE() << v.status().message();
    return Verdict{};
  }
  return std::move(v).value();
}

// A touch and report from before the calendar's first year: no crash, and the freeze is taken
// to end at most 20 calendar days after the report (an upper bound, conservative).
TEST(Eq5MultTest, ReportBeforeTheCalendarUsesAnUpperBound) {
  ScenarioBuilder b("2015-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 50'000'000,
                          Source::kSecondaryBidding, D("2015-06-01"));
  // The calendar starts on 2017-01-01; cn-2024 is pinned so that a January 2017 order is judged
  // (no pack is in force before 2017-05-27).
  b.Sale("M", "2016-12-16", Method::kCentralizedBidding, 2'000'000);  // 10.40% -> 10.00%
  b.Report("M", "2016-12-19");
  const Ledger l = b.Build();
  const Verdict in =
      CheckPinned(l, MakeOrder("M", "2017-01-06", Method::kCentralizedBidding, 1000), "cn-2024");
  EXPECT_NE(Find(in, "EQ5-MULT"), nullptr) << Rules(in);
  EXPECT_EQ(
      CheckPinned(l, MakeOrder("M", "2017-01-09", Method::kCentralizedBidding, 1000), "cn-2024")
          .outcome,
      Outcome::kPass);
}

}  // namespace
}  // namespace reducheck::testing
