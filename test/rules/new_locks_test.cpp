// Rule inputs added for issue 9 part 4 (docs/rules.md, Lock-ups; docs/input-format.md):
// LOCK-NEWHOLDER-36M (company.ipo_filing_date), LOCK-ACQ-18M (holder.control_acquired) and the
// LOCK-CTP-STAR quota years counted from the end of the holder's own lock.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 400'000'000;  // 1% = 4,000,000
constexpr Method kCb = Method::kCentralizedBidding;

template <typename T>
const T* FactOf(const Violation& v, std::string_view key) {
  for (const Fact& f : v.facts) {
    if (f.key == key) return std::get_if<T>(&f.value);
  }
  return nullptr;
}

// Main board, listed 2023-06-15, IPO filed 2022-06-30: N holds 2,000,000 pre-IPO shares acquired
// on `acquired` (0.5%: a specific shareholder, no plan needed). LOCK-IPO-12M ends 2024-06-14.
ScenarioBuilder NewHolder(std::optional<Date> acquired,
                          std::optional<Date> filed = D("2022-06-30")) {
  ScenarioBuilder b("2023-06-15", kTotal);
  b.scenario().company.ipo_filing_date = filed;
  ScenarioBuilder::AddLot(b.AddHolder("N", R(Role::kPreIpoShareholder)), "L1", 2'000'000,
                          Source::kIpoOriginal, acquired);
  return b;
}

// Acquired 2021-09-01, within 12 months before the filing: locked through 2024-08-31 (36 months
// from acquisition), so Friday 2024-08-30 fails and Monday 2024-09-02 passes.
TEST(NewHolderTest, LockedThirtySixMonthsFromAcquisition) {
  ScenarioBuilder b = NewHolder(D("2021-09-01"));
  const Ledger l = b.Build();
  const Verdict in = Check(l, MakeOrder("N", "2024-08-30", kCb, 100'000));
  const Violation* x = Find(in, "LOCK-NEWHOLDER-36M");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(x->shares_in_breach, 100'000);
  EXPECT_EQ(in.earliest_full_date.value_or(Date()), D("2024-09-02"));
  const Verdict out = Check(l, MakeOrder("N", "2024-09-02", kCb, 100'000));
  EXPECT_EQ(out.outcome, Outcome::kPass) << Rules(out);
}

// The window's edge: 12 months before the filing is inside (inclusive, conservative); the day
// before is outside (only the one-year listing lock applies).
TEST(NewHolderTest, WindowEdgeIsInclusive) {
  ScenarioBuilder in = NewHolder(D("2021-06-30"));
  const Ledger li = in.Build();
  EXPECT_NE(Find(Check(li, MakeOrder("N", "2024-06-17", kCb, 100'000)), "LOCK-NEWHOLDER-36M"),
            nullptr);
  ScenarioBuilder out = NewHolder(D("2021-06-29"));
  const Ledger lo = out.Build();
  const Verdict v = Check(lo, MakeOrder("N", "2024-06-17", kCb, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// Filings accepted before the guidance (2021-02-05) are not subject; without a filing date the
// rule is not evaluated; a lot without `acquired` is unknown while the lock could run.
TEST(NewHolderTest, FilingDateScopeAndMissingInputs) {
  ScenarioBuilder old = NewHolder(D("2020-09-01"), D("2021-02-04"));
  old.scenario().company.listing_date = D("2022-03-01");
  const Ledger lo = old.Build();
  EXPECT_EQ(Find(Check(lo, MakeOrder("N", "2023-03-01", kCb, 100'000)), "LOCK-NEWHOLDER-36M"),
            nullptr);
  ScenarioBuilder from = NewHolder(D("2020-09-01"), D("2021-02-05"));
  from.scenario().company.listing_date = D("2022-03-01");
  const Ledger lf = from.Build();
  EXPECT_NE(Find(Check(lf, MakeOrder("N", "2023-03-01", kCb, 100'000)), "LOCK-NEWHOLDER-36M"),
            nullptr);
  ScenarioBuilder none = NewHolder(D("2021-09-01"), std::nullopt);
  const Ledger ln = none.Build();
  EXPECT_EQ(Check(ln, MakeOrder("N", "2024-08-30", kCb, 100'000)).outcome, Outcome::kPass);
  ScenarioBuilder undated = NewHolder(std::nullopt);
  const Ledger lu = undated.Build();
  EXPECT_TRUE(
      HasUnknown(Check(lu, MakeOrder("N", "2024-08-30", kCb, 100'000)), "LOCK-NEWHOLDER-36M"));
  // After filing + 36 months (2025-06-30) no acquisition date can matter.
  EXPECT_FALSE(
      HasUnknown(Check(lu, MakeOrder("N", "2025-07-01", kCb, 100'000)), "LOCK-NEWHOLDER-36M"));
}

// LOCK-ACQ-18M: control acquired 2025-03-10 -> every share locked through 2026-09-10.
ScenarioBuilder Acquirer() {
  ScenarioBuilder b("2015-06-10", kTotal);
  Holder& a = b.AddHolder("A");
  a.control_acquired = D("2025-03-10");
  ScenarioBuilder::AddLot(a, "L1", 10'000'000, Source::kOther, D("2025-03-10"));
  ScenarioBuilder::AddLot(a, "L2", 1'000'000, Source::kSecondaryBidding, D("2025-06-02"));
  return b;
}

TEST(AcquirerLockTest, EighteenMonthsAfterTheAcquisition) {
  ScenarioBuilder b = Acquirer();
  const Ledger l = b.Build();
  const Verdict in = Check(l, MakeOrder("A", "2026-09-10", Method::kAgreementTransfer, 500'000));
  const Violation* x = Find(in, "LOCK-ACQ-18M");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(x->shares_in_breach, 500'000);  // later purchases are locked too (conservative)
  const Verdict out = Check(l, MakeOrder("A", "2026-09-11", Method::kAgreementTransfer, 500'000));
  EXPECT_EQ(Find(out, "LOCK-ACQ-18M"), nullptr) << Rules(out);
  EXPECT_EQ(Find(Check(l, MakeOrder("A", "2025-03-09", Method::kAgreementTransfer, 500'000)),
                 "LOCK-ACQ-18M"),
            nullptr);
}

// LOCK-CTP-STAR: a controller who is also core technical staff. STAR, listed 2022-07-20: the
// 36-month lock runs through 2025-07-19, so quota year 1 starts 2025-07-21 (a Monday after the
// 20th, a Sunday): 25% of 40,000,000 = 10,000,000 (not the 75% of year 3 counted from the
// 12-month lock).
TEST(CtpQuotaTest, ControllerQuotaYearsCountFromTheThirtySixMonthEnd) {
  ScenarioBuilder b("2022-07-20", kTotal);
  b.Board(Board::kStar);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(
      b.AddHolder("C", R(Role::kControllingShareholder) | R(Role::kCoreTechnicalStaff)), "L1",
      40'000'000, Source::kIpoOriginal);
  b.Plan("C", "2025-06-03", 20'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("C", "2025-07-21", Method::kAgreementTransfer, 10'000'001));
  const Violation* x = Find(v, "LOCK-CTP-STAR");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1);
  ASSERT_NE(FactOf<Date>(*x, "lock_expiry"), nullptr);
  EXPECT_EQ(*FactOf<Date>(*x, "lock_expiry"), D("2025-07-20"));
  EXPECT_EQ(Find(Check(l, MakeOrder("C", "2025-07-21", Method::kAgreementTransfer, 10'000'000)),
                 "LOCK-CTP-STAR"),
            nullptr);
}

}  // namespace
}  // namespace reducheck::testing
