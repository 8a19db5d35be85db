// Boundary tests of the directors' rules (spec §7; A14, A24, A25): DIR-WIN-PERIODIC,
// DIR-WIN-EVENT, DIR-25PCT, DIR-LIST-1Y, DIR-LEAVE-6M, DIR-SHORTSWING.
#include <string>

#include "fixture.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 400'000'000;  // 5% = 20,000,000
constexpr Method kCb = Method::kCentralizedBidding;

const FactValue* FactOf(const Violation* x, std::string_view key) {
  if (x == nullptr) return nullptr;
  for (const Fact& f : x->facts) {
    if (f.key == key) return &f.value;
  }
  return nullptr;
}
template <typename T>
T FactAs(const Violation* x, std::string_view key) {
  const FactValue* v = FactOf(x, key);
  if (v == nullptr || !std::holds_alternative<T>(*v)) {
    ADD_FAILURE() << "fact " << key << " missing or of another type";
    return T{};
  }
  return std::get<T>(*v);
}

PeriodicReport Report(ReportKind k, const char* period, const char* date,
                      const char* originally = nullptr) {
  PeriodicReport r;
  r.kind = k;
  r.period = period;
  r.date = D(date);
  if (originally != nullptr) r.originally = D(originally);
  return r;
}

// A main-board company listed long ago with every statutory report of 2025-2026 on file, so
// the periodic windows are decidable; windows: annual 2026-03-18..04-01, Q1 04-23..04-27,
// H1 08-13..08-27, Q3 10-24..10-28.
ScenarioBuilder Base(const char* listing = "2015-06-01") {
  ScenarioBuilder b(listing, kTotal);
  auto& r = b.scenario().company.reports;
  r.push_back(Report(ReportKind::kAnnual, "2024", "2025-04-25"));
  r.push_back(Report(ReportKind::kQuarterly, "2025Q1", "2025-04-25"));
  r.push_back(Report(ReportKind::kSemiannual, "2025H1", "2025-08-26"));
  r.push_back(Report(ReportKind::kQuarterly, "2025Q3", "2025-10-28"));
  r.push_back(Report(ReportKind::kAnnual, "2025", "2026-04-02"));
  r.push_back(Report(ReportKind::kQuarterly, "2026Q1", "2026-04-28"));
  r.push_back(Report(ReportKind::kSemiannual, "2026H1", "2026-08-28"));
  r.push_back(Report(ReportKind::kQuarterly, "2026Q3", "2026-10-29"));
  return b;
}

// A director holding `shares` equity-incentive shares (unlocked, not bought on the market).
Holder& Director(ScenarioBuilder& b, Shares shares, const char* id = "D") {
  Holder& h = b.AddHolder(id, R(Role::kDirector));
  h.term_end = D("2027-06-30");
  ScenarioBuilder::AddLot(h, "L1", shares, Source::kEquityIncentive, D("2019-01-02"));
  return h;
}

// A reduction plan published 45 calendar days before `date` (covers it: >= 15 trading days
// between, 3-month interval).
void PlanFor(ScenarioBuilder& b, const char* holder, const char* date, Shares max = 10'000'000) {
  const std::string pub = ToIso(DaysBefore(D(date), 45));
  b.Plan(holder, pub.c_str(), max);
}

void PricedPurchase(ScenarioBuilder& b, const char* holder, const char* date, Shares shares,
                    std::optional<std::int64_t> yuan, Method m = kCb) {
  std::optional<Money> price;
  if (yuan) price = Money::FromYuan(*yuan);
  b.scenario().history.purchases.push_back({holder, D(date), m, shares, price});
}

Order PricedOrder(const char* holder, const char* date, Shares shares, std::int64_t yuan) {
  Order o = MakeOrder(holder, date, kCb, shares);
  o.price = Money::FromYuan(yuan);
  return o;
}

// ---------------------------------------------------------------------------------------------
// DIR-WIN-PERIODIC

// EX-09: annual report 2026-04-02 -> window 2026-03-18..2026-04-01 (15 calendar days before).
TEST(DirWinPeriodicTest, AnnualReportFifteenthDayBeforeIsInsideSixteenthIsNot) {
  ScenarioBuilder b = Base();
  Director(b, 200'000);
  PlanFor(b, "D", "2026-03-17");
  const Ledger l = b.Build();
  const Verdict in = Check(l, MakeOrder("D", "2026-03-18", kCb, 10'000));
  const Violation* x = Find(in, "DIR-WIN-PERIODIC");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(in.outcome, Outcome::kFail);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(x->shares_in_breach, 10'000);
  EXPECT_EQ(in.max_compliant_shares, 0);
  EXPECT_EQ(in.binding_rule, "DIR-WIN-PERIODIC");
  const DateRange w = FactAs<DateRange>(x, "window");
  EXPECT_EQ(w.first, D("2026-03-18"));
  EXPECT_EQ(w.last, D("2026-04-01"));
  EXPECT_EQ(FactAs<std::int64_t>(x, "window_days"), 15);
  EXPECT_EQ(in.earliest_full_date.value_or(Date()), D("2026-04-02"));

  const Verdict before = Check(l, MakeOrder("D", "2026-03-17", kCb, 10'000));
  EXPECT_EQ(before.outcome, Outcome::kPass) << Rules(before);
  // The day before publication is inside; publication day itself is not.
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2026-04-01", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  const Verdict on = Check(l, MakeOrder("D", "2026-04-02", kCb, 10'000));
  EXPECT_EQ(on.outcome, Outcome::kPass) << Rules(on);
}

TEST(DirWinPeriodicTest, QuarterlyReportFifthDayBeforeIsInsideSixthIsNot) {
  ScenarioBuilder b = Base();
  Director(b, 200'000);
  PlanFor(b, "D", "2026-04-22");
  const Ledger l = b.Build();
  // Q1 report 2026-04-28: window 2026-04-23..2026-04-27.
  const Verdict fifth = Check(l, MakeOrder("D", "2026-04-23", kCb, 10'000));
  const Violation* x = Find(fifth, "DIR-WIN-PERIODIC");
  ASSERT_NE(x, nullptr) << Rules(fifth);
  EXPECT_EQ(FactAs<std::int64_t>(x, "window_days"), 5);
  EXPECT_EQ(FactAs<std::string>(x, "report_kind"), "quarterly");
  const Verdict sixth = Check(l, MakeOrder("D", "2026-04-22", kCb, 10'000));
  EXPECT_EQ(sixth.outcome, Outcome::kPass) << Rules(sixth);
}

TEST(DirWinPeriodicTest, PostponedReportWindowRunsFromTheOriginalDate) {
  ScenarioBuilder b = Base();
  // The 2025 annual report was scheduled for 2026-04-10 and postponed to 2026-04-20:
  // window 2026-03-26 (15 days before 04-10) .. 2026-04-19.
  b.scenario().company.reports[4] = Report(ReportKind::kAnnual, "2025", "2026-04-20", "2026-04-10");
  Director(b, 200'000);
  PlanFor(b, "D", "2026-03-25");
  const Ledger l = b.Build();
  const Verdict first = Check(l, MakeOrder("D", "2026-03-26", kCb, 10'000));
  const Violation* x = Find(first, "DIR-WIN-PERIODIC");
  ASSERT_NE(x, nullptr) << Rules(first);
  EXPECT_EQ(FactAs<Date>(x, "originally_scheduled"), D("2026-04-10"));
  EXPECT_EQ(FactAs<DateRange>(x, "window").last, D("2026-04-19"));
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2026-03-25", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  // Between the original and the actual date: still inside.
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2026-04-16", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  // After publication (04-20) the next window is Q1's (04-23..04-27).
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2026-04-21", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
}

// Issue 15 defect 2: only annual and semi-annual reports count their window from the originally
// scheduled date. The Q3 report scheduled 2026-10-20 and published 2026-10-29 blocks
// 2026-10-24..10-28 (5 days before the actual date), not 2026-10-15..10-28.
TEST(DirWinPeriodicTest, PostponedQuarterlyReportCountsFromTheActualDate) {
  ScenarioBuilder b = Base();
  b.scenario().company.reports[7] =
      Report(ReportKind::kQuarterly, "2026Q3", "2026-10-29", "2026-10-20");
  Director(b, 200'000);
  PlanFor(b, "D", "2026-10-15");
  const Ledger l = b.Build();
  for (const char* free : {"2026-10-15", "2026-10-22", "2026-10-23", "2026-10-29"}) {
    const Verdict v = Check(l, MakeOrder("D", free, kCb, 10'000));
    EXPECT_EQ(v.outcome, Outcome::kPass) << free << ": " << Rules(v);
  }
  const Verdict first = Check(l, MakeOrder("D", "2026-10-26", kCb, 10'000));  // Mon; 10-24 a Sat
  const Violation* x = Find(first, "DIR-WIN-PERIODIC");
  ASSERT_NE(x, nullptr) << Rules(first);
  const DateRange w = FactAs<DateRange>(x, "window");
  EXPECT_EQ(w.first, D("2026-10-24"));
  EXPECT_EQ(w.last, D("2026-10-28"));
  EXPECT_EQ(FactOf(x, "originally_scheduled"), nullptr);
  EXPECT_NE(first.violations[0].message.en.find("before its publication on 2026-10-29"),
            std::string::npos);
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2026-10-28", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
}

// The semi-annual report keeps the extension: scheduled 2026-08-20, published 2026-08-28 ->
// window 2026-08-05 (15 days before 08-20) .. 2026-08-27.
TEST(DirWinPeriodicTest, PostponedSemiannualReportCountsFromTheOriginalDate) {
  ScenarioBuilder b = Base();
  b.scenario().company.reports[6] =
      Report(ReportKind::kSemiannual, "2026H1", "2026-08-28", "2026-08-20");
  Director(b, 200'000);
  PlanFor(b, "D", "2026-08-04");
  const Ledger l = b.Build();
  const Verdict first = Check(l, MakeOrder("D", "2026-08-05", kCb, 10'000));
  const Violation* x = Find(first, "DIR-WIN-PERIODIC");
  ASSERT_NE(x, nullptr) << Rules(first);
  EXPECT_EQ(FactAs<DateRange>(x, "window").first, D("2026-08-05"));
  EXPECT_EQ(FactAs<Date>(x, "originally_scheduled"), D("2026-08-20"));
  const Verdict before = Check(l, MakeOrder("D", "2026-08-04", kCb, 10'000));
  EXPECT_EQ(before.outcome, Outcome::kPass) << Rules(before);
}

// A postponed earnings forecast or flash report counts from its actual date too.
TEST(DirWinPeriodicTest, PostponedForecastCountsFromTheActualDate) {
  ScenarioBuilder b = Base();
  b.scenario().company.reports.push_back(
      Report(ReportKind::kForecast, "2025", "2026-01-23", "2026-01-14"));
  Director(b, 200'000);
  PlanFor(b, "D", "2026-01-09");
  const Ledger l = b.Build();
  // Window 2026-01-18..01-22, not 2026-01-09..01-22.
  EXPECT_EQ(Check(l, MakeOrder("D", "2026-01-09", kCb, 10'000)).outcome, Outcome::kPass);
  EXPECT_EQ(Check(l, MakeOrder("D", "2026-01-16", kCb, 10'000)).outcome, Outcome::kPass);
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2026-01-19", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
}

TEST(DirWinPeriodicTest, EarningsForecastHasAFiveDayWindow) {
  ScenarioBuilder b = Base();
  b.scenario().company.reports.push_back(Report(ReportKind::kForecast, "2025", "2026-01-20"));
  Director(b, 200'000);
  PlanFor(b, "D", "2026-01-14");
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2026-01-15", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2026-01-14", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
}

TEST(DirWinPeriodicTest, MissingAnnualReportMakesSpringSalesUnknownNotSummerOnes) {
  ScenarioBuilder b = Base();
  b.scenario().company.reports.erase(b.scenario().company.reports.begin() + 4);  // 2025 annual
  Director(b, 200'000);
  PlanFor(b, "D", "2026-03-10");
  PlanFor(b, "D", "2026-06-10");
  const Ledger l = b.Build();
  const Verdict spring = Check(l, MakeOrder("D", "2026-03-10", kCb, 10'000));
  EXPECT_EQ(spring.outcome, Outcome::kUnknown) << Rules(spring);
  EXPECT_TRUE(HasUnknown(spring, "DIR-WIN-PERIODIC"));
  ASSERT_FALSE(spring.unknown.empty());
  EXPECT_NE(spring.unknown[0].missing.en.find("annual report for 2025"), std::string::npos);
  const Verdict summer = Check(l, MakeOrder("D", "2026-06-10", kCb, 10'000));
  EXPECT_EQ(summer.outcome, Outcome::kPass) << Rules(summer);
}

TEST(DirWinPeriodicTest, NonDirectorIsNotBound) {
  ScenarioBuilder b = Base();
  ScenarioBuilder::AddLot(b.AddHolder("S"), "L1", 200'000, Source::kEquityIncentive,
                          D("2019-01-02"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("S", "2026-03-20", kCb, 10'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// A14/A25: a supervisor is treated as a director.
TEST(DirWinPeriodicTest, SupervisorIsTreatedAsDirector) {
  ScenarioBuilder b = Base();
  Holder& h = b.AddHolder("S", R(Role::kSupervisor));
  ScenarioBuilder::AddLot(h, "L1", 200'000, Source::kEquityIncentive, D("2019-01-02"));
  PlanFor(b, "S", "2026-03-20");
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("S", "2026-03-20", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
}

// ---------------------------------------------------------------------------------------------
// DIR-WIN-EVENT

TEST(DirWinEventTest, FromTheEventThroughTheDisclosureDay) {
  ScenarioBuilder b = Base();
  b.scenario().company.events.push_back({D("2026-05-07"), D("2026-05-12")});
  Director(b, 200'000);
  PlanFor(b, "D", "2026-05-06");
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("D", "2026-05-07", kCb, 1)).outcome, Outcome::kFail);
  const Verdict first = Check(l, MakeOrder("D", "2026-05-07", kCb, 10'000));
  const Violation* x = Find(first, "DIR-WIN-EVENT");
  ASSERT_NE(x, nullptr) << Rules(first);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(x->shares_in_breach, 10'000);
  EXPECT_EQ(first.max_compliant_shares, 0);
  // The disclosure day is inside (至依法披露之日止); the next day is free.
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2026-05-12", kCb, 10'000)), "DIR-WIN-EVENT"), nullptr);
  const Verdict after = Check(l, MakeOrder("D", "2026-05-13", kCb, 10'000));
  EXPECT_EQ(after.outcome, Outcome::kPass) << Rules(after);
  EXPECT_EQ(first.earliest_full_date.value_or(Date()), D("2026-05-13"));
  EXPECT_EQ(Check(l, MakeOrder("D", "2026-05-06", kCb, 10'000)).outcome, Outcome::kPass);
}

TEST(DirWinEventTest, UndisclosedEventKeepsTheWindowOpen) {
  ScenarioBuilder b = Base();
  b.scenario().company.events.push_back({D("2026-05-06"), std::nullopt});
  Director(b, 200'000);
  PlanFor(b, "D", "2026-06-15");
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("D", "2026-06-15", kCb, 10'000));
  const Violation* x = Find(v, "DIR-WIN-EVENT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(FactAs<std::string>(x, "event_disclosed"), "not_yet_disclosed");
  EXPECT_FALSE(v.earliest_full_date.has_value());
}

// ---------------------------------------------------------------------------------------------
// DIR-25PCT

// EX-09: base 200,000 (end of 2025) -> quota 50,000; sold 30,000 on 2026-01-20; 25,000 more
// breaks the quota by 5,000 (headroom 20,000).
TEST(Dir25pctTest, Ex09QuotaLeftIsTwentyThousand) {
  ScenarioBuilder b = Base();
  Director(b, 170'000);
  b.Sale("D", "2026-01-20", kCb, 30'000);
  PlanFor(b, "D", "2026-03-10", 50'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("D", "2026-03-10", kCb, 25'000));
  const Violation* x = Find(v, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 5'000);
  EXPECT_EQ(v.max_compliant_shares, 20'000);
  EXPECT_EQ(v.binding_rule, "DIR-25PCT");
  EXPECT_EQ(FactAs<std::int64_t>(x, "base_shares"), 200'000);
  EXPECT_EQ(FactAs<Date>(x, "base_date"), D("2025-12-31"));
  EXPECT_EQ(FactAs<std::int64_t>(x, "quota"), 50'000);
  EXPECT_EQ(FactAs<std::int64_t>(x, "sold_this_year"), 30'000);
  EXPECT_FALSE(v.earliest_full_date.has_value());  // no 2026 date frees 5,000 more
  const Verdict ok = Check(l, MakeOrder("D", "2026-03-10", kCb, 20'000));
  EXPECT_EQ(ok.outcome, Outcome::kPass) << Rules(ok);
}

TEST(Dir25pctTest, QuotaRoundsDown) {
  ScenarioBuilder b = Base();
  Director(b, 200'003);  // 25% = 50,000.75 -> 50,000
  PlanFor(b, "D", "2026-03-10");
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("D", "2026-03-10", kCb, 50'000)).outcome, Outcome::kPass);
  const Verdict v = Check(l, MakeOrder("D", "2026-03-10", kCb, 50'001));
  const Violation* x = Find(v, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1);
}

// Small holdings: a base of at most 1,000 shares may be sold in full; 1,001 may not.
TEST(Dir25pctTest, SmallHoldingOfOneThousandSellsInFullOneThousandOneDoesNot) {
  ScenarioBuilder b = Base();
  Director(b, 1'000, "A");
  Director(b, 1'001, "B");
  Director(b, 800, "C");  // EX-09 variant
  PlanFor(b, "A", "2026-06-10");
  PlanFor(b, "B", "2026-06-10");
  PlanFor(b, "C", "2026-06-10");
  const Ledger l = b.Build();
  const Verdict a = Check(l, MakeOrder("A", "2026-06-10", kCb, 1'000));
  EXPECT_EQ(a.outcome, Outcome::kPass) << Rules(a);
  const Verdict c = Check(l, MakeOrder("C", "2026-06-10", kCb, 800));
  EXPECT_EQ(c.outcome, Outcome::kPass) << Rules(c);
  const Verdict v = Check(l, MakeOrder("B", "2026-06-10", kCb, 1'001));
  const Violation* x = Find(v, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 751);  // quota floor(1,001 / 4) = 250
  EXPECT_EQ(v.max_compliant_shares, 250);
}

// New unrestricted shares acquired this year add 25% of themselves (D&O Rules: 年内新增无限售
// 条件股份当年可转让25%), whatever the way: bidding and block-trade purchases alike.
TEST(Dir25pctTest, PurchasesThisYearAddQuotaBiddingAndBlockAlike) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 200'000);
  ScenarioBuilder::AddLot(h, "L2", 40'000, Source::kSecondaryBidding, D("2026-01-05"));
  PricedPurchase(b, "D", "2026-01-05", 40'000, 20);
  Holder& k = Director(b, 200'000, "K");
  ScenarioBuilder::AddLot(k, "L2", 40'000, Source::kBlockTradePurchase, D("2026-01-05"))
      .acquired_from = AcquiredFrom::kOther;
  PricedPurchase(b, "K", "2026-01-05", 40'000, 20, Method::kBlockTrade);
  // Sales from 2026-07-06: after the short-swing period of the 2026-01-05 purchases.
  PlanFor(b, "D", "2026-07-07", 100'000);
  PlanFor(b, "K", "2026-07-07", 100'000);
  const Ledger l = b.Build();
  for (const char* who : {"D", "K"}) {
    const Verdict ok = Check(l, MakeOrder(who, "2026-07-07", kCb, 60'000));
    EXPECT_EQ(ok.outcome, Outcome::kPass) << who << ": " << Rules(ok);
    const Verdict over = Check(l, MakeOrder(who, "2026-07-07", kCb, 60'001));
    const Violation* x = Find(over, "DIR-25PCT");
    ASSERT_NE(x, nullptr) << who << ": " << Rules(over);
    EXPECT_EQ(x->shares_in_breach, 1);
    EXPECT_EQ(FactAs<std::int64_t>(x, "base_shares"), 200'000);
    EXPECT_EQ(FactAs<std::int64_t>(x, "bought_this_year"), 40'000);
    EXPECT_EQ(FactAs<std::int64_t>(x, "added_quota"), 10'000);
  }
}

// Issue 15 defect 1, the minimal case: 100,000 incentive shares at the start of the year and
// 10,000 received by a block-trade purchase in January -> 25,000 + 2,500 = 27,500 may be sold
// in the year (the check failed 2,500 of them).
TEST(Dir25pctTest, BlockTradePurchaseInJanuaryAddsAQuarter) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 100'000);
  ScenarioBuilder::AddLot(h, "BT", 10'000, Source::kBlockTradePurchase, D("2026-01-15"))
      .acquired_from = AcquiredFrom::kOther;
  PlanFor(b, "D", "2026-07-20", 100'000);
  const Ledger l = b.Build();
  const Verdict ok = Check(l, MakeOrder("D", "2026-07-20", kCb, 27'500));
  EXPECT_EQ(ok.outcome, Outcome::kPass) << Rules(ok);
  EXPECT_EQ(ok.max_compliant_shares, 27'500);
  EXPECT_EQ(ok.binding_rule, "DIR-25PCT");
  const Verdict over = Check(l, MakeOrder("D", "2026-07-20", kCb, 27'501));
  const Violation* x = Find(over, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(over);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(FactAs<std::int64_t>(x, "base_shares"), 100'000);
  EXPECT_EQ(FactAs<std::int64_t>(x, "added_quota"), 2'500);
  EXPECT_NE(x->message.en.find("10,000 new unrestricted shares"), std::string::npos)
      << x->message.en;
  // Acquired after the order date: not yet this year's new shares (nor in the base).
  const Verdict before = Check(l, MakeOrder("D", "2026-01-14", kCb, 25'001));
  EXPECT_NE(Find(before, "DIR-25PCT"), nullptr) << Rules(before);
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2026-01-14", kCb, 25'000)), "DIR-25PCT"), nullptr);
}

// Other new shares: exercised options (an incentive lot without a lock) and inheritances add a
// quarter; restricted incentive stock (lockup_until) and placement shares enter next year's base.
TEST(Dir25pctTest, NewUnrestrictedVersusRestrictedShares) {
  struct Case {
    Source source;
    bool locked;
    Shares added;
  };
  const Case cases[] = {
      {Source::kEquityIncentive, false, 2'500},  // exercised options
      {Source::kOther, false, 2'500},            // inherited
      {Source::kAgreementTransferPurchase, false, 2'500},
      {Source::kEquityIncentive, true, 0},  // restricted stock
      {Source::kPrivatePlacement, true, 0},
      {Source::kPrivatePlacement, false, 0},  // locked by law even without lockup_until
  };
  for (const Case& c : cases) {
    ScenarioBuilder b = Base();
    Holder& h = Director(b, 100'000);
    Lot& lot = ScenarioBuilder::AddLot(h, "NEW", 10'000, c.source, D("2026-01-15"));
    lot.acquired_from = AcquiredFrom::kOther;
    if (c.locked) lot.lockup_until = D("2026-03-31");
    PlanFor(b, "D", "2026-07-20", 100'000);
    const Ledger l = b.Build();
    const Verdict v = Check(l, MakeOrder("D", "2026-07-20", kCb, 25'000 + c.added + 1));
    const Violation* x = Find(v, "DIR-25PCT");
    ASSERT_NE(x, nullptr) << Name(c.source) << ": " << Rules(v);
    EXPECT_EQ(x->shares_in_breach, 1) << Name(c.source);
    EXPECT_EQ(FactAs<std::int64_t>(x, "base_shares"), 100'000) << Name(c.source);
    EXPECT_EQ(FactAs<std::int64_t>(x, "added_quota"), c.added) << Name(c.source);
  }
}

// A 10-for-10 bonus issue during the year raises the year's quota proportionally (D&O Rules:
// 因权益分派导致所持股份增加的，可同比例增加当年可转让数量): 100,000 at the start of 2026, 200,000
// after the bonus of 2026-06-10 -> 50,000, not 25,000.
ScenarioBuilder BonusCompany(std::int64_t per_10_units = 100'000) {
  ScenarioBuilder b = Base();
  b.scenario().company.total_shares = kTotal * 2;
  CorporateAction bonus;
  bonus.kind = CorporateActionKind::kBonus;
  bonus.date = D("2026-06-10");
  bonus.per_10_units = per_10_units;
  b.scenario().company.corporate_actions.push_back(bonus);
  return b;
}

TEST(Dir25pctTest, BonusIssueRaisesTheYearsQuotaProportionally) {
  ScenarioBuilder b = BonusCompany();
  Director(b, 200'000);  // lots are after the bonus
  PlanFor(b, "D", "2026-07-20", 200'000);
  const Ledger l = b.Build();
  const Verdict ok = Check(l, MakeOrder("D", "2026-07-20", kCb, 50'000));
  EXPECT_EQ(ok.outcome, Outcome::kPass) << Rules(ok);
  const Verdict over = Check(l, MakeOrder("D", "2026-07-20", kCb, 50'001));
  const Violation* x = Find(over, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(over);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(FactAs<std::int64_t>(x, "base_shares"), 100'000);
  EXPECT_EQ(FactAs<std::int64_t>(x, "base_quota"), 25'000);
  EXPECT_EQ(FactAs<std::string>(x, "restatement_factor"), "2");
  EXPECT_EQ(FactAs<std::int64_t>(x, "restated_base_quota"), 50'000);
  EXPECT_NE(x->message.en.find("multiply it by 2"), std::string::npos) << x->message.en;
  // The ex-date itself is after the bonus; the day before cannot be judged against lots that
  // already include it (an input error, not a verdict).
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2026-06-10", kCb, 50'000)), "DIR-25PCT"), nullptr);
  EXPECT_FALSE(ShippedEvaluator().Check(MakeOrder("D", "2026-06-09", kCb, 1'000), l).ok());
}

// A sale before the bonus used pre-bonus quota: 10,000 sold in March are 20,000 of today's
// shares, so 50,000 - 20,000 = 30,000 are left ((25,000 - 10,000) x 2).
TEST(Dir25pctTest, SalesBeforeTheBonusAreRestated) {
  ScenarioBuilder b = BonusCompany();
  Director(b, 180'000);  // 100,000 - 10,000 sold, doubled
  b.Sale("D", "2026-03-02", kCb, 10'000);
  PlanFor(b, "D", "2026-07-20", 200'000);
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("D", "2026-07-20", kCb, 30'000)).outcome, Outcome::kPass);
  const Verdict over = Check(l, MakeOrder("D", "2026-07-20", kCb, 30'001));
  const Violation* x = Find(over, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(over);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(FactAs<std::int64_t>(x, "base_shares"), 100'000);
  EXPECT_EQ(FactAs<std::int64_t>(x, "sold_this_year"), 20'000);
}

// 10送3转增5 on one date: 8 new shares per 10 held (factor 1.8); a 10-for-3 split (factor 10/3).
TEST(Dir25pctTest, BonusAndConversionOfOneDateAddUp) {
  ScenarioBuilder b = BonusCompany(30'000);
  CorporateAction conv;
  conv.kind = CorporateActionKind::kConversion;
  conv.date = D("2026-06-10");
  conv.per_10_units = 50'000;
  b.scenario().company.corporate_actions.push_back(conv);
  b.scenario().company.total_shares = kTotal / 10 * 18;
  Director(b, 180'000);  // 100,000 x 1.8
  PlanFor(b, "D", "2026-07-20", 200'000);
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("D", "2026-07-20", kCb, 45'000)).outcome, Outcome::kPass);
  const Verdict over = Check(l, MakeOrder("D", "2026-07-20", kCb, 45'001));
  const Violation* x = Find(over, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(over);
  EXPECT_EQ(FactAs<std::string>(x, "restatement_factor"), "1.8");
  EXPECT_EQ(FactAs<std::int64_t>(x, "base_shares"), 100'000);
}

// Early departure (A25): the 25% quota runs until 6 months after the original term end.
// Left 2025-03-31, term ended 2025-12-31 -> bound through 2026-06-30.
TEST(Dir25pctTest, EarlyDepartureKeepsTheQuotaUntilSixMonthsAfterTermEnd) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 200'000);
  h.term_end = D("2025-12-31");
  h.departed = D("2025-03-31");
  PlanFor(b, "D", "2026-06-30", 200'000);
  const Ledger l = b.Build();
  const Verdict tail = Check(l, MakeOrder("D", "2026-06-30", kCb, 60'000));
  const Violation* x = Find(tail, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(tail);
  EXPECT_EQ(x->shares_in_breach, 10'000);
  EXPECT_EQ(Find(tail, "DIR-LEAVE-6M"), nullptr);  // that ended 2025-09-30
  const Verdict free = Check(l, MakeOrder("D", "2026-07-01", kCb, 60'000));
  EXPECT_EQ(free.outcome, Outcome::kPass) << Rules(free);
}

// Issue 15 defect 4: a former D&O with no term_end, after the 6 months following its departure.
// Whether it left early (and is still bound by the 25% quota and the other D&O rules until 6
// months after the original term end) cannot be told: `unknown` naming the term_end, never a
// pass. Left 2025-03-31 -> DIR-LEAVE-6M through 2025-09-30.
TEST(Dir25pctTest, DepartedWithoutTermEndIsUnknownNotPass) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 200'000);
  h.term_end.reset();
  h.departed = D("2025-03-31");
  PlanFor(b, "D", "2026-06-30", 200'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("D", "2026-06-30", kCb, 60'000));
  EXPECT_EQ(v.outcome, Outcome::kUnknown) << Rules(v);
  EXPECT_TRUE(HasUnknown(v, "DIR-25PCT")) << Rules(v);
  EXPECT_TRUE(v.violations.empty()) << Rules(v);
  ASSERT_FALSE(v.unknown.empty());
  EXPECT_NE(v.unknown[0].missing.en.find("no term_end"), std::string::npos)
      << v.unknown[0].missing.en;
  EXPECT_NE(v.unknown[0].missing.en.find("10,000 shares in breach"), std::string::npos)
      << v.unknown[0].missing.en;
  EXPECT_NE(v.unknown[0].missing.zh.find("term_end"), std::string::npos);
  // The headroom of the rule that may bind still counts (conservative).
  EXPECT_EQ(v.max_compliant_shares, 50'000);
  EXPECT_EQ(v.binding_rule, "DIR-25PCT");
  // Exactly the quota: passes whether or not it is still bound; one share more is unknown.
  const Verdict ok = Check(l, MakeOrder("D", "2026-06-30", kCb, 50'000));
  EXPECT_EQ(ok.outcome, Outcome::kPass) << Rules(ok);
  EXPECT_EQ(ok.max_compliant_shares, 50'000);  // what passes either way
  EXPECT_EQ(Check(l, MakeOrder("D", "2026-06-30", kCb, 50'001)).outcome, Outcome::kUnknown);
  // The same holder with a term_end: early departure binds (fail), a departure at term end frees.
  ScenarioBuilder c = Base();
  Holder& k = Director(c, 200'000);
  k.term_end = D("2025-12-31");
  k.departed = D("2025-03-31");
  PlanFor(c, "D", "2026-06-30", 200'000);
  const Ledger lc = c.Build();
  EXPECT_NE(Find(Check(lc, MakeOrder("D", "2026-06-30", kCb, 60'000)), "DIR-25PCT"), nullptr);
}

// The day the post-departure lock ends and the next trading day: inside it DIR-LEAVE-6M decides
// (no unknown); after it the missing term_end makes the D&O rules undecided.
TEST(Dir25pctTest, DepartedWithoutTermEndAroundTheSixMonths) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 200'000);
  h.term_end.reset();
  h.departed = D("2025-03-31");
  PlanFor(b, "D", "2025-09-30", 200'000);
  PlanFor(b, "D", "2025-10-09", 200'000);
  const Ledger l = b.Build();
  const Verdict last = Check(l, MakeOrder("D", "2025-09-30", kCb, 60'000));
  EXPECT_NE(Find(last, "DIR-LEAVE-6M"), nullptr) << Rules(last);
  EXPECT_NE(Find(last, "DIR-25PCT"), nullptr) << Rules(last);  // still a D&O in the 6 months
  const Verdict next = Check(l, MakeOrder("D", "2025-10-09", kCb, 60'000));
  EXPECT_EQ(Find(next, "DIR-LEAVE-6M"), nullptr) << Rules(next);
  EXPECT_TRUE(HasUnknown(next, "DIR-25PCT")) << Rules(next);
  EXPECT_EQ(next.outcome, Outcome::kUnknown);
}

// Every D&O rule, not only the quota: a sale in the annual report's window (2026-03-18..04-01)
// and a sale without a plan are unknown too.
TEST(Dir25pctTest, DepartedWithoutTermEndWindowsAndPlanAreUnknown) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 200'000);
  h.term_end.reset();
  h.departed = D("2025-03-31");
  PlanFor(b, "D", "2026-03-20", 200'000);
  const Ledger l = b.Build();
  const Verdict win = Check(l, MakeOrder("D", "2026-03-20", kCb, 10'000));
  EXPECT_TRUE(HasUnknown(win, "DIR-WIN-PERIODIC")) << Rules(win);
  EXPECT_TRUE(win.violations.empty()) << Rules(win);
  const Verdict no_plan = Check(l, MakeOrder("D", "2026-06-10", kCb, 10'000));
  EXPECT_TRUE(HasUnknown(no_plan, "PRE-15TD")) << Rules(no_plan);
  EXPECT_EQ(no_plan.outcome, Outcome::kUnknown);
  // A holder that is no D&O at all: nothing to decide.
  ScenarioBuilder c = Base();
  ScenarioBuilder::AddLot(c.AddHolder("S"), "L1", 200'000, Source::kEquityIncentive,
                          D("2019-01-02"));
  const Ledger lc = c.Build();
  EXPECT_EQ(Check(lc, MakeOrder("S", "2026-06-10", kCb, 100'000)).outcome, Outcome::kPass);
}

TEST(Dir25pctTest, LeftAtTermEndIsFreeAfterSixMonths) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 200'000);
  h.term_end = D("2025-06-30");
  h.departed = D("2025-06-30");
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("D", "2026-03-20", kCb, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);  // no quota, no window, no plan
}

// ---------------------------------------------------------------------------------------------
// DIR-LIST-1Y

TEST(DirList1yTest, NoTransferInTheFirstYearCategoryByShareSource) {
  ScenarioBuilder b = Base("2025-03-10");
  Holder& h = b.AddHolder("D", R(Role::kDirector));
  ScenarioBuilder::AddLot(h, "PRE", 100'000, Source::kIpoOriginal, D("2020-01-01"));
  ScenarioBuilder::AddLot(h, "INC", 10'000, Source::kEquityIncentive, D("2025-06-01"));
  PlanFor(b, "D", "2026-03-09");
  const Ledger l = b.Build();
  // Within the incentive shares: category 2.
  const Verdict small = Check(l, MakeOrder("D", "2026-03-09", kCb, 5'000));
  const Violation* x = Find(small, "DIR-LIST-1Y");
  ASSERT_NE(x, nullptr) << Rules(small);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(x->shares_in_breach, 5'000);
  EXPECT_EQ(small.max_compliant_shares, 0);
  EXPECT_EQ(FactAs<Date>(x, "last_locked_day"), D("2026-03-09"));
  EXPECT_EQ(small.earliest_full_date.value_or(Date()), D("2026-03-10"));
  // Beyond them, pre-IPO shares are sold: category 1.
  const Verdict big = Check(l, MakeOrder("D", "2026-03-09", kCb, 20'000));
  const Violation* y = Find(big, "DIR-LIST-1Y");
  ASSERT_NE(y, nullptr) << Rules(big);
  EXPECT_EQ(y->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(FactAs<std::int64_t>(y, "pre_ipo_shares_sold"), 10'000);
  // On the anniversary the D&O lock is over.
  const Verdict anniversary = Check(l, MakeOrder("D", "2026-03-10", kCb, 5'000));
  EXPECT_EQ(Find(anniversary, "DIR-LIST-1Y"), nullptr) << Rules(anniversary);
  EXPECT_EQ(anniversary.outcome, Outcome::kPass) << Rules(anniversary);
}

// ---------------------------------------------------------------------------------------------
// DIR-LEAVE-6M

// Departed 2026-01-10 -> locked through 2026-07-10 (Civil Code: the day after + 6 months).
TEST(DirLeave6mTest, LockedThroughTheCorrespondingDaySixMonthsLater) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 200'000);
  h.term_end = D("2026-01-10");
  h.departed = D("2026-01-10");
  PlanFor(b, "D", "2026-07-10");
  const Ledger l = b.Build();
  const Verdict last = Check(l, MakeOrder("D", "2026-07-10", kCb, 10'000));
  const Violation* x = Find(last, "DIR-LEAVE-6M");
  ASSERT_NE(x, nullptr) << Rules(last);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(x->shares_in_breach, 10'000);
  EXPECT_EQ(FactAs<Date>(x, "last_locked_day"), D("2026-07-10"));
  EXPECT_EQ(last.max_compliant_shares, 0);
  EXPECT_EQ(last.earliest_full_date.value_or(Date()), D("2026-07-13"));
  const Verdict after = Check(l, MakeOrder("D", "2026-07-13", kCb, 10'000));
  EXPECT_EQ(after.outcome, Outcome::kPass) << Rules(after);
}

TEST(DirLeave6mTest, DepartureDayItselfIsLocked) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 200'000);
  h.term_end = D("2026-06-09");
  h.departed = D("2026-06-09");
  PlanFor(b, "D", "2026-06-08");
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2026-06-09", kCb, 10'000)), "DIR-LEAVE-6M"), nullptr);
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2026-06-08", kCb, 10'000)), "DIR-LEAVE-6M"), nullptr);
}

// ---------------------------------------------------------------------------------------------
// DIR-SHORTSWING

// EX-10: bought 10,000 on 2025-11-20 -> period 2025-11-21..2026-05-20; clean from 2026-05-21.
TEST(DirShortSwingTest, Ex10WholeSaleFlaggedWithProfit) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 190'000);
  ScenarioBuilder::AddLot(h, "L2", 10'000, Source::kSecondaryBidding, D("2025-11-20"));
  PricedPurchase(b, "D", "2025-11-20", 10'000, 28);
  PlanFor(b, "D", "2026-03-02");
  PlanFor(b, "D", "2026-05-20");
  const Ledger l = b.Build();
  const Verdict v = Check(l, PricedOrder("D", "2026-03-02", 10'000, 31));
  const Violation* x = Find(v, "DIR-SHORTSWING");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kShortSwing);
  EXPECT_EQ(x->shares_in_breach, 10'000);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_EQ(FactAs<std::int64_t>(x, "matched_shares"), 10'000);
  EXPECT_EQ(FactAs<Money>(x, "profit_to_company"), Money::FromYuan(30'000));
  EXPECT_EQ(FactAs<Date>(x, "earliest_clean_sale"), D("2026-05-21"));
  const DateRange p = FactAs<DateRange>(x, "period");
  EXPECT_EQ(p.first, D("2025-11-21"));
  EXPECT_EQ(p.last, D("2026-05-20"));
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-05-21"));
  EXPECT_NE(Find(Check(l, PricedOrder("D", "2026-05-20", 10'000, 31)), "DIR-SHORTSWING"), nullptr);
  const Verdict clean = Check(l, PricedOrder("D", "2026-05-21", 10'000, 31));
  EXPECT_EQ(clean.outcome, Outcome::kPass) << Rules(clean);
}

TEST(DirShortSwingTest, WithoutPricesTheProfitCannotBeComputed) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 190'000);
  ScenarioBuilder::AddLot(h, "L2", 10'000, Source::kSecondaryBidding, D("2025-11-20"));
  PricedPurchase(b, "D", "2025-11-20", 10'000, std::nullopt);
  PlanFor(b, "D", "2026-03-02");
  const Ledger l = b.Build();
  // The purchase has no price.
  const Verdict u = Check(l, PricedOrder("D", "2026-03-02", 10'000, 31));
  const Violation* x = Find(u, "DIR-SHORTSWING");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(FactOf(x, "profit_to_company"), nullptr);
  EXPECT_EQ(FactAs<std::string>(x, "profit_not_computable"), "purchase_without_price");
  // The order has no price.
  const Verdict v = Check(l, MakeOrder("D", "2026-03-02", kCb, 10'000));
  const Violation* y = Find(v, "DIR-SHORTSWING");
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(FactAs<std::string>(y, "profit_not_computable"), "order_without_price");
  EXPECT_EQ(y->shares_in_breach, 10'000);
}

// Matching: lowest purchase prices first; only positive differences count; matched shares are
// min(order, bought in the period).
TEST(DirShortSwingTest, ProfitMatchesLowestPricesFirstAndIgnoresLosses) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 190'000);
  // One lot per purchase day: the lots and history describe the same two purchases.
  ScenarioBuilder::AddLot(h, "L2", 5'000, Source::kSecondaryBidding, D("2025-12-01"));
  ScenarioBuilder::AddLot(h, "L3", 5'000, Source::kSecondaryBidding, D("2026-01-05"));
  PricedPurchase(b, "D", "2025-12-01", 5'000, 25);
  PricedPurchase(b, "D", "2026-01-05", 5'000, 30);
  PricedPurchase(b, "D", "2025-05-01", 50'000, 1);  // outside the period: ignored
  PlanFor(b, "D", "2026-03-02");
  const Ledger l = b.Build();
  const Verdict v = Check(l, PricedOrder("D", "2026-03-02", 6'000, 29));
  const Violation* x = Find(v, "DIR-SHORTSWING");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 6'000);
  EXPECT_EQ(FactAs<std::int64_t>(x, "bought_in_period"), 10'000);
  EXPECT_EQ(FactAs<std::int64_t>(x, "matched_shares"), 6'000);
  // 5,000 x (29 - 25) + 1,000 x max(0, 29 - 30) = 20,000.
  EXPECT_EQ(FactAs<Money>(x, "profit_to_company"), Money::FromYuan(20'000));
  EXPECT_EQ(FactAs<Date>(x, "earliest_clean_sale"), D("2026-07-06"));
  // Selling more than was bought: matched = bought.
  const Verdict w = Check(l, PricedOrder("D", "2026-03-02", 30'000, 29));
  const Violation* y = Find(w, "DIR-SHORTSWING");
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(FactAs<std::int64_t>(y, "matched_shares"), 10'000);
  EXPECT_EQ(y->shares_in_breach, 30'000);
}

// Issue 15 defect 3: a purchase known only from the lots is a purchase. A director's lot
// {source: secondary_bidding, acquired: 2026-04-01}, not in history.purchases, sold from on
// 2026-05-13: inside the six months after the purchase.
TEST(DirShortSwingTest, PurchaseKnownOnlyFromALotCounts) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 190'000);
  ScenarioBuilder::AddLot(h, "L2", 10'000, Source::kSecondaryBidding, D("2026-04-01"));
  PlanFor(b, "D", "2026-05-13");
  const Ledger l = b.Build();
  const Verdict v = Check(l, PricedOrder("D", "2026-05-13", 10'000, 31));
  const Violation* x = Find(v, "DIR-SHORTSWING");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(x->shares_in_breach, 10'000);
  EXPECT_EQ(FactAs<Date>(x, "latest_purchase"), D("2026-04-01"));
  EXPECT_EQ(FactAs<Date>(x, "purchase_from_lots"), D("2026-04-01"));
  EXPECT_EQ(FactAs<std::int64_t>(x, "bought_in_period"), 10'000);
  EXPECT_EQ(FactAs<std::string>(x, "profit_not_computable"), "purchase_without_price");
  EXPECT_NE(x->message.en.find("known from the lots only"), std::string::npos) << x->message.en;
  EXPECT_EQ(FactAs<Date>(x, "earliest_clean_sale"), D("2026-10-02"));
  // The day before the purchase is clean.
  const Verdict before = Check(l, PricedOrder("D", "2026-03-31", 10'000, 31));
  EXPECT_EQ(Find(before, "DIR-SHORTSWING"), nullptr) << Rules(before);
}

// Neighbours of the period's end: acquired 2026-03-10 -> inside through 2026-09-10, clean from
// 2026-09-11 (Civil Code counting, as for history purchases).
TEST(DirShortSwingTest, LotPurchasePeriodEndsOnTheCorrespondingDay) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 190'000);
  ScenarioBuilder::AddLot(h, "L2", 10'000, Source::kBlockTradePurchase, D("2026-03-10"))
      .acquired_from = AcquiredFrom::kOther;
  PlanFor(b, "D", "2026-09-10");
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, PricedOrder("D", "2026-09-10", 10'000, 31)), "DIR-SHORTSWING"), nullptr);
  const Verdict clean = Check(l, PricedOrder("D", "2026-09-11", 10'000, 31));
  EXPECT_EQ(clean.outcome, Outcome::kPass) << Rules(clean);
}

// The same purchase in history and in the lots counts once, with history's price.
TEST(DirShortSwingTest, PurchaseInHistoryAndLotsCountsOnce) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 190'000);
  ScenarioBuilder::AddLot(h, "L2", 10'000, Source::kSecondaryBidding, D("2026-04-01"));
  PricedPurchase(b, "D", "2026-04-01", 10'000, 28);
  PlanFor(b, "D", "2026-05-13");
  const Ledger l = b.Build();
  const Verdict v = Check(l, PricedOrder("D", "2026-05-13", 15'000, 31));
  const Violation* x = Find(v, "DIR-SHORTSWING");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(FactAs<std::int64_t>(x, "bought_in_period"), 10'000);
  EXPECT_EQ(FactAs<std::int64_t>(x, "matched_shares"), 10'000);
  EXPECT_EQ(FactAs<Money>(x, "profit_to_company"), Money::FromYuan(30'000));
  EXPECT_EQ(FactOf(x, "purchase_from_lots"), nullptr);
  // A lot holding more than history records that day: the rest is a lot-only purchase.
  ScenarioBuilder c = Base();
  Holder& k = Director(c, 190'000);
  ScenarioBuilder::AddLot(k, "L2", 12'000, Source::kSecondaryBidding, D("2026-04-01"));
  PricedPurchase(c, "D", "2026-04-01", 10'000, 28);
  PlanFor(c, "D", "2026-05-13");
  const Ledger lc = c.Build();
  const Verdict w = Check(lc, PricedOrder("D", "2026-05-13", 15'000, 31));
  const Violation* y = Find(w, "DIR-SHORTSWING");
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(FactAs<std::int64_t>(y, "bought_in_period"), 12'000);
  EXPECT_EQ(FactAs<std::string>(y, "profit_not_computable"), "purchase_without_price");
}

// Which lot sources are purchases (Securities Law Art.44 "买入"; purchases.h): subscriptions
// and incentive grants are; pre-IPO shares and inheritances (`other`) are not.
TEST(DirShortSwingTest, SubscriptionsAndGrantsArePurchasesInheritanceIsNot) {
  const Source bought[] = {Source::kPrivatePlacement, Source::kPublicOffering,
                           Source::kEquityIncentive, Source::kAgreementTransferPurchase,
                           Source::kInquiryTransferPurchase};
  for (Source src : bought) {
    ScenarioBuilder b = Base();
    Holder& h = Director(b, 190'000);
    Lot& lot = ScenarioBuilder::AddLot(h, "L2", 10'000, src, D("2026-04-01"));
    lot.lockup_until = D("2026-04-30");
    lot.acquired_from = AcquiredFrom::kOther;
    PlanFor(b, "D", "2026-06-10");
    const Ledger l = b.Build();
    const Verdict v = Check(l, PricedOrder("D", "2026-06-10", 10'000, 31));
    EXPECT_NE(Find(v, "DIR-SHORTSWING"), nullptr) << Name(src) << ": " << Rules(v);
  }
  for (Source src : {Source::kOther, Source::kIpoOriginal}) {
    ScenarioBuilder b = Base();
    Holder& h = Director(b, 190'000);
    ScenarioBuilder::AddLot(h, "L2", 10'000, src, D("2026-04-01"));
    PlanFor(b, "D", "2026-06-10");
    const Ledger l = b.Build();
    const Verdict v = Check(l, PricedOrder("D", "2026-06-10", 10'000, 31));
    EXPECT_EQ(Find(v, "DIR-SHORTSWING"), nullptr) << Name(src) << ": " << Rules(v);
  }
}

// DIR-25PCT reads the same purchases: a purchase listed both in history and in the lots is
// subtracted from the year-start base once; a lot-only purchase is subtracted too.
TEST(Dir25pctTest, YearStartBaseCountsEachPurchaseOnce) {
  ScenarioBuilder b = Base();
  Holder& h = Director(b, 100'000);
  ScenarioBuilder::AddLot(h, "L2", 20'000, Source::kSecondaryBidding, D("2026-01-05"));
  PricedPurchase(b, "D", "2026-01-05", 20'000, 20);
  ScenarioBuilder::AddLot(h, "L3", 8'000, Source::kSecondaryBidding, D("2026-02-02"));
  PlanFor(b, "D", "2026-09-01", 100'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("D", "2026-09-01", kCb, 100'000));
  const Violation* x = Find(v, "DIR-25PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(FactAs<std::int64_t>(x, "base_shares"), 100'000);
}

// A >= 5% holder who is not a D&O is bound too; a 4% one is not.
TEST(DirShortSwingTest, FivePercentHolderIsBoundFourPercentIsNot) {
  ScenarioBuilder b = Base();
  Holder& big = b.AddHolder("M");  // 6% by holding, no declared role
  ScenarioBuilder::AddLot(big, "L0", 23'000'000, Source::kSecondaryBidding, D("2024-01-02"));
  ScenarioBuilder::AddLot(big, "L1", 1'000'000, Source::kSecondaryBidding, D("2026-01-05"));
  PricedPurchase(b, "M", "2026-01-05", 1'000'000, 10);
  Holder& small = b.AddHolder("S");  // 4%
  ScenarioBuilder::AddLot(small, "L0", 15'000'000, Source::kSecondaryBidding, D("2024-01-02"));
  ScenarioBuilder::AddLot(small, "L1", 1'000'000, Source::kSecondaryBidding, D("2026-01-05"));
  PricedPurchase(b, "S", "2026-01-05", 1'000'000, 10);
  const Ledger l = b.Build();
  const Verdict v = Check(l, PricedOrder("M", "2026-03-02", 100'000, 12));
  const Violation* x = Find(v, "DIR-SHORTSWING");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(FactAs<std::string>(x, "holder_is"), "holder_of_5pct_or_more");
  EXPECT_EQ(FactAs<Money>(x, "profit_to_company"), Money::FromYuan(200'000));
  EXPECT_EQ(Find(v, "DIR-WIN-PERIODIC"), nullptr);  // windows bind D&O only
  const Verdict s = Check(l, PricedOrder("S", "2026-03-02", 100'000, 12));
  EXPECT_EQ(Find(s, "DIR-SHORTSWING"), nullptr) << Rules(s);
  EXPECT_EQ(s.outcome, Outcome::kPass) << Rules(s);
}

// Ledger::RecordPurchase (the service's POST /v1/purchases and the FIX gateway's buy fills): a
// purchase recorded after the ledger was built starts DIR-SHORTSWING's six months like one in
// the scenario's history: bought 2026-03-10 -> inside through 2026-09-10, clean from 2026-09-11.
Lot BoughtLot(const char* id, Shares shares, const char* date) {
  Lot lot;
  lot.id = id;
  lot.shares = shares;
  lot.source = Source::kSecondaryBidding;
  lot.acquired = D(date);
  return lot;
}

TEST(DirShortSwingTest, RecordedPurchaseStartsThePeriod) {
  ScenarioBuilder b = Base();
  Director(b, 190'000);
  PlanFor(b, "D", "2026-09-10");
  Ledger l = b.Build();
  const Verdict before = Check(l, PricedOrder("D", "2026-09-10", 10'000, 31));
  ASSERT_EQ(before.outcome, Outcome::kPass) << Rules(before);
  const Trade buy{"D", D("2026-03-10"), kCb, 10'000, Money::FromYuan(28)};
  ASSERT_TRUE(l.RecordPurchase(buy, BoughtLot("B1", 10'000, "2026-03-10")).ok());
  EXPECT_EQ(l.scenario().history.purchases.size(), 1u);
  EXPECT_EQ(l.holder(l.HolderIndex("D")).TotalShares(), 200'000);
  const Verdict last_day = Check(l, PricedOrder("D", "2026-09-10", 10'000, 31));
  const Violation* x = Find(last_day, "DIR-SHORTSWING");
  ASSERT_NE(x, nullptr) << Rules(last_day);
  EXPECT_EQ(FactAs<std::int64_t>(x, "bought_in_period"), 10'000);
  EXPECT_EQ(FactAs<Money>(x, "profit_to_company"), Money::FromYuan(30'000));
  const Verdict next_day = Check(l, PricedOrder("D", "2026-09-11", 10'000, 31));
  EXPECT_EQ(next_day.outcome, Outcome::kPass) << Rules(next_day);
}

// A purchase RecordPurchase refuses changes nothing: the lots, the history and the verdicts are
// as before. Refused: an unknown holder, a lot id the holder uses, a lot that does not hold the
// purchase, a purchase dated before the group's last trade, holdings past the total shares.
TEST(DirShortSwingTest, RefusedPurchaseChangesNothing) {
  ScenarioBuilder b = Base();
  Director(b, 190'000);
  PlanFor(b, "D", "2026-09-10");
  b.Sale("D", "2026-04-01", kCb, 1'000);
  Ledger l = b.Build();
  const Trade buy{"D", D("2026-04-02"), kCb, 10'000, Money::FromYuan(28)};
  EXPECT_EQ(l.RecordPurchase({"X", D("2026-04-02"), kCb, 10'000, std::nullopt},
                             BoughtLot("B1", 10'000, "2026-04-02"))
                .code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(l.RecordPurchase(buy, BoughtLot("L1", 10'000, "2026-04-02")).code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(l.RecordPurchase(buy, BoughtLot("B1", 9'999, "2026-04-02")).code(),
            StatusCode::kInternal);
  EXPECT_EQ(l.RecordPurchase(buy, BoughtLot("B1", 10'000, "2026-04-03")).code(),
            StatusCode::kInternal);
  const Trade early{"D", D("2026-03-31"), kCb, 10'000, std::nullopt};
  EXPECT_EQ(l.RecordPurchase(early, BoughtLot("B1", 10'000, "2026-03-31")).code(),
            StatusCode::kInvalidInput);
  const Shares room = kTotal - l.holder(l.HolderIndex("D")).TotalShares();
  const Trade huge{"D", D("2026-04-02"), kCb, room + 1, std::nullopt};
  EXPECT_EQ(l.RecordPurchase(huge, BoughtLot("B1", room + 1, "2026-04-02")).code(),
            StatusCode::kInvalidInput);
  EXPECT_TRUE(l.scenario().history.purchases.empty());
  EXPECT_EQ(l.holder(l.HolderIndex("D")).lots.size(), 1u);
  const Verdict v = Check(l, PricedOrder("D", "2026-09-10", 10'000, 31));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  // The same purchase, valid, is then accepted (the refusals above were not of it).
  EXPECT_TRUE(l.RecordPurchase(buy, BoughtLot("B1", 10'000, "2026-04-02")).ok());
}

}  // namespace
}  // namespace reducheck::testing
