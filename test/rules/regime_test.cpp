// Rules by date (docs/rules.md): cn-2017-pre2020 judges orders up to 2020-02-29
// (regime_2020_test.cpp), cn-2017-pre2022 up to 2022-01-06, cn-2017 up to 2023-08-26, cn-2023-08
// and cn-2023-09 (regime_2023_test.cpp) up to 2024-05-23, cn-2024 from 2024-05-24; a pinned pack
// overrides the date. Covers the numbers that differ between the 2017 and 2024 regimes: block
// trades outside PRE-15TD, the 6-month plan interval and CAP-PP-50PCT (the 2007 D&O windows:
// dno_windows_2007_test.cpp).
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;  // 1% = 10,000,000

Verdict CheckPinned(const Ledger& l, const Order& o, std::string_view pack) {
  auto v = ShippedEvaluator().Check(o, l, pack);
  if (!v.ok()) {
    ADD_FAILURE() << v.status().message();
    return Verdict{};
  }
  return std::move(v).value();
}

bool HasLimit(const Verdict& v, std::string_view rule) {
  // A rule that applied names itself as binding when it is the tightest; otherwise look at
  // the violations. Used only where the rule would bind.
  return v.binding_rule == rule;
}

// A non-controlling major shareholder: 8.50%, all pre-IPO, no plan.
ScenarioBuilder Major() {
  ScenarioBuilder b("2015-06-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 85'000'000,
                          Source::kIpoOriginal, D("2014-01-01"));
  return b;
}

TEST(RegimeTest, LastDayOfCn2017AndFirstDayOfCn2024) {
  ScenarioBuilder b = Major();
  const Ledger l = b.Build();
  const Verdict before = Check(l, MakeOrder("M", "2024-05-23", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(before.rule_pack, "cn-2023-09");  // the 2017 regime's last pack (issue 9)
  const Verdict after = Check(l, MakeOrder("M", "2024-05-24", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(after.rule_pack, "cn-2024-pre2025");  // the 2024 Measures before Opinion No.19
  // The same block trade without a plan: allowed on the last 2017 day, not on the first 2024 day.
  EXPECT_EQ(Find(before, "PRE-15TD"), nullptr) << Rules(before);
  EXPECT_NE(Find(after, "PRE-15TD"), nullptr) << Rules(after);
}

TEST(RegimeTest, BlockTradeWithoutPlanPassesUnder2017FailsUnder2024) {
  ScenarioBuilder b = Major();
  const Ledger l = b.Build();
  const Verdict v2017 = Check(l, MakeOrder("M", "2023-06-01", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(v2017.rule_pack, "cn-2017");
  EXPECT_EQ(Find(v2017, "PRE-15TD"), nullptr) << Rules(v2017);
  EXPECT_EQ(v2017.outcome, Outcome::kPass) << Rules(v2017);
  // The 2% block cap still applies under 2017.
  EXPECT_EQ(v2017.max_compliant_shares, 20'000'000);
  EXPECT_EQ(v2017.binding_rule, "CAP-BT-2PCT");

  const Verdict v2024 = Check(l, MakeOrder("M", "2024-06-03", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(v2024.rule_pack, "cn-2024-pre2025");
  const Violation* x = Find(v2024, "PRE-15TD");
  ASSERT_NE(x, nullptr) << Rules(v2024);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
}

TEST(RegimeTest, BiddingStillNeedsAPlanUnder2017) {
  ScenarioBuilder b = Major();
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2023-06-01", Method::kCentralizedBidding, 1'000'000));
  EXPECT_EQ(v.rule_pack, "cn-2017");
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr) << Rules(v);
}

// The 2023-09-26 notices: a controlling shareholder needs a plan for block trades too, from
// that day (pack cn-2023-09; the boundary: regime_2023_test.cpp).
TEST(RegimeTest, ControllingShareholderBlockTradeNeedsAPlanFrom20230926) {
  ScenarioBuilder b("2015-06-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder)), "L1", 300'000'000,
                          Source::kIpoOriginal, D("2014-01-01"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("C", "2023-10-09", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(v.rule_pack, "cn-2023-09");
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr) << Rules(v);
  const Verdict before = Check(l, MakeOrder("C", "2023-06-01", Method::kBlockTrade, 1'000'000));
  EXPECT_EQ(before.rule_pack, "cn-2017");
  EXPECT_EQ(Find(before, "PRE-15TD"), nullptr) << Rules(before);
}

// A plan may run 6 months under 2017 (3 under 2024). Published 2023-01-05; 15 trading days
// between (Spring Festival closed 2023-01-23..27) -> first sale 2023-02-03; last plan day
// 2023-08-02 under 2017, 2023-05-02 under 2024.
TEST(RegimeTest, SixMonthPlanIntervalUnder2017ThreeUnder2024) {
  ScenarioBuilder b = Major();
  b.Plan("M", "2023-01-05", 8'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("M", "2023-02-02", Method::kCentralizedBidding, 100'000)),
                 "PRE-15TD"),
            nullptr);
  EXPECT_EQ(Check(l, MakeOrder("M", "2023-02-03", Method::kCentralizedBidding, 100'000)).outcome,
            Outcome::kPass);
  const Verdict last = Check(l, MakeOrder("M", "2023-08-02", Method::kCentralizedBidding, 100'000));
  EXPECT_EQ(last.outcome, Outcome::kPass) << Rules(last);
  const Verdict over = Check(l, MakeOrder("M", "2023-08-03", Method::kCentralizedBidding, 100'000));
  EXPECT_NE(Find(over, "PRE-15TD"), nullptr) << Rules(over);
  // Pinned to cn-2024, a sale in month 4 is outside the plan.
  const Order month4 = MakeOrder("M", "2023-06-15", Method::kCentralizedBidding, 100'000);
  EXPECT_EQ(Check(l, month4).outcome, Outcome::kPass);
  const Verdict pinned = CheckPinned(l, month4, "cn-2024");
  EXPECT_EQ(pinned.rule_pack, "cn-2024");
  EXPECT_NE(Find(pinned, "PRE-15TD"), nullptr) << Rules(pinned);
}

TEST(RegimeTest, PinnedPackOverridesTheOrderDate) {
  ScenarioBuilder b = Major();
  const Ledger l = b.Build();
  const Order o = MakeOrder("M", "2025-06-03", Method::kBlockTrade, 1'000'000);
  EXPECT_EQ(Check(l, o).rule_pack, "cn-2024");
  EXPECT_NE(Find(Check(l, o), "PRE-15TD"), nullptr);
  const Verdict pinned = CheckPinned(l, o, "cn-2017");
  EXPECT_EQ(pinned.rule_pack, "cn-2017");
  EXPECT_EQ(Find(pinned, "PRE-15TD"), nullptr) << Rules(pinned);
  EXPECT_FALSE(ShippedEvaluator().Check(o, l, "cn-1999").ok());
}

// CAP-PP-50PCT. A non-major holder of a placement completed 2019-12-20 (old 12-month lock,
// declared): unlocked 2020-12-20, release window 2020-12-20..2021-12-19. It still holds
// 6,000,000 and sold 2,000,000 by bidding on 2021-03-01: placement ~ 8,000,000, 50% =
// 4,000,000, headroom 2,000,000.
ScenarioBuilder Placement(Shares other_free = 0) {
  ScenarioBuilder b("2010-01-10", kTotal);
  Holder& h = b.AddHolder("P");
  Lot& pp = ScenarioBuilder::AddLot(h, "PP", 6'000'000, Source::kPrivatePlacement, D("2019-12-20"));
  pp.lockup_until = D("2020-12-19");
  if (other_free > 0) {
    ScenarioBuilder::AddLot(h, "MKT", other_free, Source::kSecondaryBidding, D("2018-01-01"));
  }
  b.Sale("P", "2021-03-01", Method::kCentralizedBidding, 2'000'000);
  return b;
}

TEST(CapPp50pctTest, HalfOfThePlacementPassesOneMoreShareFails) {
  ScenarioBuilder b = Placement();
  const Ledger l = b.Build();
  const Verdict ok = Check(l, MakeOrder("P", "2021-06-01", Method::kCentralizedBidding, 2'000'000));
  EXPECT_EQ(ok.rule_pack, "cn-2017-pre2022");
  EXPECT_EQ(ok.outcome, Outcome::kPass) << Rules(ok);
  EXPECT_EQ(ok.max_compliant_shares, 2'000'000);
  EXPECT_TRUE(HasLimit(ok, "CAP-PP-50PCT"));
  const Verdict v = Check(l, MakeOrder("P", "2021-06-01", Method::kCentralizedBidding, 2'000'001));
  const Violation* x = Find(v, "CAP-PP-50PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 1);
}

TEST(CapPp50pctTest, BlockTradesAreNotLimited) {
  ScenarioBuilder b = Placement();
  const Ledger l = b.Build();
  EXPECT_EQ(
      Find(Check(l, MakeOrder("P", "2021-06-01", Method::kBlockTrade, 6'000'000)), "CAP-PP-50PCT"),
      nullptr);
}

// A2: placement shares first up to the headroom, then other free shares.
TEST(CapPp50pctTest, OtherFreeSharesAreSoldAfterTheHeadroom) {
  ScenarioBuilder b = Placement(1'000'000);
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("P", "2021-06-01", Method::kCentralizedBidding, 3'000'000)).outcome,
            Outcome::kPass);
  const Verdict v = Check(l, MakeOrder("P", "2021-06-01", Method::kCentralizedBidding, 3'000'001));
  const Violation* x = Find(v, "CAP-PP-50PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(v.max_compliant_shares, 3'000'000);
}

// The window ends on 2021-12-19 (a Sunday): Friday 2021-12-17 is inside, Monday 2021-12-20 out.
TEST(CapPp50pctTest, TwelveMonthsAfterUnlockTheLimitEnds) {
  ScenarioBuilder b = Placement();
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("P", "2021-12-17", Method::kCentralizedBidding, 6'000'000)),
                 "CAP-PP-50PCT"),
            nullptr);
  const Verdict after =
      Check(l, MakeOrder("P", "2021-12-20", Method::kCentralizedBidding, 6'000'000));
  EXPECT_EQ(Find(after, "CAP-PP-50PCT"), nullptr) << Rules(after);
  EXPECT_EQ(after.outcome, Outcome::kPass) << Rules(after);
}

// Placements completed from 2020-02-14 are outside the reduction rules (2020 reform).
TEST(CapPp50pctTest, PlacementsAfterThe2020ReformAreNotLimited) {
  ScenarioBuilder b("2010-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("P"), "PP", 6'000'000, Source::kPrivatePlacement,
                          D("2020-02-14"));  // 6-month lock: free from 2020-08-14
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("P", "2021-06-01", Method::kCentralizedBidding, 6'000'000));
  EXPECT_EQ(Find(v, "CAP-PP-50PCT"), nullptr) << Rules(v);
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

TEST(CapPp50pctTest, UnknownIssueDateIsUnknown) {
  ScenarioBuilder b("2010-01-10", kTotal);
  Lot& pp = ScenarioBuilder::AddLot(b.AddHolder("P"), "PP", 6'000'000, Source::kPrivatePlacement);
  pp.lockup_until = D("2020-12-19");
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("P", "2021-06-01", Method::kCentralizedBidding, 100'000));
  EXPECT_TRUE(HasUnknown(v, "CAP-PP-50PCT")) << Rules(v);
}

// Absent under cn-2024: pinned, and by date across the regime change (a placement of 2019
// whose declared lock ran to 2023-06-30: release window 2023-07-01..2024-06-30).
TEST(CapPp50pctTest, AbsentUnderCn2024) {
  ScenarioBuilder b = Placement();
  const Ledger l = b.Build();
  const Verdict pinned = CheckPinned(
      l, MakeOrder("P", "2021-06-01", Method::kCentralizedBidding, 6'000'000), "cn-2024");
  EXPECT_EQ(Find(pinned, "CAP-PP-50PCT"), nullptr) << Rules(pinned);
  EXPECT_EQ(pinned.outcome, Outcome::kPass) << Rules(pinned);

  ScenarioBuilder c("2010-01-10", kTotal);
  Lot& pp = ScenarioBuilder::AddLot(c.AddHolder("Q"), "PP", 4'000'000, Source::kPrivatePlacement,
                                    D("2019-06-01"));
  pp.lockup_until = D("2023-06-30");
  const Ledger lc = c.Build();
  const Verdict last2017 =
      Check(lc, MakeOrder("Q", "2024-05-23", Method::kCentralizedBidding, 2'000'001));
  const Violation* x = Find(last2017, "CAP-PP-50PCT");
  ASSERT_NE(x, nullptr) << Rules(last2017);
  EXPECT_EQ(x->shares_in_breach, 1);
  const Verdict first2024 =
      Check(lc, MakeOrder("Q", "2024-05-24", Method::kCentralizedBidding, 2'000'001));
  EXPECT_EQ(first2024.rule_pack, "cn-2024-pre2025");
  EXPECT_EQ(Find(first2024, "CAP-PP-50PCT"), nullptr) << Rules(first2024);
}

}  // namespace
}  // namespace reducheck::testing
