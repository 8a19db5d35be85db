// Boundary tests of PRE-15TD and CAP-PLAN (spec §4, A3, A20, A28, S19).
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;

ScenarioBuilder Major8pct() {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 80'000'000,
                          Source::kIpoOriginal);
  return b;
}

// EX-02: plan announced 2025-09-10; only 14 trading days lie before 2025-10-09 (Oct 1-8
// closed): fail; 2025-10-10 (15 between) passes.
TEST(Pre15tdTest, Ex02FourteenTradingDaysAcrossNationalDayFail) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-10-09", Method::kCentralizedBidding, 100'000));
  const Violation* x = Find(v, "PRE-15TD");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 100'000);
  bool saw_14 = false, saw_first = false;
  for (const Fact& f : x->facts) {
    if (f.key == "trading_days_between") saw_14 = std::get<std::int64_t>(f.value) == 14;
    if (f.key == "first_allowed_sale_day") saw_first = std::get<Date>(f.value) == D("2025-10-10");
  }
  EXPECT_TRUE(saw_14);
  EXPECT_TRUE(saw_first);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2025-10-10"));
}

TEST(Pre15tdTest, Ex02FifteenTradingDaysPass) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-10-10", Method::kCentralizedBidding, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// S19: the interval runs at most 3 months: 2025-10-10 to 2026-01-09.
TEST(Pre15tdTest, PlanIntervalEndsAfterThreeMonths) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("M", "2026-01-09", Method::kCentralizedBidding, 100'000)).outcome,
            Outcome::kPass);
  const Verdict v = Check(l, MakeOrder("M", "2026-01-12", Method::kCentralizedBidding, 100'000));
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr) << Rules(v);
  EXPECT_FALSE(v.earliest_full_date);  // no plan covers any later date
  EXPECT_NE(v.earliest_full_date_reason.en.find("new reduction plan"), std::string::npos)
      << v.earliest_full_date_reason.en;
}

// EX-03: announced 2026-02-06; 2026-03-02 has 9 trading days between; first sale 2026-03-10.
TEST(Pre15tdTest, Ex03SpringFestival) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2026-02-06", 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2026-03-02", Method::kCentralizedBidding, 100'000));
  const Violation* x = Find(v, "PRE-15TD");
  ASSERT_NE(x, nullptr) << Rules(v);
  bool saw_9 = false;
  for (const Fact& f : x->facts) {
    if (f.key == "trading_days_between") saw_9 = std::get<std::int64_t>(f.value) == 9;
  }
  EXPECT_TRUE(saw_9);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-10"));
  EXPECT_NE(
      Find(Check(l, MakeOrder("M", "2026-03-09", Method::kCentralizedBidding, 1)), "PRE-15TD"),
      nullptr);
  EXPECT_EQ(Check(l, MakeOrder("M", "2026-03-10", Method::kCentralizedBidding, 1)).outcome,
            Outcome::kPass);
}

TEST(Pre15tdTest, NoPlanAtAllFailsWithNewPlanAdvice) {
  const Ledger l = Major8pct().Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 100'000));
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_EQ(v.binding_rule, "PRE-15TD");
  EXPECT_FALSE(v.earliest_full_date);
  // With a plan announced on 2025-11-03, 15 trading days later is 2025-11-25.
  EXPECT_NE(v.earliest_full_date_reason.en.find("2025-11-25"), std::string::npos)
      << v.earliest_full_date_reason.en;
}

TEST(Pre15tdTest, BlockTradesNeedAPlanToo) {
  const Ledger l = Major8pct().Build();
  EXPECT_NE(Find(Check(l, MakeOrder("M", "2025-11-03", Method::kBlockTrade, 100'000)), "PRE-15TD"),
            nullptr);
}

// Specific shareholders (non-major holders of pre-IPO shares) need no plan.
TEST(Pre15tdTest, SpecificShareholderNeedsNoPlan) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("S"), "L1", 30'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("S", "2025-11-03", Method::kCentralizedBidding, 100'000)).outcome,
            Outcome::kPass);
}

// A28: while cap quota is left, a major shareholder's sale is deemed of capped shares first,
// so it needs a plan even with market-bought shares on hand.
TEST(Pre15tdTest, MarketSharesDoNotAvoidThePlanWhileQuotaIsLeft) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("M", R(Role::kMajorShareholder));
  ScenarioBuilder::AddLot(h, "L1", 60'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(h, "L2", 5'000'000, Source::kSecondaryBidding, D("2025-01-02"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 1'000'000));
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr) << Rules(v);
  EXPECT_EQ(v.max_compliant_shares, 0);
}

TEST(Pre15tdTest, MarketSharesNeedNoPlanOnceQuotaIsUsed) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("M", R(Role::kMajorShareholder));
  ScenarioBuilder::AddLot(h, "L1", 60'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(h, "L2", 5'000'000, Source::kSecondaryBidding, D("2025-01-02"));
  b.Sale("M", "2025-10-20", Method::kCentralizedBidding, 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 1'000'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  EXPECT_EQ(v.max_compliant_shares, 5'000'000);
}

// A20: inside a valid plan, more than the plan's quantity → CAP-PLAN (2025: 4.02M vs 4.00M).
TEST(CapPlanTest, SellingBeyondThePlanQuantityIsCapPlan) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2025-09-10", 4'000'000, {Method::kCentralizedBidding});
  b.Sale("M", "2025-10-20", Method::kCentralizedBidding, 3'000'000);
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 1'000'000)).outcome,
            Outcome::kPass);
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 1'020'000));
  const Violation* x = Find(v, "CAP-PLAN");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 20'000);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(Find(v, "PRE-15TD"), nullptr);
  EXPECT_EQ(v.max_compliant_shares, 1'000'000);
}

TEST(CapPlanTest, MethodOutsideThePlanIsCapPlan) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2025-09-10", 4'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kBlockTrade, 1'000'000));
  EXPECT_NE(Find(v, "CAP-PLAN"), nullptr) << Rules(v);
}

TEST(CapPlanTest, CompletingThePlanTriggersTheCompletionReport) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2025-09-10", 4'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 4'000'000));
  ASSERT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  bool completion = false;
  for (const Obligation& o : v.obligations) {
    if (o.kind == "plan_completion_report") completion = *o.due == D("2025-11-05");
  }
  EXPECT_TRUE(completion);
}

// The completion report of an old plan, published with the next plan, does not end the new one.
TEST(Pre15tdTest, CompletionReportOfAnOldPlanDoesNotEndTheNewOne) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2025-06-03", 4'000'000, {Method::kCentralizedBidding}, D("2025-06-25"),
         D("2025-09-24"));
  b.Sale("M", "2025-08-01", Method::kCentralizedBidding, 4'000'000);
  b.Report("M", "2025-09-10", AnnouncementKind::kCompletionReport);
  b.Plan("M", "2025-09-10", 3'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2025-10-10", Method::kCentralizedBidding, 3'000'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  // A completion report published after the new plan's interval began ends it.
  ScenarioBuilder c = Major8pct();
  c.Plan("M", "2025-09-10", 3'000'000, {Method::kCentralizedBidding});
  c.Sale("M", "2025-10-13", Method::kCentralizedBidding, 1'000'000);
  c.Report("M", "2025-10-20", AnnouncementKind::kCompletionReport);
  const Ledger l2 = c.Build();
  EXPECT_NE(
      Find(Check(l2, MakeOrder("M", "2025-10-21", Method::kCentralizedBidding, 1'000)), "PRE-15TD"),
      nullptr);
}

}  // namespace
}  // namespace reducheck::testing
