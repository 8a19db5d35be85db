// Corporate actions across the rules (company.corporate_actions; issue 15, protocol decision 2):
// share counts are restated across bonus issues and splits (the ledger works in current units),
// percentages use the capital of their own day, a passive change of the capital is no trade, and
// an order dated before a bonus, conversion or split is an input error. DIR-25PCT's quota under a
// bonus: directors_test.cpp.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;
constexpr Method kCb = Method::kCentralizedBidding;

void AddAction(ScenarioBuilder& b, CorporateActionKind kind, const char* date,
               std::int64_t per_10_units = 0, Shares shares = 0) {
  CorporateAction a;
  a.kind = kind;
  a.date = D(date);
  a.per_10_units = per_10_units;
  a.shares = shares;
  b.scenario().company.corporate_actions.push_back(a);
}

// A non-controlling major shareholder, all pre-IPO shares, with plans.
ScenarioBuilder Major(Shares total, Shares holding) {
  ScenarioBuilder b("2020-01-10", total);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", holding,
                          Source::kIpoOriginal);
  return b;
}

// EX-04 with a 10-for-10 bonus on 2025-12-15 inside the window: the 6,000,000 sold on 2025-11-03
// are 12,000,000 of today's shares and the cap is 1% of 2,000,000,000; 8,000,000 are left
// (twice EX-04's 4,000,000).
TEST(CorporateActionsTest, BonusInsideTheCapWindowScalesSalesAndCap) {
  ScenarioBuilder b = Major(2 * kTotal, 176'000'000);
  AddAction(b, CorporateActionKind::kBonus, "2025-12-15", 100'000);
  b.Sale("M", "2025-11-03", kCb, 6'000'000);
  b.Plan("M", "2025-12-10", 40'000'000);
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("M", "2026-01-15", kCb, 8'000'000)).outcome, Outcome::kPass);
  const Verdict v = Check(l, MakeOrder("M", "2026-01-15", kCb, 8'000'001));
  const Violation* x = Find(v, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(v.max_compliant_shares, 8'000'000);
}

// An issuance inside the window: the cap is 1% of the smallest total of the window (the
// conservative reading). 200,000,000 new shares on 2025-12-15 (1,000,000,000 -> 1,200,000,000).
// On 2026-03-13 the window [2025-12-14, 2026-03-13] holds a day at 1,000,000,000: cap
// 10,000,000; on 2026-03-16 it starts after the issuance: 12,000,000.
TEST(CorporateActionsTest, IssuanceInsideTheCapWindowUsesTheSmallestTotal) {
  ScenarioBuilder b = Major(1'200'000'000, 88'000'000);
  AddAction(b, CorporateActionKind::kIssuance, "2025-12-15", 0, 200'000'000);
  b.Plan("M", "2026-02-02", 40'000'000);
  const Ledger l = b.Build();
  const Verdict in = Check(l, MakeOrder("M", "2026-03-13", kCb, 10'000'001));
  const Violation* x = Find(in, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(x->shares_in_breach, 1);
  const Verdict out = Check(l, MakeOrder("M", "2026-03-16", kCb, 12'000'000));
  EXPECT_EQ(Find(out, "CAP-CB-1PCT"), nullptr) << Rules(out);
  const Verdict over = Check(l, MakeOrder("M", "2026-03-16", kCb, 12'000'001));
  EXPECT_NE(Find(over, "CAP-CB-1PCT"), nullptr) << Rules(over);
}

// The total on the order's day: before an issuance the holder's 55,000,000 are 5.5% of
// 1,000,000,000 (a major shareholder: a bidding sale of pre-IPO shares needs a plan); after it,
// 4.58% of 1,200,000,000 (a specific shareholder: no plan needed). The dilution is passive: no
// touch of 5%, no 90-day tail.
TEST(CorporateActionsTest, PassiveDilutionByAnIssuanceIsNoTouch) {
  ScenarioBuilder b = Major(1'200'000'000, 55'000'000);
  b.scenario().holders[0].roles = 0;  // major by holding only
  AddAction(b, CorporateActionKind::kIssuance, "2026-02-02", 0, 200'000'000);
  const Ledger l = b.Build();
  EXPECT_TRUE(l.GroupTouches(l.GroupOf(0)).empty());
  const Verdict before = Check(l, MakeOrder("M", "2026-01-30", kCb, 1'000'000));
  EXPECT_NE(Find(before, "PRE-15TD"), nullptr) << Rules(before);
  const Verdict after = Check(l, MakeOrder("M", "2026-02-02", kCb, 1'000'000));
  EXPECT_EQ(after.outcome, Outcome::kPass) << Rules(after);
}

// CAP-POST5-90D against the capital of the day of the fall: 52,000,000 -> 48,000,000 of
// 1,000,000,000 on 2026-01-05 (5.2% -> 4.8%); an issuance on 2026-02-02 makes today's total
// 1,200,000,000, on which 52,000,000 would be 4.33%. The tail still runs through 2026-04-05.
TEST(CorporateActionsTest, TailAfterFallingBelowFivePercentUsesThatDaysCapital) {
  ScenarioBuilder b = Major(1'200'000'000, 48'000'000);
  b.scenario().holders[0].roles = 0;
  AddAction(b, CorporateActionKind::kIssuance, "2026-02-02", 0, 200'000'000);
  b.Sale("M", "2026-01-05", kCb, 4'000'000);
  b.Report("M", "2026-01-07");
  const Ledger l = b.Build();
  ASSERT_EQ(l.GroupTouches(l.GroupOf(0)).size(), 1u);  // the 5% touch of 2026-01-05
  const Verdict v = Check(l, MakeOrder("M", "2026-03-02", kCb, 1'000'000));
  const Violation* x = Find(v, "PRE-15TD");
  ASSERT_NE(x, nullptr) << Rules(v);
  bool tail = false;
  for (const Fact& f : x->facts) tail |= f.key == "applies_because";
  EXPECT_TRUE(tail);
  const Verdict after = Check(l, MakeOrder("M", "2026-04-07", kCb, 1'000'000));
  EXPECT_EQ(Find(after, "PRE-15TD"), nullptr) << Rules(after);
}

// A sale before a bonus that touched 10%: the holding history is restated (current units) and
// compared with the restated capital, so the touch is found; without a report the freeze stays.
// 500,000,000 shares, 10-for-10 on 2025-10-15; 51,000,000 -> 49,000,000 on 2025-09-01.
TEST(CorporateActionsTest, TouchBeforeABonusIsKeptAcrossIt) {
  ScenarioBuilder b = Major(kTotal, 98'000'000);
  AddAction(b, CorporateActionKind::kBonus, "2025-10-15", 100'000);
  b.Sale("M", "2025-09-01", kCb, 2'000'000);
  b.Plan("M", "2025-10-20", 10'000'000);
  const Ledger l = b.Build();
  const auto touches = l.GroupTouches(l.GroupOf(0));
  ASSERT_EQ(touches.size(), 1u);
  EXPECT_EQ(touches[0].multiple_bp, 1000);
  EXPECT_EQ(touches[0].date, D("2025-09-01"));
  const Verdict v = Check(l, MakeOrder("M", "2025-12-01", kCb, 1'000'000));
  EXPECT_NE(Find(v, "EQ5-MULT"), nullptr) << Rules(v);
  // With the report on file the freeze ended 3 trading days after it.
  ScenarioBuilder c = Major(kTotal, 98'000'000);
  AddAction(c, CorporateActionKind::kBonus, "2025-10-15", 100'000);
  c.Sale("M", "2025-09-01", kCb, 2'000'000);
  c.Report("M", "2025-09-03");
  c.Plan("M", "2025-10-20", 10'000'000);
  const Ledger lc = c.Build();
  const Verdict w = Check(lc, MakeOrder("M", "2025-12-01", kCb, 1'000'000));
  EXPECT_EQ(Find(w, "EQ5-MULT"), nullptr) << Rules(w);
}

// The lots are after every action: an order dated before a bonus cannot be judged against them
// (an input error naming the action); on the ex-date and after it can.
TEST(CorporateActionsTest, OrderBeforeABonusIsAnInputError) {
  ScenarioBuilder b = Major(2 * kTotal, 176'000'000);
  AddAction(b, CorporateActionKind::kBonus, "2025-12-15", 100'000);
  const Ledger l = b.Build();
  auto v = ShippedEvaluator().Check(MakeOrder("M", "2025-12-12", kCb, 1'000), l);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(v.status().message().find("2025-12-15"), std::string::npos) << v.status().message();
  EXPECT_TRUE(ShippedEvaluator().Check(MakeOrder("M", "2025-12-15", kCb, 1'000), l).ok());
  // An issuance (total only) dated after the order is fine: the order's day has its own total.
  ScenarioBuilder c = Major(1'200'000'000, 88'000'000);
  AddAction(c, CorporateActionKind::kIssuance, "2026-06-01", 0, 200'000'000);
  const Ledger lc = c.Build();
  EXPECT_TRUE(ShippedEvaluator().Check(MakeOrder("M", "2026-03-02", kCb, 1'000), lc).ok());
}

// A plan's quantity is restated across a bonus (plans adjust it): 4,000,000 planned before a
// 10-for-10 bonus allow 8,000,000 after it.
TEST(CorporateActionsTest, PlanQuantityIsRestatedAcrossABonus) {
  ScenarioBuilder b = Major(2 * kTotal, 176'000'000);
  AddAction(b, CorporateActionKind::kBonus, "2025-12-15", 100'000);
  b.Plan("M", "2025-12-01", 4'000'000, {kCb});
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("M", "2026-01-05", kCb, 8'000'000)).outcome, Outcome::kPass);
  const Verdict v = Check(l, MakeOrder("M", "2026-01-05", kCb, 8'000'001));
  const Violation* x = Find(v, "CAP-PLAN");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1);
}

// Short-swing across a bonus: a purchase of 10,000 at 20.00 before a 10-for-10 bonus is 20,000
// shares at 10.00; selling 20,000 at 12.00 makes 40,000.00 for the company.
TEST(CorporateActionsTest, ShortSwingPurchaseIsRestatedWithItsPrice) {
  ScenarioBuilder b("2015-06-01", 2 * kTotal);
  Holder& h = b.AddHolder("D", R(Role::kDirector));
  h.term_end = D("2027-06-30");
  ScenarioBuilder::AddLot(h, "L1", 400'000, Source::kEquityIncentive, D("2019-01-02"));
  ScenarioBuilder::AddLot(h, "L2", 20'000, Source::kSecondaryBidding, D("2026-05-06"));
  b.scenario().history.purchases.push_back(
      {"D", D("2026-05-06"), kCb, 10'000, Money::FromYuan(20)});
  AddAction(b, CorporateActionKind::kBonus, "2026-06-10", 100'000);
  b.Plan("D", "2026-05-20", 100'000);
  const Ledger l = b.Build();
  Order o = MakeOrder("D", "2026-07-01", kCb, 20'000);
  o.price = Money::FromYuan(12);
  const Verdict v = Check(l, o);
  const Violation* x = Find(v, "DIR-SHORTSWING");
  ASSERT_NE(x, nullptr) << Rules(v);
  int seen = 0;
  for (const Fact& f : x->facts) {
    if (f.key == "bought_in_period") {
      EXPECT_EQ(std::get<std::int64_t>(f.value), 20'000);
      ++seen;
    }
    if (f.key == "profit_to_company") {
      EXPECT_EQ(std::get<Money>(f.value), Money::FromYuan(40'000));
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace reducheck::testing
