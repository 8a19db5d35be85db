// Boundary tests of CAP-CB-1PCT / CAP-BT-2PCT (spec §3, A1, A2, A23) and CAP-POST5-90D.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;  // 1% = 10,000,000; 2% = 20,000,000

// EX-04 base: 8.80% non-controlling major holder, all pre-IPO, valid plan for CB and BT.
ScenarioBuilder Ex04() {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 88'000'000,
                          Source::kIpoOriginal);
  b.Plan("M", "2025-10-09", 40'000'000);
  return b;
}

TEST(CapCb1pctTest, Ex04WindowSumsOverTheCapFailByTheExcess) {
  ScenarioBuilder b = Ex04();
  b.Sale("M", "2025-11-03", Method::kCentralizedBidding, 6'000'000);
  b.Plan("M", "2025-12-10", 40'000'000);  // a second plan covering 2026-01-15
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2026-01-15", Method::kCentralizedBidding, 5'000'000));
  const Violation* x = Find(v, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
  EXPECT_EQ(v.max_compliant_shares, 4'000'000);
  EXPECT_EQ(v.binding_rule, "CAP-CB-1PCT");
}

TEST(CapCb1pctTest, ExactlyOnePercentPassesOneMoreShareFails) {
  ScenarioBuilder b = Ex04();
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("M", "2025-12-01", Method::kCentralizedBidding, 10'000'000)).outcome,
            Outcome::kPass);
  const Verdict v = Check(l, MakeOrder("M", "2025-12-01", Method::kCentralizedBidding, 10'000'001));
  const Violation* x = Find(v, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->shares_in_breach, 1);
}

// Window [D-89, D]: a sale on D-89 (day 90) still counts; on D-90 (day 91) it has left.
TEST(CapCb1pctTest, NinetiethDayInWindowNinetyFirstOut) {
  ScenarioBuilder b = Ex04();
  b.Sale("M", "2025-10-17", Method::kCentralizedBidding, 10'000'000);
  b.Plan("M", "2025-12-10", 40'000'000);
  const Ledger l = b.Build();
  // 2026-01-14 - 89 days = 2025-10-17: the sale is in the window, the quota is used up.
  const Verdict in = Check(l, MakeOrder("M", "2026-01-14", Method::kCentralizedBidding, 1));
  const Violation* x = Find(in, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(in.earliest_full_date.value_or(Date()), D("2026-01-15"));
  // 2026-01-15 - 89 days = 2025-10-18: the sale has left the window.
  EXPECT_EQ(
      Find(Check(l, MakeOrder("M", "2026-01-15", Method::kCentralizedBidding, 1)), "CAP-CB-1PCT"),
      nullptr);
}

TEST(CapBt2pctTest, BlockTradeHasItsOwnTwoPercentQuota) {
  ScenarioBuilder b = Ex04();
  b.Sale("M", "2025-11-03", Method::kCentralizedBidding, 10'000'000);  // CB quota used up
  b.Plan("M", "2025-12-10", 40'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2026-01-15", Method::kBlockTrade, 15'000'000));
  EXPECT_EQ(Find(v, "CAP-BT-2PCT"), nullptr) << Rules(v);
  EXPECT_EQ(Find(v, "CAP-CB-1PCT"), nullptr);
  const Verdict over = Check(l, MakeOrder("M", "2026-01-15", Method::kBlockTrade, 20'000'001));
  const Violation* x = Find(over, "CAP-BT-2PCT");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->shares_in_breach, 1);
}

TEST(CapCb1pctTest, ConcertPartiesShareOneQuota) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("A", R(Role::kMajorShareholder), "G"), "L1", 40'000'000,
                          Source::kIpoOriginal);
  ScenarioBuilder::AddLot(b.AddHolder("B", 0, "G"), "L2", 30'000'000, Source::kIpoOriginal);
  b.Sale("A", "2025-11-03", Method::kCentralizedBidding, 7'000'000);
  b.Plan("B", "2025-11-03", 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("B", "2025-12-01", Method::kCentralizedBidding, 4'000'000));
  const Violation* x = Find(v, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
}

// EX-05: a 6.50% holder whose shares were all bought on the exchange is outside the caps and
// the pre-announcement; 6.50% -> 5.30% touches 6% only.
TEST(CapCb1pctTest, Ex05MarketBoughtSharesAreExempt) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M"), "L1", 65'000'000, Source::kSecondaryBidding,
                          D("2024-10-15"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-06-03", Method::kCentralizedBidding, 12'000'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  ASSERT_EQ(v.obligations.size(), 1u);
  EXPECT_EQ(v.obligations[0].kind, "report_1pct_change");
  EXPECT_EQ(v.obligations[0].threshold_bp, 600);
  EXPECT_EQ(*v.obligations[0].due, D("2025-06-04"));
}

// A2 / contract example: capped shares go first up to the quota, exempt shares beyond it.
TEST(CapCb1pctTest, ExemptSharesAddToTheQuotaHeadroom) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("M", R(Role::kMajorShareholder));
  ScenarioBuilder::AddLot(h, "L1", 60'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(h, "L3", 1'000'000, Source::kSecondaryBidding, D("2025-02-01"));
  b.Sale("M", "2025-11-03", Method::kCentralizedBidding, 8'000'000);
  b.Plan("M", "2025-10-09", 20'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-12-01", Method::kCentralizedBidding, 4'000'000));
  const Violation* x = Find(v, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
  EXPECT_EQ(v.max_compliant_shares, 3'000'000);
}

// A holding of exactly 5.00% is a major shareholder ("以上" includes 5%).
TEST(MajorShareholderTest, ExactlyFivePercentIsMajor) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 50'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2025-12-01", Method::kCentralizedBidding, 1000));
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr) << Rules(v);
}

TEST(MajorShareholderTest, OneShareBelowFivePercentIsSpecificShareholder) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 49'999'999, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2025-12-01", Method::kCentralizedBidding, 1000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// EX-12: fell from 5.20% to 4.80% on 2025-12-01; tail 2025-12-02..2026-03-01.
ScenarioBuilder Ex12() {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 48'000'000, Source::kIpoOriginal);
  b.Plan("H", "2025-10-09", 4'000'000, {Method::kCentralizedBidding});
  b.Sale("H", "2025-12-01", Method::kCentralizedBidding, 4'000'000);
  b.Report("H", "2025-12-02");
  b.Report("H", "2025-12-02", AnnouncementKind::kCompletionReport);
  return b;
}

TEST(CapPost5Test, Ex12SaleWithinNinetyDaysNeedsAPlan) {
  const Ledger l = Ex12().Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-01-20", Method::kCentralizedBidding, 5'000'000));
  const Violation* x = Find(v, "PRE-15TD");
  ASSERT_NE(x, nullptr) << Rules(v);
  bool names_tail = false;
  for (const Fact& f : x->facts) {
    if (f.key == "applies_because") names_tail = std::get<std::string>(f.value) == "CAP-POST5-90D";
  }
  EXPECT_TRUE(names_tail);
  EXPECT_EQ(x->category, Category::kProcedural);
}

TEST(CapPost5Test, Ex12LastTailDayStillMajorThenSpecific) {
  const Ledger l = Ex12().Build();
  // 2026-03-01 is a Sunday; 2026-02-27 (Friday) is inside the tail.
  EXPECT_NE(
      Find(Check(l, MakeOrder("H", "2026-02-27", Method::kCentralizedBidding, 1000)), "PRE-15TD"),
      nullptr);
  const Verdict after =
      Check(l, MakeOrder("H", "2026-03-02", Method::kCentralizedBidding, 5'000'000));
  EXPECT_EQ(after.outcome, Outcome::kPass) << Rules(after);
  // Still a specific shareholder: the 1% cap on pre-IPO shares binds.
  const Verdict big =
      Check(l, MakeOrder("H", "2026-03-02", Method::kCentralizedBidding, 10'000'001));
  EXPECT_NE(Find(big, "CAP-CB-1PCT"), nullptr) << Rules(big);
  EXPECT_EQ(Find(big, "PRE-15TD"), nullptr);
}

// A22: falling below 5% by an agreement transfer keeps major-shareholder rules for 6 months.
TEST(CapPost5Test, FallByAgreementTransferHasASixMonthTail) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 30'000'000, Source::kIpoOriginal);
  b.Sale("H", "2025-10-15", Method::kAgreementTransfer, 50'000'000);  // 8% -> 3%
  b.Report("H", "2025-10-16");
  const Ledger l = b.Build();
  // Day 110 after the fall: past 90 days, inside 6 months (tail through 2026-04-15).
  const Verdict v = Check(l, MakeOrder("H", "2026-02-02", Method::kCentralizedBidding, 1'000'000));
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr) << Rules(v);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-04-16"));
  EXPECT_EQ(Check(l, MakeOrder("H", "2026-04-16", Method::kCentralizedBidding, 1'000'000)).outcome,
            Outcome::kPass);
}

}  // namespace
}  // namespace reducheck::testing
