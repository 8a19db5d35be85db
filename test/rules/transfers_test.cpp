// Boundary tests of transfers other than bidding and block trades (spec §3 CAP-AT-5PCT, CAP-IT;
// §8 EQ5-AGREEMENT; EX-11).
#include <string>
#include <variant>
#include <vector>

#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;  // 5% = 50,000,000; 1% = 10,000,000

Money Yuan(const char* s) { return *Money::Parse(s); }

Order Priced(Order o, const char* price) {
  o.price = Yuan(price);
  return o;
}

// A close of `price` on every trading day in [from, to].
void FillCloses(ScenarioBuilder& b, const char* from, const char* to, const char* price) {
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  for (Date d = D(from); d <= D(to); d += boost::gregorian::days(1)) {
    if (cal.IsTradingDay(d)) b.scenario().company.closes.push_back({d, Yuan(price)});
  }
}

const Obligation* FindObligation(const Verdict& v, std::string_view kind) {
  for (const Obligation& o : v.obligations) {
    if (o.kind == kind) return &o;
  }
  return nullptr;
}

const UnknownFinding* FindUnknown(const Verdict& v, std::string_view rule) {
  for (const UnknownFinding& u : v.unknown) {
    if (u.rule->id == rule) return &u;
  }
  return nullptr;
}

// EX-11: a 12% non-controlling major shareholder (pre-IPO shares) on the main board; the close
// of Friday 2026-03-13, the trading day before the signing date 2026-03-16, is 20.00.
ScenarioBuilder Ex11(Shares holding = 120'000'000, reducheck::Board board = Board::kMain) {
  ScenarioBuilder b("2015-06-01", kTotal);
  b.Board(board);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", holding,
                          Source::kIpoOriginal, D("2014-01-01"));
  b.scenario().company.closes.push_back({D("2026-03-12"), Yuan("21.00")});
  b.scenario().company.closes.push_back({D("2026-03-13"), Yuan("20.00")});
  return b;
}

Order At(Shares n, const char* price, const char* date = "2026-03-16") {
  return Priced(MakeOrder("M", date, Method::kAgreementTransfer, n), price);
}

// --- CAP-AT-5PCT: size

TEST(CapAt5PctTest, Ex11ThreePercentFails) {
  const Ledger l = Ex11().Build();
  const Verdict v = Check(l, At(30'000'000, "18.00"));
  const Violation* x = Find(v, "CAP-AT-5PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 30'000'000);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_EQ(v.binding_rule, "CAP-AT-5PCT");
  EXPECT_FALSE(v.earliest_full_date);  // a size breach never cures with time
}

TEST(CapAt5PctTest, ExactlyFivePercentPasses) {
  const Ledger l = Ex11().Build();
  const Verdict v = Check(l, At(50'000'000, "18.00"));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  EXPECT_EQ(v.max_compliant_shares, 120'000'000);
}

TEST(CapAt5PctTest, OneShareBelowFivePercentFails) {
  const Ledger l = Ex11().Build();
  const Verdict v = Check(l, At(49'999'999, "18.00"));
  const Violation* x = Find(v, "CAP-AT-5PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 49'999'999);
  EXPECT_EQ(v.max_compliant_shares, 0);
}

TEST(CapAt5PctTest, FivePercentOfATotalNotDivisibleBy20RoundsUp) {
  // 5% of 1,000,000,010 = 50,000,000.5: 50,000,000 is below it, 50,000,001 is not.
  ScenarioBuilder b("2015-06-01", 1'000'000'010);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 120'000'000,
                          Source::kIpoOriginal, D("2014-01-01"));
  b.scenario().company.closes.push_back({D("2026-03-13"), Yuan("20.00")});
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, At(50'000'000, "18.00")), "CAP-AT-5PCT"), nullptr);
  EXPECT_EQ(Find(Check(l, At(50'000'001, "18.00")), "CAP-AT-5PCT"), nullptr);
}

// --- CAP-AT-5PCT: price

TEST(CapAt5PctTest, Ex11PriceBelowTheNinetyPercentFloorFails) {
  const Ledger l = Ex11().Build();
  const Verdict v = Check(l, At(50'000'000, "17.50"));
  const Violation* x = Find(v, "CAP-AT-5PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 50'000'000);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_NE(x->message.en.find("18.00"), std::string::npos) << x->message.en;
  EXPECT_NE(x->message.en.find("2026-03-13"), std::string::npos) << x->message.en;
}

TEST(CapAt5PctTest, PriceExactlyAtTheFloorPassesOneFenBelowFails) {
  const Ledger l = Ex11().Build();
  EXPECT_EQ(Check(l, At(50'000'000, "18.00")).outcome, Outcome::kPass);
  EXPECT_NE(Find(Check(l, At(50'000'000, "17.99")), "CAP-AT-5PCT"), nullptr);
}

// The exchanges round price limits half up to the fen: 90% of 20.01 = 18.009 -> 18.01, and
// 90% of 19.99 = 17.991 -> 17.99.
TEST(CapAt5PctTest, FloorIsRoundedHalfUpToTheFen) {
  ScenarioBuilder b = Ex11();
  b.scenario().company.closes.back().price = Yuan("20.01");
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, At(50'000'000, "18.00")), "CAP-AT-5PCT"), nullptr);
  EXPECT_EQ(Check(l, At(50'000'000, "18.01")).outcome, Outcome::kPass);
  ScenarioBuilder c = Ex11();
  c.scenario().company.closes.back().price = Yuan("19.99");
  const Ledger l2 = c.Build();
  EXPECT_EQ(Check(l2, At(50'000'000, "17.99")).outcome, Outcome::kPass);
  EXPECT_NE(Find(Check(l2, At(50'000'000, "17.98")), "CAP-AT-5PCT"), nullptr);
}

TEST(CapAt5PctTest, StarBoardFloorIsEightyPercent) {
  const Ledger l = Ex11(120'000'000, Board::kStar).Build();
  EXPECT_EQ(Check(l, At(50'000'000, "16.00")).outcome, Outcome::kPass);
  EXPECT_NE(Find(Check(l, At(50'000'000, "15.99")), "CAP-AT-5PCT"), nullptr);
}

TEST(CapAt5PctTest, ChinextBoardFloorIsEightyPercent) {
  const Ledger l = Ex11(120'000'000, Board::kChinext).Build();
  EXPECT_EQ(Check(l, At(50'000'000, "16.00")).outcome, Outcome::kPass);
  EXPECT_NE(Find(Check(l, At(50'000'000, "15.99")), "CAP-AT-5PCT"), nullptr);
}

TEST(CapAt5PctTest, BseBelowTheMainBoardFloorIsUnknownNotFail) {
  const Ledger l = Ex11(120'000'000, Board::kBse).Build();
  EXPECT_EQ(Check(l, At(50'000'000, "18.00")).outcome, Outcome::kPass);
  const Verdict v = Check(l, At(50'000'000, "17.99"));
  EXPECT_EQ(Find(v, "CAP-AT-5PCT"), nullptr);
  EXPECT_TRUE(HasUnknown(v, "CAP-AT-5PCT")) << Rules(v);
}

TEST(CapAt5PctTest, SigningOnAWeekendUsesTheLastTradingDaysClose) {
  const Ledger l = Ex11().Build();  // Sunday 2026-03-15 -> close of Friday 2026-03-13
  EXPECT_EQ(Check(l, At(50'000'000, "18.00", "2026-03-15")).outcome, Outcome::kPass);
  // Friday 2026-03-13 -> Thursday's close 21.00 -> floor 18.90.
  EXPECT_NE(Find(Check(l, At(50'000'000, "18.00", "2026-03-13")), "CAP-AT-5PCT"), nullptr);
  EXPECT_EQ(Check(l, At(50'000'000, "18.90", "2026-03-13")).outcome, Outcome::kPass);
}

TEST(CapAt5PctTest, MissingPriorCloseIsUnknownNamingTheDate) {
  const Ledger l = Ex11().Build();  // no close for 2026-03-16
  const Verdict v = Check(l, At(50'000'000, "18.00", "2026-03-17"));
  EXPECT_EQ(v.outcome, Outcome::kUnknown) << Rules(v);
  const UnknownFinding* u = FindUnknown(v, "CAP-AT-5PCT");
  ASSERT_NE(u, nullptr);
  EXPECT_NE(u->missing.en.find("2026-03-16"), std::string::npos) << u->missing.en;
}

TEST(CapAt5PctTest, MissingOrderPriceIsUnknown) {
  const Ledger l = Ex11().Build();
  const Verdict v = Check(l, MakeOrder("M", "2026-03-16", Method::kAgreementTransfer, 50'000'000));
  EXPECT_TRUE(HasUnknown(v, "CAP-AT-5PCT")) << Rules(v);
  EXPECT_EQ(Find(v, "CAP-AT-5PCT"), nullptr);
}

TEST(CapAt5PctTest, SizeBreachStillFailsWithoutAPrice) {
  const Ledger l = Ex11().Build();
  const Verdict v = Check(l, MakeOrder("M", "2026-03-16", Method::kAgreementTransfer, 30'000'000));
  EXPECT_EQ(v.outcome, Outcome::kFail);
  EXPECT_NE(Find(v, "CAP-AT-5PCT"), nullptr);
}

TEST(CapAt5PctTest, DoesNotBindANonMajorHolderWithoutPreIpoShares) {
  ScenarioBuilder b("2015-06-01", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("S"), "L1", 30'000'000, Source::kSecondaryBidding,
                          D("2020-01-01"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("S", "2026-03-16", Method::kAgreementTransfer, 10'000'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  EXPECT_EQ(FindObligation(v, "transferee_locked"), nullptr);
  EXPECT_EQ(FindObligation(v, "equity_change_report"), nullptr);  // 3% -> 2%: below the grid
}

TEST(CapAt5PctTest, BindsANonMajorHolderOfPreIpoShares) {
  ScenarioBuilder b("2015-06-01", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("S"), "L1", 30'000'000, Source::kIpoOriginal,
                          D("2014-01-01"));
  b.scenario().company.closes.push_back({D("2026-03-13"), Yuan("20.00")});
  const Ledger l = b.Build();
  const Verdict v = Check(
      l, Priced(MakeOrder("S", "2026-03-16", Method::kAgreementTransfer, 10'000'000), "20.00"));
  EXPECT_NE(Find(v, "CAP-AT-5PCT"), nullptr) << Rules(v);
  EXPECT_EQ(v.max_compliant_shares, 0);  // a 3% holder cannot transfer 5% at all
}

TEST(CapAt5PctTest, NoPreAnnouncementNoCapsAndTransfereeLocked) {
  // A major shareholder with no plan: an agreement transfer needs neither PRE-15TD nor the
  // 1%/2% caps; the transferee is locked 6 months.
  const Ledger l = Ex11().Build();
  const Verdict v = Check(l, At(50'000'000, "18.00"));
  EXPECT_EQ(Find(v, "PRE-15TD"), nullptr);
  EXPECT_EQ(Find(v, "CAP-CB-1PCT"), nullptr);
  EXPECT_EQ(Find(v, "CAP-BT-2PCT"), nullptr);
  const Obligation* o = FindObligation(v, "transferee_locked");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->rule->id, "LOCK-RECV-6M");
}

// --- EQ5-AGREEMENT

TEST(Eq5AgreementTest, Ex11TouchingTenPercentPassesWithReportAndFreeze) {
  const Ledger l = Ex11().Build();
  const Verdict v = Check(l, At(50'000'000, "18.00"));  // 12% -> 7%
  ASSERT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  const Obligation* report = FindObligation(v, "equity_change_report");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->rule->id, "EQ5-AGREEMENT");
  EXPECT_EQ(report->threshold_bp, 1000);
  EXPECT_EQ(report->due.value_or(Date()), D("2026-03-19"));  // 3 trading days (A6)
  const Obligation* freeze = FindObligation(v, "trading_freeze");
  ASSERT_NE(freeze, nullptr);
  EXPECT_EQ(freeze->rule->id, "EQ5-AGREEMENT");
  // EQ5-1PCT: 11%, 9%, 8%, 7% (10% is the 5% multiple).
  std::vector<std::int32_t> ones;
  for (const Obligation& o : v.obligations) {
    if (o.kind == "report_1pct_change") ones.push_back(o.threshold_bp);
  }
  EXPECT_EQ(ones, (std::vector<std::int32_t>{1100, 900, 800, 700}));
}

TEST(Eq5AgreementTest, LandingOnAMultipleOwesTheReportStartingOnOneDoesNotCountIt) {
  // 15% -> 10%: 15% was touched before; the transfer lands on 10%.
  const Verdict v = Check(Ex11(150'000'000).Build(), At(50'000'000, "18.00"));
  const Obligation* report = FindObligation(v, "equity_change_report");
  ASSERT_NE(report, nullptr) << Rules(v);
  EXPECT_EQ(report->threshold_bp, 1000);
  // 10% -> 5%: lands on 5%.
  const Verdict w = Check(Ex11(100'000'000).Build(), At(50'000'000, "18.00"));
  ASSERT_NE(FindObligation(w, "equity_change_report"), nullptr) << Rules(w);
  EXPECT_EQ(FindObligation(w, "equity_change_report")->threshold_bp, 500);
  // 15% + 1 share -> 10% + 1 share: touches 15% only.
  const Verdict x = Check(Ex11(150'000'001).Build(), At(50'000'000, "18.00"));
  ASSERT_NE(FindObligation(x, "equity_change_report"), nullptr) << Rules(x);
  EXPECT_EQ(FindObligation(x, "equity_change_report")->threshold_bp, 1500);
}

TEST(Eq5AgreementTest, CrossingSeveralMultiplesGivesOneReportNamingTheLast) {
  const Ledger l = Ex11(160'000'000).Build();
  const Verdict v = Check(l, At(120'000'000, "18.00"));  // 16% -> 4%: 15%, 10%, 5%
  ASSERT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  int reports = 0;
  for (const Obligation& o : v.obligations) {
    if (o.kind == "equity_change_report") {
      ++reports;
      EXPECT_EQ(o.threshold_bp, 500);
    }
  }
  EXPECT_EQ(reports, 1);
}

TEST(Eq5AgreementTest, AgreementTransferDuringAnActiveFreezeFails) {
  // 12% -> 10% by bidding on 2026-03-02 (touches 10%); report 2026-03-04; frozen through the
  // 3rd trading day after it, 2026-03-09.
  ScenarioBuilder b = Ex11(100'000'000);
  b.Sale("M", "2026-03-02", Method::kCentralizedBidding, 20'000'000);
  b.Report("M", "2026-03-04");
  b.scenario().company.closes.clear();
  FillCloses(b, "2026-03-02", "2026-03-13", "20.00");
  const Ledger l = b.Build();
  const Verdict v = Check(l, At(50'000'000, "18.00", "2026-03-09"));
  const Violation* x = Find(v, "EQ5-AGREEMENT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kStopTrading);
  EXPECT_EQ(x->shares_in_breach, 50'000'000);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_EQ(v.binding_rule, "EQ5-AGREEMENT");
  bool started_by_mult = false;
  for (const Fact& f : x->facts) {
    if (f.key == "freeze_started_by")
      started_by_mult = std::get<std::string>(f.value) == "EQ5-MULT";
  }
  EXPECT_TRUE(started_by_mult);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-10"));
  EXPECT_EQ(Check(l, At(50'000'000, "18.00", "2026-03-10")).outcome, Outcome::kPass);
}

TEST(Eq5AgreementTest, FreezeFromAnEarlierAgreementTransferWithoutReportBlocks) {
  ScenarioBuilder b = Ex11(70'000'000);
  b.Sale("M", "2026-03-02", Method::kAgreementTransfer, 50'000'000);  // 12% -> 7%
  const Ledger l = b.Build();
  const Verdict v = Check(l, At(50'000'000, "18.00", "2026-03-16"));  // 7% -> 2%
  const Violation* x = Find(v, "EQ5-AGREEMENT");
  ASSERT_NE(x, nullptr) << Rules(v);
  bool started_by_agreement = false;
  for (const Fact& f : x->facts) {
    if (f.key == "freeze_started_by") {
      started_by_agreement = std::get<std::string>(f.value) == "EQ5-AGREEMENT";
    }
  }
  EXPECT_TRUE(started_by_agreement);
  // The same freeze stops bidding sales (threshold.cpp, unchanged).
  EXPECT_NE(
      Find(Check(l, MakeOrder("M", "2026-03-16", Method::kCentralizedBidding, 1000)), "EQ5-MULT"),
      nullptr);
}

// --- CAP-IT

constexpr Shares kItTotal = 400'000'000;  // 1% = 4,000,000

// A STAR pre-IPO holder (3%, not major); closes of 25.00 on the 20 trading days before the
// invitation date 2026-03-16 (2026-02-06 .. 2026-03-13, around the Spring Festival closure).
ScenarioBuilder ItScenario(reducheck::Board board = Board::kStar, const char* close = "25.00") {
  ScenarioBuilder b("2020-07-22", kItTotal);
  b.Board(board);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(b.AddHolder("P", R(Role::kPreIpoShareholder)), "L1", 12'000'000,
                          Source::kIpoOriginal, D("2019-01-01"));
  FillCloses(b, "2026-02-06", "2026-03-13", close);
  return b;
}

Order It(Shares n, const char* price, const char* holder = "P") {
  return Priced(MakeOrder(holder, "2026-03-16", Method::kInquiryTransfer, n), price);
}

TEST(CapItTest, ExactlyOnePercentPassesOneShareLessFails) {
  const Ledger l = ItScenario().Build();
  const Verdict ok = Check(l, It(4'000'000, "17.50"));
  EXPECT_EQ(ok.outcome, Outcome::kPass) << Rules(ok);
  const Verdict v = Check(l, It(3'999'999, "17.50"));
  const Violation* x = Find(v, "CAP-IT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 3'999'999);
  EXPECT_EQ(v.max_compliant_shares, 0);
}

TEST(CapItTest, PriceAtSeventyPercentOfTheTwentyDayMeanPassesOneFenBelowFails) {
  const Ledger l = ItScenario().Build();  // mean 25.00 -> floor 17.50
  EXPECT_EQ(Check(l, It(4'000'000, "17.50")).outcome, Outcome::kPass);
  const Verdict v = Check(l, It(4'000'000, "17.49"));
  const Violation* x = Find(v, "CAP-IT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_NE(x->message.en.find("2026-02-06 to 2026-03-13"), std::string::npos) << x->message.en;
}

TEST(CapItTest, FloorOfANonRoundMeanIsRoundedUpToTheFen) {
  ScenarioBuilder b = ItScenario();
  b.scenario().company.closes.back().price = Yuan("25.10");  // mean 25.005 -> 70% = 17.5035
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, It(4'000'000, "17.50")), "CAP-IT"), nullptr);
  EXPECT_EQ(Check(l, It(4'000'000, "17.51")).outcome, Outcome::kPass);
}

TEST(CapItTest, OnlyTheTwentyTradingDaysBeforeTheInvitationCount) {
  ScenarioBuilder b = ItScenario();
  // A close on the invitation day itself and one before the window do not move the mean.
  auto& closes = b.scenario().company.closes;
  closes.insert(closes.begin(), {D("2026-02-05"), Yuan("1.00")});
  closes.push_back({D("2026-03-16"), Yuan("1.00")});
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, It(4'000'000, "17.50")).outcome, Outcome::kPass);
  EXPECT_NE(Find(Check(l, It(4'000'000, "17.49")), "CAP-IT"), nullptr);
}

TEST(CapItTest, MissingClosesAreUnknownListingTheDates) {
  ScenarioBuilder b = ItScenario();
  auto& closes = b.scenario().company.closes;
  closes.erase(closes.begin());      // 2026-02-06
  closes.erase(closes.begin() + 3);  // 2026-02-12 (02-09, 02-10, 02-11 remain before it)
  const Ledger l = b.Build();
  const Verdict v = Check(l, It(4'000'000, "17.50"));
  EXPECT_EQ(v.outcome, Outcome::kUnknown) << Rules(v);
  const UnknownFinding* u = FindUnknown(v, "CAP-IT");
  ASSERT_NE(u, nullptr);
  EXPECT_NE(u->missing.en.find("2026-02-12, 2026-02-06"), std::string::npos) << u->missing.en;
}

TEST(CapItTest, MainBoardIsUnknown) {
  const Ledger l = ItScenario(Board::kMain).Build();
  const Verdict v = Check(l, It(4'000'000, "17.50"));
  EXPECT_EQ(v.outcome, Outcome::kUnknown) << Rules(v);
  EXPECT_TRUE(HasUnknown(v, "CAP-IT"));
}

TEST(CapItTest, ChinextIsAvailable) {
  const Ledger l = ItScenario(Board::kChinext).Build();
  EXPECT_EQ(Check(l, It(4'000'000, "17.50")).outcome, Outcome::kPass);
}

TEST(CapItTest, NoPriceIsUnknownAndTransfereeIsLocked) {
  const Ledger l = ItScenario().Build();
  const Verdict v = Check(l, MakeOrder("P", "2026-03-16", Method::kInquiryTransfer, 4'000'000));
  EXPECT_TRUE(HasUnknown(v, "CAP-IT")) << Rules(v);
  const Verdict o_verdict = Check(l, It(4'000'000, "17.50"));
  const Obligation* o = FindObligation(o_verdict, "transferee_locked");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->rule->id, "LOCK-RECV-6M");
}

TEST(CapItTest, StarControllerWaitsForTheAnnualReport) {
  ScenarioBuilder b("2020-07-22", kItTotal);
  b.Board(Board::kStar);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder)), "L1", 120'000'000,
                          Source::kIpoOriginal, D("2019-01-01"));
  FillCloses(b, "2026-02-06", "2026-03-31", "25.00");
  ScenarioBuilder missing = b;
  b.scenario().company.reports.push_back(
      {ReportKind::kAnnual, "2025", D("2026-03-16"), std::nullopt});
  const Ledger due = b.Build();
  const Verdict v = Check(due, It(4'000'000, "17.50", "C"));
  const Violation* x = Find(v, "CAP-IT");
  ASSERT_NE(x, nullptr) << Rules(v);  // published on the invitation day: not yet disclosed
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-17"));

  b.scenario().company.reports.back().date = D("2026-03-13");
  const Ledger published = b.Build();
  const Verdict ok = Check(published, It(4'000'000, "17.50", "C"));
  EXPECT_EQ(Find(ok, "CAP-IT"), nullptr) << Rules(ok);
  EXPECT_FALSE(HasUnknown(ok, "CAP-IT")) << Rules(ok);

  const Ledger none = missing.Build();
  EXPECT_TRUE(HasUnknown(Check(none, It(4'000'000, "17.50", "C")), "CAP-IT"));
}

TEST(CapItTest, InquiryTransferTouchingFivePercentOwesTheReport) {
  ScenarioBuilder b("2020-07-22", kItTotal);
  b.Board(Board::kStar);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 24'000'000,
                          Source::kIpoOriginal, D("2019-01-01"));  // 6%
  FillCloses(b, "2026-02-06", "2026-03-13", "25.00");
  const Ledger l = b.Build();
  const Verdict v = Check(l, It(8'000'000, "17.50", "M"));  // 6% -> 4%: touches 5%
  ASSERT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  const Obligation* report = FindObligation(v, "equity_change_report");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->rule->id, "EQ5-AGREEMENT");
  EXPECT_EQ(report->threshold_bp, 500);
  EXPECT_EQ(Find(v, "PRE-15TD"), nullptr);
  EXPECT_EQ(Find(v, "CAP-CB-1PCT"), nullptr);
}

TEST(CapItTest, InquiryTransferDuringAFreezeFails) {
  ScenarioBuilder b("2020-07-22", kItTotal);
  b.Board(Board::kStar);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 20'000'000,
                          Source::kIpoOriginal, D("2019-01-01"));   // 5% after the sale below
  b.Sale("M", "2026-03-12", Method::kCentralizedBidding, 400'000);  // 5.10% -> 5.00%: touch
  FillCloses(b, "2026-02-06", "2026-03-13", "25.00");
  const Ledger l = b.Build();  // no equity change report on file: still frozen
  const Verdict v = Check(l, It(4'000'000, "17.50", "M"));
  const Violation* x = Find(v, "EQ5-AGREEMENT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 4'000'000);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_EQ(Find(v, "CAP-IT"), nullptr);
}

}  // namespace
}  // namespace reducheck::testing
