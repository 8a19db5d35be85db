// Boundary tests of the board specifics (spec §2 LOCK-BSE-12M, LOCK-UNPROF, LOCK-CTP-STAR; A10,
// A15, A18): the day before / of each unlock, departure + 6 months, the cumulative 25% quota,
// the 2%-a-year quota of controllers, the BSE 10% line and the profitable release.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;
constexpr Method kCb = Method::kCentralizedBidding;

void Unprofitable(ScenarioBuilder& b) { b.scenario().company.profitable_at_listing = false; }
void Profit(ScenarioBuilder& b, int year, std::int64_t yuan) {
  b.scenario().company.net_profits.push_back({year, Money::FromYuan(yuan)});
}
void AnnualReport(ScenarioBuilder& b, const char* period, const char* date) {
  PeriodicReport r;
  r.kind = ReportKind::kAnnual;
  r.period = period;
  r.date = D(date);
  b.scenario().company.reports.push_back(r);
}

// ---- LOCK-BSE-12M (A15) ----------------------------------------------------------------------

// BSE, listed 2025-06-16: the listed holders' pre-IPO shares are locked through 2026-06-15.
ScenarioBuilder BseCompany() {
  ScenarioBuilder b("2025-06-16", kTotal);
  b.Board(Board::kBse);
  b.scenario().company.exchange = Exchange::kBse;
  b.scenario().company.profitable_at_listing = true;
  return b;
}

TEST(BoardBseLockTest, TenPercentHolderLockedThroughDayBeforeAnniversary) {
  ScenarioBuilder b = BseCompany();
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 100'000'000, Source::kIpoOriginal);  // 10.00%
  b.Plan("H", "2026-05-11", 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-06-15", kCb, 1'000));
  const Violation* x = Find(v, "LOCK-BSE-12M");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(x->shares_in_breach, 1'000);
  EXPECT_EQ(Find(v, "LOCK-IPO-12M"), nullptr);  // A15: not applied on BSE
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_EQ(v.binding_rule, "LOCK-BSE-12M");
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-06-16"));
}

TEST(BoardBseLockTest, TenPercentHolderFreeOnAnniversary) {
  ScenarioBuilder b = BseCompany();
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 100'000'000, Source::kIpoOriginal);
  b.Plan("H", "2026-05-11", 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-06-16", kCb, 1'000));
  EXPECT_EQ(Find(v, "LOCK-BSE-12M"), nullptr) << Rules(v);
  EXPECT_EQ(Find(v, "LOCK-IPO-12M"), nullptr);
}

TEST(BoardBseLockTest, HolderJustBelowTenPercentIsNotListed) {
  ScenarioBuilder b = BseCompany();
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 99'900'000, Source::kIpoOriginal);  // 9.99%
  b.Plan("H", "2026-05-11", 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-06-15", kCb, 1'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  EXPECT_EQ(Find(v, "LOCK-BSE-12M"), nullptr);
}

TEST(BoardBseLockTest, OneShareBelowTenPercentIsNotListedOneShareAtIsListed) {
  ScenarioBuilder b = BseCompany();
  ScenarioBuilder::AddLot(b.AddHolder("A"), "L1", 99'999'999, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(b.AddHolder("B"), "L2", 100'000'000, Source::kIpoOriginal);
  b.Plan("A", "2026-05-11", 10'000'000).Plan("B", "2026-05-11", 10'000'000);
  const Ledger l = b.Build();
  EXPECT_EQ(Find(Check(l, MakeOrder("A", "2026-06-15", kCb, 1'000)), "LOCK-BSE-12M"), nullptr);
  EXPECT_NE(Find(Check(l, MakeOrder("B", "2026-06-15", kCb, 1'000)), "LOCK-BSE-12M"), nullptr);
}

// A15: other BSE holders get no listing lock at all (Company Law 1-year lock assumed satisfied
// on NEEQ): a 3% pre-IPO holder may sell in the first months after listing.
TEST(BoardBseLockTest, OtherHolderHasNoListingLock) {
  ScenarioBuilder b = BseCompany();
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 30'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2025-09-15", kCb, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  EXPECT_EQ(Find(v, "LOCK-IPO-12M"), nullptr);
}

TEST(BoardBseLockTest, ControllerLockedTwelveMonthsNotThirtySix) {
  ScenarioBuilder b = BseCompany();
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder)), "L1", 40'000'000,
                          Source::kIpoOriginal);  // 4%: listed as controller, not by size
  b.Plan("C", "2026-05-11", 10'000'000);
  const Ledger l = b.Build();
  const Verdict before = Check(l, MakeOrder("C", "2026-06-15", kCb, 1'000));
  const Violation* x = Find(before, "LOCK-BSE-12M");
  ASSERT_NE(x, nullptr) << Rules(before);
  EXPECT_EQ(Find(before, "LOCK-CTRL-36M"), nullptr);
  const Verdict on = Check(l, MakeOrder("C", "2026-06-16", kCb, 1'000));
  EXPECT_EQ(Find(on, "LOCK-BSE-12M"), nullptr) << Rules(on);
  EXPECT_EQ(Find(on, "LOCK-CTRL-36M"), nullptr);
}

TEST(BoardBseLockTest, MainBoardKeepsIpoLockAndHasNoBseLock) {
  ScenarioBuilder b("2025-06-16", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 30'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2026-06-15", kCb, 1'000));
  EXPECT_NE(Find(v, "LOCK-IPO-12M"), nullptr);
  EXPECT_EQ(Find(v, "LOCK-BSE-12M"), nullptr);
}

// ---- LOCK-UNPROF --------------------------------------------------------------------------

// ChiNext, listed 2021-06-15, unprofitable at listing: fiscal years 2022-2024 locked (through
// 2024-12-31). A core technical staff member holding 1% (a specific shareholder).
ScenarioBuilder ChinextUnprofitable() {
  ScenarioBuilder b("2021-06-15", kTotal);
  b.Board(Board::kChinext);
  Unprofitable(b);
  return b;
}

TEST(BoardUnprofTest, CoreTechStaffLockedThroughEndOfThirdFullFiscalYear) {
  ScenarioBuilder b = ChinextUnprofitable();
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 10'000'000,
                          Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2024-12-31", kCb, 100'000));
  const Violation* x = Find(v, "LOCK-UNPROF");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(x->shares_in_breach, 100'000);
  EXPECT_EQ(v.binding_rule, "LOCK-UNPROF");
  // 2025-01-01 is closed: first trading day of fiscal year 4.
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2025-01-02"));
}

TEST(BoardUnprofTest, CoreTechStaffFreeInFourthFiscalYearWithoutQuota) {
  ScenarioBuilder b = ChinextUnprofitable();
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 10'000'000,
                          Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2025-01-02", kCb, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

TEST(BoardUnprofTest, ReleasedFromDayAfterAnnualReportOfProfitableYear) {
  ScenarioBuilder b = ChinextUnprofitable();
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 10'000'000,
                          Source::kIpoOriginal);
  Profit(b, 2022, -50'000'000);
  Profit(b, 2023, 12'000'000);
  AnnualReport(b, "2022", "2023-04-20");
  AnnualReport(b, "2023", "2024-04-18");
  const Ledger l = b.Build();
  const Verdict on_report = Check(l, MakeOrder("T", "2024-04-18", kCb, 100'000));
  EXPECT_NE(Find(on_report, "LOCK-UNPROF"), nullptr) << Rules(on_report);
  EXPECT_EQ(on_report.earliest_full_date.value_or(Date()), D("2024-04-19"));
  const Verdict after = Check(l, MakeOrder("T", "2024-04-19", kCb, 100'000));
  EXPECT_EQ(after.outcome, Outcome::kPass) << Rules(after);
}

TEST(BoardUnprofTest, LossYearReportDoesNotRelease) {
  ScenarioBuilder b = ChinextUnprofitable();
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 10'000'000,
                          Source::kIpoOriginal);
  Profit(b, 2023, 0);  // break-even is not a profit
  AnnualReport(b, "2023", "2024-04-18");
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("T", "2024-05-06", kCb, 100'000)), "LOCK-UNPROF"), nullptr);
}

TEST(BoardUnprofTest, ProfitableYearWithoutReportDateIsUnknown) {
  ScenarioBuilder b = ChinextUnprofitable();
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 10'000'000,
                          Source::kIpoOriginal);
  Profit(b, 2023, 12'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2024-05-06", kCb, 100'000));
  EXPECT_TRUE(HasUnknown(v, "LOCK-UNPROF")) << Rules(v);
  EXPECT_EQ(Find(v, "LOCK-UNPROF"), nullptr);
  EXPECT_EQ(v.outcome, Outcome::kUnknown);
  // Before that year ended no report could be out: the lock still binds, no unknown.
  const Verdict early = Check(l, MakeOrder("T", "2023-12-29", kCb, 100'000));
  EXPECT_NE(Find(early, "LOCK-UNPROF"), nullptr) << Rules(early);
  EXPECT_FALSE(HasUnknown(early, "LOCK-UNPROF"));
}

TEST(BoardUnprofTest, DirectorStaysLockedAfterLeaving) {
  ScenarioBuilder b = ChinextUnprofitable();
  Holder& h = b.AddHolder("D", R(Role::kDirector));
  h.departed = D("2022-09-30");
  h.term_end = D("2022-09-30");
  ScenarioBuilder::AddLot(h, "L1", 10'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("D", "2024-06-20", kCb, 100'000));
  EXPECT_NE(Find(v, "LOCK-UNPROF"), nullptr) << Rules(v);
}

TEST(BoardUnprofTest, OrdinaryPreIpoHolderIsNotBound) {
  ScenarioBuilder b = ChinextUnprofitable();
  ScenarioBuilder::AddLot(b.AddHolder("H"), "L1", 10'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("H", "2024-06-20", kCb, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

TEST(BoardUnprofTest, NonOriginalSharesAreNotLocked) {
  ScenarioBuilder b = ChinextUnprofitable();
  Holder& h = b.AddHolder("T", R(Role::kCoreTechnicalStaff));
  ScenarioBuilder::AddLot(h, "L1", 10'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(h, "L2", 50'000, Source::kSecondaryBidding, D("2023-03-01"));
  b.Purchase("T", "2023-03-01", 50'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2024-06-20", kCb, 60'000));
  const Violation* x = Find(v, "LOCK-UNPROF");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 10'000);
  EXPECT_EQ(v.max_compliant_shares, 50'000);
}

TEST(BoardUnprofTest, ProfitableAtListingMissingOnStarIsUnknownForController) {
  ScenarioBuilder b("2023-03-15", kTotal);
  b.Board(Board::kStar);
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder)), "L1", 300'000'000,
                          Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("C", "2026-03-16", kCb, 1'000));
  EXPECT_TRUE(HasUnknown(v, "LOCK-UNPROF")) << Rules(v);
  EXPECT_NE(v.outcome, Outcome::kPass);
}

TEST(BoardUnprofTest, ProfitableAtListingMissingIsUnknownOnlyWhileTheRuleCanReach) {
  ScenarioBuilder b("2021-06-15", kTotal);
  b.Board(Board::kChinext);
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 10'000'000,
                          Source::kIpoOriginal);
  const Ledger l = b.Build();
  // Not a controller: the rule reaches through the lock's last day, 2024-12-31.
  EXPECT_TRUE(HasUnknown(Check(l, MakeOrder("T", "2024-12-31", kCb, 1'000)), "LOCK-UNPROF"));
  const Verdict after = Check(l, MakeOrder("T", "2025-01-02", kCb, 1'000));
  EXPECT_FALSE(HasUnknown(after, "LOCK-UNPROF")) << Rules(after);
  EXPECT_EQ(after.outcome, Outcome::kPass) << Rules(after);
}

TEST(BoardUnprofTest, ProfitableAtListingMissingOnBseBindsControllersOnly) {
  ScenarioBuilder b("2025-06-16", kTotal);
  b.Board(Board::kBse);
  ScenarioBuilder::AddLot(b.AddHolder("D", R(Role::kDirector) | R(Role::kCoreTechnicalStaff)), "L1",
                          1'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kActualController)), "L2", 40'000'000,
                          Source::kIpoOriginal);
  const Ledger l = b.Build();
  EXPECT_FALSE(HasUnknown(Check(l, MakeOrder("D", "2026-06-16", kCb, 1'000)), "LOCK-UNPROF"));
  EXPECT_TRUE(HasUnknown(Check(l, MakeOrder("C", "2026-06-16", kCb, 1'000)), "LOCK-UNPROF"));
}

TEST(BoardUnprofTest, ProfitableAtListingTrueMeansNoRestriction) {
  ScenarioBuilder b("2021-06-15", kTotal);
  b.Board(Board::kChinext);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 10'000'000,
                          Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2024-06-20", kCb, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

TEST(BoardUnprofTest, MainBoardIsNotBound) {
  ScenarioBuilder b("2021-06-15", kTotal);
  Unprofitable(b);
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 10'000'000,
                          Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2024-06-20", kCb, 100'000));
  EXPECT_EQ(Find(v, "LOCK-UNPROF"), nullptr) << Rules(v);
  EXPECT_FALSE(HasUnknown(v, "LOCK-UNPROF"));
}

// STAR controller of an issuer unprofitable at listing (listed 2021-06-15): locked through
// 2024-12-31; in fiscal years 2025 and 2026 at most 2% of total shares (20,000,000) a year.
ScenarioBuilder StarUnprofitableController() {
  ScenarioBuilder b("2021-06-15", kTotal);
  b.Board(Board::kStar);
  Unprofitable(b);
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder)), "L1", 300'000'000,
                          Source::kIpoOriginal);
  return b;
}

TEST(BoardUnprofTest, ControllerLockedOnLastDayOfThirdFiscalYear) {
  ScenarioBuilder b = StarUnprofitableController();
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("C", "2024-12-31", Method::kBlockTrade, 1'000'000));
  const Violation* x = Find(v, "LOCK-UNPROF");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(Find(v, "LOCK-CTRL-36M"), nullptr);  // ended 2024-06-14
}

TEST(BoardUnprofTest, ControllerQuotaExactlyAtTwoPercentPasses) {
  ScenarioBuilder b = StarUnprofitableController();
  b.Sale("C", "2025-02-10", Method::kBlockTrade, 15'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("C", "2025-09-15", Method::kBlockTrade, 5'000'000));
  EXPECT_EQ(Find(v, "LOCK-UNPROF"), nullptr) << Rules(v);
  EXPECT_FALSE(HasUnknown(v, "LOCK-UNPROF"));
}

TEST(BoardUnprofTest, ControllerQuotaOneShareOverFailsCategoryThree) {
  ScenarioBuilder b = StarUnprofitableController();
  b.Sale("C", "2025-02-10", Method::kBlockTrade, 15'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("C", "2025-09-15", Method::kBlockTrade, 5'000'001));
  const Violation* x = Find(v, "LOCK-UNPROF");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_LE(v.max_compliant_shares, 5'000'000);
}

TEST(BoardUnprofTest, ControllerQuotaResetsInFifthFiscalYear) {
  ScenarioBuilder b = StarUnprofitableController();
  b.Sale("C", "2025-12-15", Method::kBlockTrade, 20'000'000);
  const Ledger l = b.Build();
  // 2025: quota used up.
  const Verdict late_2025 = Check(l, MakeOrder("C", "2025-12-31", Method::kBlockTrade, 1'000));
  EXPECT_NE(Find(late_2025, "LOCK-UNPROF"), nullptr) << Rules(late_2025);
  // 2026 (fiscal year 5): a new 2%.
  const Verdict v = Check(l, MakeOrder("C", "2026-01-05", Method::kBlockTrade, 1'000));
  EXPECT_EQ(Find(v, "LOCK-UNPROF"), nullptr) << Rules(v);
}

TEST(BoardUnprofTest, ControllerQuotaEndsWhenProfitableReportIsOut) {
  ScenarioBuilder b = StarUnprofitableController();
  b.Sale("C", "2025-02-10", Method::kBlockTrade, 20'000'000);
  Profit(b, 2024, 8'000'000);
  AnnualReport(b, "2024", "2025-04-25");
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("C", "2025-04-25", Method::kBlockTrade, 1'000)), "LOCK-UNPROF"),
            nullptr);
  EXPECT_EQ(Find(Check(l, MakeOrder("C", "2025-04-28", Method::kBlockTrade, 1'000)), "LOCK-UNPROF"),
            nullptr);
}

TEST(BoardUnprofTest, BseControllerLockedTwoFiscalYearsNoQuotaAndDirectorsNotBound) {
  ScenarioBuilder b("2022-03-15", kTotal);
  b.Board(Board::kBse);
  Unprofitable(b);
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder)), "L1", 300'000'000,
                          Source::kIpoOriginal);
  ScenarioBuilder::AddLot(b.AddHolder("D", R(Role::kDirector)), "L2", 1'000'000,
                          Source::kIpoOriginal);
  b.Sale("C", "2025-01-02", Method::kBlockTrade, 20'000'000);
  const Ledger l = b.Build();
  const Verdict locked = Check(l, MakeOrder("C", "2024-12-31", Method::kBlockTrade, 1'000));
  const Violation* x = Find(locked, "LOCK-UNPROF");
  ASSERT_NE(x, nullptr) << Rules(locked);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  // Fiscal year 2025: no lock, and no 2% quota on BSE even after 2% sold this year.
  const Verdict free = Check(l, MakeOrder("C", "2025-03-17", Method::kBlockTrade, 1'000));
  EXPECT_EQ(Find(free, "LOCK-UNPROF"), nullptr) << Rules(free);
  const Verdict dno = Check(l, MakeOrder("D", "2024-12-31", Method::kBlockTrade, 1'000));
  EXPECT_EQ(Find(dno, "LOCK-UNPROF"), nullptr) << Rules(dno);
  EXPECT_FALSE(HasUnknown(dno, "LOCK-UNPROF"));
}

// ---- LOCK-CTP-STAR (A10) -------------------------------------------------------------------

// STAR, listed 2022-06-15, profitable: core technical staff (not D&O) with 2,000,000 pre-IPO
// shares. Lock through 2023-06-14; quota years from 2023-06-15 (25%, 50%, 75%, 100% cumulative).
ScenarioBuilder StarCoreTech(Shares ipo = 2'000'000) {
  ScenarioBuilder b("2022-06-15", kTotal);
  b.Board(Board::kStar);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", ipo,
                          Source::kIpoOriginal);
  return b;
}

TEST(BoardCtpTest, LockedOnLastDayOfTwelveMonths) {
  ScenarioBuilder b = StarCoreTech();
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2023-06-14", kCb, 1'000));
  const Violation* x = Find(v, "LOCK-CTP-STAR");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_NE(Find(v, "LOCK-IPO-12M"), nullptr);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2023-06-15"));
}

TEST(BoardCtpTest, FirstQuotaYearExactlyTwentyFivePercentPasses) {
  ScenarioBuilder b = StarCoreTech();
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2023-06-15", kCb, 500'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  EXPECT_EQ(v.max_compliant_shares, 500'000);
  EXPECT_EQ(v.binding_rule, "LOCK-CTP-STAR");
}

TEST(BoardCtpTest, FirstQuotaYearOneShareOverFailsCategoryThree) {
  ScenarioBuilder b = StarCoreTech();
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2023-06-15", kCb, 500'001));
  const Violation* x = Find(v, "LOCK-CTP-STAR");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(v.max_compliant_shares, 500'000);
  // The unused quota of year 1 carries forward: year 2 begins 2024-06-15 (a Saturday).
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2024-06-17"));
}

TEST(BoardCtpTest, UnusedQuotaCarriesForwardIntoYearTwo) {
  ScenarioBuilder b = StarCoreTech();
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("T", "2024-07-01", kCb, 1'000'000)).outcome, Outcome::kPass);
  const Verdict over = Check(l, MakeOrder("T", "2024-07-01", kCb, 1'000'001));
  const Violation* x = Find(over, "LOCK-CTP-STAR");
  ASSERT_NE(x, nullptr) << Rules(over);
  EXPECT_EQ(x->shares_in_breach, 1);
}

// Sold 500,000 in year 1: 1,500,000 left, 2,000,000 held at listing (lots + sales since listing).
TEST(BoardCtpTest, CumulativeSalesUseUpTheAllowanceUntilTheNextYear) {
  ScenarioBuilder b = StarCoreTech(1'500'000);
  b.Sale("T", "2023-07-03", kCb, 500'000);
  const Ledger l = b.Build();
  const Verdict last_day = Check(l, MakeOrder("T", "2024-06-14", kCb, 1));
  const Violation* x = Find(last_day, "LOCK-CTP-STAR");
  ASSERT_NE(x, nullptr) << Rules(last_day);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(last_day.max_compliant_shares, 0);
  EXPECT_EQ(Check(l, MakeOrder("T", "2024-06-17", kCb, 500'000)).outcome, Outcome::kPass);
  EXPECT_NE(Find(Check(l, MakeOrder("T", "2024-06-17", kCb, 500'001)), "LOCK-CTP-STAR"), nullptr);
}

TEST(BoardCtpTest, NonOriginalSharesAreOutsideTheQuota) {
  ScenarioBuilder b = StarCoreTech();
  ScenarioBuilder::AddLot(b.scenario().holders[0], "L2", 100'000, Source::kSecondaryBidding,
                          D("2023-01-10"));
  b.Purchase("T", "2023-01-10", 100'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2023-09-15", kCb, 600'001));
  const Violation* x = Find(v, "LOCK-CTP-STAR");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1);
}

TEST(BoardCtpTest, SixMonthsAfterDeparture) {
  ScenarioBuilder b = StarCoreTech();
  b.scenario().holders[0].departed = D("2025-03-10");
  const Ledger l = b.Build();
  // Civil Code counting: locked 2025-03-10 (the day of leaving) through 2025-09-10.
  for (const char* day : {"2025-03-10", "2025-09-10"}) {
    const Verdict v = Check(l, MakeOrder("T", day, kCb, 1'000));
    const Violation* x = Find(v, "LOCK-CTP-STAR");
    ASSERT_NE(x, nullptr) << day << " " << Rules(v);
    EXPECT_EQ(x->category, Category::kRestrictedOriginalShares) << day;
  }
  const Verdict before = Check(l, MakeOrder("T", "2025-03-07", kCb, 1'000));
  EXPECT_EQ(before.outcome, Outcome::kPass) << Rules(before);
  const Verdict v = Check(l, MakeOrder("T", "2025-09-11", kCb, 1'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

TEST(BoardCtpTest, MainBoardCoreTechStaffHasNoCtpRule) {
  ScenarioBuilder b("2022-06-15", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("T", R(Role::kCoreTechnicalStaff)), "L1", 2'000'000,
                          Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("T", "2023-06-15", kCb, 2'000'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

}  // namespace
}  // namespace reducheck::testing
