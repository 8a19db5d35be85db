// Boundary tests of the lock-up rules (spec §2, §10 counting, A18, A29, A31).
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;

// EX-01: listed 2025-03-10, 3% pre-IPO holder: locked through 2026-03-09, free on 2026-03-10.
TEST(LockIpo12mTest, DayBeforeAnniversaryFailsCategoryOne) {
  ScenarioBuilder b("2025-03-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 30'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-03-09", Method::kCentralizedBidding, 100'000));
  const Violation* x = Find(v, "LOCK-IPO-12M");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(x->shares_in_breach, 100'000);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_EQ(v.binding_rule, "LOCK-IPO-12M");
  ASSERT_TRUE(v.earliest_full_date);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-10"));
}

TEST(LockIpo12mTest, FridayBeforeWeekendUnlockFailsAndEarliestIsMonday) {
  ScenarioBuilder b("2025-03-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 30'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-03-06", Method::kCentralizedBidding, 100'000));
  EXPECT_NE(Find(v, "LOCK-IPO-12M"), nullptr);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-10"));
}

TEST(LockIpo12mTest, AnniversaryPassesAsSpecificShareholder) {
  ScenarioBuilder b("2025-03-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 30'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-03-10", Method::kCentralizedBidding, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  // Specific shareholder: the 1% cap binds (10,000,000), not a pre-announcement.
  EXPECT_EQ(v.max_compliant_shares, 10'000'000);
  EXPECT_EQ(v.binding_rule, "CAP-CB-1PCT");
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-10"));
}

// Listing on 2024-02-29: the corresponding day 2025-02-29 does not exist, so the lock runs
// through 2025-02-28 and the shares trade from 2025-03-03 (first trading day in March).
TEST(LockIpo12mTest, LeapDayListingLocksThroughMonthEnd) {
  ScenarioBuilder b("2024-02-29", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 30'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("H", "2025-02-28", Method::kCentralizedBidding, 1000)),
                 "LOCK-IPO-12M"),
            nullptr);
  EXPECT_EQ(Check(l, MakeOrder("H", "2025-03-03", Method::kCentralizedBidding, 1000)).outcome,
            Outcome::kPass);
}

TEST(LockCtrl36mTest, ControllerLockedUntilThirdAnniversary) {
  ScenarioBuilder b("2023-03-15", kTotal);
  Holder& h = b.AddHolder("C", R(Role::kControllingShareholder));
  ScenarioBuilder::AddLot(h, "L1", 300'000'000, Source::kIpoOriginal);
  b.Plan("C", "2026-01-05", 10'000'000);
  const Ledger l = b.Build();
  // 2026-03-13 (Friday) is the last trading day before the 2026-03-15 (Sunday) anniversary.
  const Verdict before = Check(l, MakeOrder("C", "2026-03-13", Method::kCentralizedBidding, 1000));
  const Violation* x = Find(before, "LOCK-CTRL-36M");
  ASSERT_NE(x, nullptr) << Rules(before);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(Find(before, "LOCK-IPO-12M"), nullptr);  // the 12-month lock ended in 2024
  const Verdict on = Check(l, MakeOrder("C", "2026-03-16", Method::kCentralizedBidding, 1000));
  EXPECT_EQ(Find(on, "LOCK-CTRL-36M"), nullptr) << Rules(on);
}

TEST(LockCtrl36mTest, ConcertPartyOfControllerIsLockedToo) {
  ScenarioBuilder b("2023-03-15", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder), "G"), "L1",
                          300'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(b.AddHolder("P", 0, "G"), "L2", 10'000'000, Source::kIpoOriginal);
  b.Plan("P", "2025-12-01", 1'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("P", "2026-01-05", Method::kCentralizedBidding, 1000));
  EXPECT_NE(Find(v, "LOCK-CTRL-36M"), nullptr) << Rules(v);
}

// The controller lock-up follows the IPO controller after it lost control (controlling_at_ipo
// true, no controller role now), unchanged by the split of "controlling now / at the IPO"
// (issue 15, defect 5): lock-ups bind either.
TEST(LockCtrl36mTest, FormerIpoControllerStaysLocked) {
  ScenarioBuilder b("2023-03-15", kTotal);
  Holder& f = b.AddHolder("F", R(Role::kMajorShareholder));
  f.controlling_at_ipo = true;
  ScenarioBuilder::AddLot(f, "L1", 60'000'000, Source::kIpoOriginal);
  b.Plan("F", "2026-01-05", 10'000'000);
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("F", "2026-03-13", Method::kCentralizedBidding, 1000)),
                 "LOCK-CTRL-36M"),
            nullptr);
  EXPECT_EQ(Find(Check(l, MakeOrder("F", "2026-03-16", Method::kCentralizedBidding, 1000)),
                 "LOCK-CTRL-36M"),
            nullptr);
}

// A mixed holding: free shares are sold first; only the excess is in breach.
TEST(LockIpo12mTest, OnlySharesBeyondFreeLotsAreInBreach) {
  ScenarioBuilder b("2025-03-10", kTotal);
  Holder& h = b.AddHolder("H");
  ScenarioBuilder::AddLot(h, "L1", 1'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(h, "L2", 300'000, Source::kSecondaryBidding, D("2025-06-01"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2025-12-01", Method::kCentralizedBidding, 500'000));
  const Violation* x = Find(v, "LOCK-IPO-12M");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->shares_in_breach, 200'000);
  EXPECT_EQ(v.max_compliant_shares, 300'000);
}

// A29: acquired by block trade from a major shareholder on 2025-11-03 → locked through
// 2026-05-03; first trading day after is 2026-05-06 (Labour Day closure May 1-5).
TEST(LockRecv6mTest, TransfereeLockEndsOnCorrespondingDay) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Lot& lot = ScenarioBuilder::AddLot(b.AddHolder("T"), "L1", 3'000'000, Source::kBlockTradePurchase,
                                     D("2025-11-03"));
  lot.acquired_from = AcquiredFrom::kMajorShareholder;
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2026-04-30", Method::kCentralizedBidding, 1000));
  const Violation* x = Find(v, "LOCK-RECV-6M");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-05-06"));
}

TEST(LockRecv6mTest, MissingAcquiredFromIsUnknownNotPass) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("T"), "L1", 3'000'000, Source::kBlockTradePurchase,
                          D("2025-11-03"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2026-01-05", Method::kCentralizedBidding, 1000));
  EXPECT_EQ(v.outcome, Outcome::kUnknown);
  EXPECT_TRUE(HasUnknown(v, "LOCK-RECV-6M"));
}

// LOCK-PP: controller's private placement acquired 2024-06-01 → 18 months → locked through
// 2025-11-30 (contract example), tradable 2025-12-01.
TEST(LockPpTest, ControllerPlacementIsEighteenMonths) {
  ScenarioBuilder b("2015-01-10", kTotal);
  Holder& h = b.AddHolder("C", R(Role::kControllingShareholder));
  ScenarioBuilder::AddLot(h, "L2", 5'000'000, Source::kPrivatePlacement, D("2024-06-01"));
  b.Plan("C", "2025-10-09", 5'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("C", "2025-11-28", Method::kCentralizedBidding, 1000));
  const Violation* x = Find(v, "LOCK-PP-18M");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  // The controller bans (CTRL-*) are not evaluated in this release, so no date is a full pass;
  // the reason still names the day the lock stops being violated.
  EXPECT_FALSE(v.earliest_full_date);
  EXPECT_NE(v.earliest_full_date_reason.en.find("from 2025-12-01 no rule is violated"),
            std::string::npos)
      << v.earliest_full_date_reason.en;
}

TEST(LockPpTest, OrdinarySubscriberIsSixMonths) {
  ScenarioBuilder b("2015-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("S"), "L1", 5'000'000, Source::kPrivatePlacement,
                          D("2025-06-16"));
  const Ledger l = b.Build();
  EXPECT_NE(
      Find(Check(l, MakeOrder("S", "2025-12-15", Method::kCentralizedBidding, 1000)), "LOCK-PP-6M"),
      nullptr);
  EXPECT_EQ(Check(l, MakeOrder("S", "2025-12-16", Method::kCentralizedBidding, 1000)).outcome,
            Outcome::kPass);
}

// A26: a commitment's `until` is the last day bound.
TEST(LockCommitTest, NoSaleUntilIsInclusive) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("H");
  ScenarioBuilder::AddLot(h, "L1", 1'000'000, Source::kIpoOriginal);
  h.commitments.push_back({CommitmentKind::kNoSale, D("2026-09-15"), {"L1"}, {}, {}, {}, {}});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-09-15", Method::kCentralizedBidding, 1000));
  const Violation* x = Find(v, "LOCK-COMMIT");
  ASSERT_NE(x, nullptr) << Rules(v);
  // A broken lock promise on pre-IPO shares is category 1 (draft penalty rules' example).
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(Check(l, MakeOrder("H", "2026-09-16", Method::kCentralizedBidding, 1000)).outcome,
            Outcome::kPass);
}

TEST(LockCommitTest, PriceFloorFailsBelowAndIsUnknownWithoutPrice) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("H");
  ScenarioBuilder::AddLot(h, "L1", 1'000'000, Source::kIpoOriginal);
  h.commitments.push_back(
      {CommitmentKind::kPriceFloor, D("2027-03-15"), {}, Money::FromYuan(30), {}, {}, {}});
  const Ledger l = b.Build();
  Order o = MakeOrder("H", "2026-03-02", Method::kCentralizedBidding, 1000);
  EXPECT_TRUE(HasUnknown(Check(l, o), "LOCK-COMMIT"));
  o.price = Money::Parse("29.99");
  EXPECT_NE(Find(Check(l, o), "LOCK-COMMIT"), nullptr);
  o.price = Money::FromYuan(30);
  EXPECT_EQ(Check(l, o).outcome, Outcome::kPass);
}

// LOCK-EXT-6M with closes: 20 consecutive closes below the issue price extend the lock.
TEST(LockExt6mTest, TwentyConsecutiveClosesBelowIssuePriceExtendTheLock) {
  ScenarioBuilder b("2024-07-01", kTotal);
  b.scenario().company.issue_price = Money::FromYuan(20);
  Holder& h = b.AddHolder("D");
  ScenarioBuilder::AddLot(h, "L1", 1'000'000, Source::kIpoOriginal);
  h.commitments.push_back({CommitmentKind::kExtendIfBelowIssuePrice, {}, {}, {}, {}, {}, 6});
  // Closes for every trading day 2024-07-01..2025-01-02: 19.50 on the first 20 trading days.
  const Evaluator& ev = ShippedEvaluator();
  int k = 0;
  for (std::optional<Date> t = ev.calendar().TradingDayOnOrAfter(D("2024-07-01"));
       t && *t <= D("2025-01-06"); t = ev.calendar().AddTradingDays(*t, 1), ++k) {
    b.scenario().company.closes.push_back(
        {*t, k < 20 ? Money::Parse("19.50").value() : Money::FromYuan(21)});
  }
  const Ledger l = b.Build();
  // Base lock through 2025-06-30; extended through 2025-12-31.
  const Verdict v = Check(l, MakeOrder("D", "2025-07-01", Method::kCentralizedBidding, 1000));
  const Violation* x = Find(v, "LOCK-EXT-6M");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-01-05"));
}

TEST(LockExt6mTest, NineteenClosesBelowDoNotExtend) {
  ScenarioBuilder b("2024-07-01", kTotal);
  b.scenario().company.issue_price = Money::FromYuan(20);
  Holder& h = b.AddHolder("D");
  ScenarioBuilder::AddLot(h, "L1", 1'000'000, Source::kIpoOriginal);
  h.commitments.push_back({CommitmentKind::kExtendIfBelowIssuePrice, {}, {}, {}, {}, {}, 6});
  const Evaluator& ev = ShippedEvaluator();
  int k = 0;
  for (std::optional<Date> t = ev.calendar().TradingDayOnOrAfter(D("2024-07-01"));
       t && *t <= D("2025-01-06"); t = ev.calendar().AddTradingDays(*t, 1), ++k) {
    b.scenario().company.closes.push_back(
        {*t, k < 19 ? Money::Parse("19.50").value() : Money::FromYuan(21)});
  }
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("D", "2025-07-01", Method::kCentralizedBidding, 1000)).outcome,
            Outcome::kPass);
}

TEST(LockExt6mTest, MissingClosesAreUnknown) {
  ScenarioBuilder b("2024-07-01", kTotal);
  b.scenario().company.issue_price = Money::FromYuan(20);
  Holder& h = b.AddHolder("D");
  ScenarioBuilder::AddLot(h, "L1", 1'000'000, Source::kIpoOriginal);
  h.commitments.push_back({CommitmentKind::kExtendIfBelowIssuePrice, {}, {}, {}, {}, {}, 6});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("D", "2025-07-01", Method::kCentralizedBidding, 1000));
  EXPECT_EQ(v.outcome, Outcome::kUnknown);
  EXPECT_TRUE(HasUnknown(v, "LOCK-EXT-6M"));
}

}  // namespace
}  // namespace reducheck::testing

namespace reducheck::testing {
namespace {

// RuleSet::LotLocks: the lock view the lock-up report is built on.
TEST(LotLocksTest, ShowsEveryLockingRuleAndTheLatestEnd) {
  ScenarioBuilder b("2023-03-15", 1'000'000'000);
  Holder& h = b.AddHolder("C", R(Role::kControllingShareholder));
  ScenarioBuilder::AddLot(h, "L1", 300'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(h, "L2", 1'000'000, Source::kSecondaryBidding, D("2024-01-02"));
  const Ledger l = b.Build();
  const Evaluator& ev = ShippedEvaluator();
  const RuleSet* pack = ev.PackFor(D("2024-01-02"));
  ASSERT_NE(pack, nullptr);
  std::vector<LotLockView> view;
  ASSERT_TRUE(pack->LotLocks("C", D("2024-01-02"), l, ev.calendar(), view).ok());
  ASSERT_EQ(view.size(), 2u);
  EXPECT_TRUE(view[0].locked);
  EXPECT_EQ(view[0].last_locked_day, D("2026-03-14"));  // 36 months: the latest end
  ASSERT_EQ(view[0].rules.size(), 2u);                  // LOCK-IPO-12M and LOCK-CTRL-36M
  EXPECT_EQ(view[0].rules[0]->id, "LOCK-IPO-12M");
  EXPECT_EQ(view[0].rules[1]->id, "LOCK-CTRL-36M");
  EXPECT_FALSE(view[1].locked);
  view.clear();
  ASSERT_TRUE(pack->LotLocks("C", D("2026-03-15"), l, ev.calendar(), view).ok());
  EXPECT_FALSE(view[0].locked);
}

}  // namespace
}  // namespace reducheck::testing
