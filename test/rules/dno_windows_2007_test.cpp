// The D&O windows before the D&O Rules' revision of 2022-01-07 (issue 15, defect 7): under the
// 2007 rules (pack cn-2017-pre2022, 2017-05-27..2022-01-06) a director, supervisor or senior
// manager could not trade in the 30 days before every periodic report, quarterly reports
// included (dir_window_quarterly_major), nor until 2 trading days after a material event's
// disclosure (dir_event_window_trading_days_after). From 2022-01-07 (cn-2017) quarterly reports
// have 10 days and the event window ends on the disclosure day. The calendar starts in 2021.
#include <string>

#include "fixture.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 400'000'000;
constexpr Method kCb = Method::kCentralizedBidding;

PeriodicReport Rep(ReportKind k, const char* period, const char* date,
                   const char* originally = nullptr) {
  PeriodicReport r;
  r.kind = k;
  r.period = period;
  r.date = D(date);
  if (originally != nullptr) r.originally = D(originally);
  return r;
}

// A main-board company with every statutory report of 2021-2022 on file; a director holding
// 200,000 incentive shares, with a reduction plan covering each order date.
ScenarioBuilder Company() {
  ScenarioBuilder b("2015-06-01", kTotal);
  auto& r = b.scenario().company.reports;
  r.push_back(Rep(ReportKind::kAnnual, "2020", "2021-04-20"));
  r.push_back(Rep(ReportKind::kQuarterly, "2021Q1", "2021-04-28"));
  r.push_back(Rep(ReportKind::kSemiannual, "2021H1", "2021-08-20"));
  r.push_back(Rep(ReportKind::kQuarterly, "2021Q3", "2021-10-28"));
  r.push_back(Rep(ReportKind::kAnnual, "2021", "2022-04-20"));
  r.push_back(Rep(ReportKind::kQuarterly, "2022Q1", "2022-04-28"));
  r.push_back(Rep(ReportKind::kSemiannual, "2022H1", "2022-08-20"));
  r.push_back(Rep(ReportKind::kQuarterly, "2022Q3", "2022-10-28"));
  Holder& h = b.AddHolder("D", R(Role::kDirector));
  h.term_end = D("2027-06-30");
  ScenarioBuilder::AddLot(h, "L1", 200'000, Source::kEquityIncentive, D("2019-01-02"));
  return b;
}

void PlanFor(ScenarioBuilder& b, const char* date) {
  const std::string pub = ToIso(DaysBefore(D(date), 45));
  b.Plan("D", pub.c_str(), 100'000);
}

Verdict CheckPinned(const Ledger& l, const Order& o, std::string_view pack) {
  auto v = ShippedEvaluator().Check(o, l, pack);
  if (!v.ok()) {
    ADD_FAILURE() << v.status().message();
    return Verdict{};
  }
  return std::move(v).value();
}

const FactValue* FactOf(const Violation* x, std::string_view key) {
  if (x == nullptr) return nullptr;
  for (const Fact& f : x->facts) {
    if (f.key == key) return &f.value;
  }
  return nullptr;
}

// The case: an event disclosed on Friday 2021-12-31; the exchange was closed on
// 2022-01-03, so the 2 trading days after are 2022-01-04 and 01-05. A sale on 2022-01-04 was
// inside the window (it passed before the fix); 01-05 is the last day inside; 01-06 is free.
TEST(DnoWindows2007Test, EventWindowRunsTwoTradingDaysAfterDisclosure) {
  ScenarioBuilder b = Company();
  b.scenario().company.events.push_back({D("2021-12-20"), D("2021-12-31")});
  PlanFor(b, "2022-01-04");
  const Ledger l = b.Build();
  for (const char* inside : {"2021-12-31", "2022-01-04", "2022-01-05"}) {
    const Verdict v = Check(l, MakeOrder("D", inside, kCb, 10'000));
    EXPECT_EQ(v.rule_pack, "cn-2017-pre2022") << inside;
    const Violation* x = Find(v, "DIR-WIN-EVENT");
    ASSERT_NE(x, nullptr) << inside << ": " << Rules(v);
    EXPECT_EQ(x->shares_in_breach, 10'000);
    EXPECT_EQ(v.max_compliant_shares, 0);
    const FactValue* w = FactOf(x, "window");
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(std::get<DateRange>(*w).last, D("2022-01-05"));
    EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2022-01-06")) << inside;
  }
  const Verdict v4 = Check(l, MakeOrder("D", "2022-01-04", kCb, 10'000));
  EXPECT_NE(v4.violations[0].message.en.find("through the 2 trading days after its disclosure"),
            std::string::npos)
      << v4.violations[0].message.en;
  EXPECT_NE(v4.violations[0].message.zh.find("依法披露后2个交易日内"), std::string::npos);
  const Verdict free = Check(l, MakeOrder("D", "2022-01-06", kCb, 10'000));
  EXPECT_EQ(free.outcome, Outcome::kPass) << Rules(free);
  // Pinned to the revised rules, the disclosure day is the last one inside.
  const Verdict revised = CheckPinned(l, MakeOrder("D", "2022-01-04", kCb, 10'000), "cn-2017");
  EXPECT_EQ(Find(revised, "DIR-WIN-EVENT"), nullptr) << Rules(revised);
}

// The regime boundary: an event disclosed on Wednesday 2022-01-05. On Thursday 2022-01-06 (the
// last day of the 2007 rules) a sale is 1 trading day after disclosure: inside. On Friday
// 2022-01-07 the revision is in force and the window ended on the disclosure day.
TEST(DnoWindows2007Test, RevisionDayBoundary) {
  ScenarioBuilder b = Company();
  b.scenario().company.events.push_back({D("2021-12-27"), D("2022-01-05")});
  PlanFor(b, "2022-01-06");
  const Ledger l = b.Build();
  const Verdict last_old = Check(l, MakeOrder("D", "2022-01-06", kCb, 10'000));
  EXPECT_EQ(last_old.rule_pack, "cn-2017-pre2022");
  EXPECT_NE(Find(last_old, "DIR-WIN-EVENT"), nullptr) << Rules(last_old);
  const Verdict first_new = Check(l, MakeOrder("D", "2022-01-07", kCb, 10'000));
  EXPECT_EQ(first_new.rule_pack, "cn-2017");
  EXPECT_EQ(first_new.outcome, Outcome::kPass) << Rules(first_new);
  // Under the old rules 01-07 would still be inside (the 2nd trading day after disclosure).
  const Verdict old_rules =
      CheckPinned(l, MakeOrder("D", "2022-01-07", kCb, 10'000), "cn-2017-pre2022");
  EXPECT_NE(Find(old_rules, "DIR-WIN-EVENT"), nullptr) << Rules(old_rules);
  const Verdict third =
      CheckPinned(l, MakeOrder("D", "2022-01-10", kCb, 10'000), "cn-2017-pre2022");
  EXPECT_EQ(Find(third, "DIR-WIN-EVENT"), nullptr) << Rules(third);
  // An event disclosed on the order date is inside under both.
  const Verdict same_day = Check(l, MakeOrder("D", "2022-01-05", kCb, 10'000));
  EXPECT_NE(Find(same_day, "DIR-WIN-EVENT"), nullptr) << Rules(same_day);
}

// Quarterly reports in the 30-day window under the 2007 rules: the 2021 Q3 report published
// 2021-10-28 -> window 2021-09-28..2021-10-27; the 31st day before is free. Under the revised
// rules (pinned cn-2017) the window is 2021-10-18..10-27.
TEST(DnoWindows2007Test, QuarterlyReportHasTheThirtyDayWindow) {
  ScenarioBuilder b = Company();
  PlanFor(b, "2021-09-27");
  const Ledger l = b.Build();
  const Verdict first = Check(l, MakeOrder("D", "2021-09-28", kCb, 10'000));
  EXPECT_EQ(first.rule_pack, "cn-2017-pre2022");
  const Violation* x = Find(first, "DIR-WIN-PERIODIC");
  ASSERT_NE(x, nullptr) << Rules(first);
  const FactValue* w = FactOf(x, "window");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(std::get<DateRange>(*w).first, D("2021-09-28"));
  EXPECT_EQ(std::get<DateRange>(*w).last, D("2021-10-27"));
  EXPECT_EQ(std::get<std::int64_t>(*FactOf(x, "window_days")), 30);
  // DIR-25PCT is unknown in 2021 (its base day, 2020-12-31, is outside the calendar): look at
  // the window rule only.
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2021-09-27", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2021-10-15", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  const Verdict revised = CheckPinned(l, MakeOrder("D", "2021-10-15", kCb, 10'000), "cn-2017");
  EXPECT_EQ(Find(revised, "DIR-WIN-PERIODIC"), nullptr) << Rules(revised);
  const Verdict revised_in = CheckPinned(l, MakeOrder("D", "2021-10-18", kCb, 10'000), "cn-2017");
  EXPECT_NE(Find(revised_in, "DIR-WIN-PERIODIC"), nullptr) << Rules(revised_in);
}

// A postponed quarterly report counted from its original date under the 2007 rules (every
// 定期报告), not under the revised ones: scheduled 2021-10-20, published 2021-10-28 ->
// 2007 window from 2021-09-20 (the exchange was closed 09-20..21; 09-22 is inside).
TEST(DnoWindows2007Test, PostponedQuarterlyReportCountsFromTheOriginalDateUnder2007) {
  ScenarioBuilder b = Company();
  b.scenario().company.reports[3] =
      Rep(ReportKind::kQuarterly, "2021Q3", "2021-10-28", "2021-10-20");
  PlanFor(b, "2021-09-17");
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("D", "2021-09-22", kCb, 10'000));
  const Violation* x = Find(v, "DIR-WIN-PERIODIC");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(std::get<DateRange>(*FactOf(x, "window")).first, D("2021-09-20"));
  EXPECT_NE(FactOf(x, "originally_scheduled"), nullptr);
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2021-09-17", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  const Verdict revised = CheckPinned(l, MakeOrder("D", "2021-09-22", kCb, 10'000), "cn-2017");
  EXPECT_EQ(Find(revised, "DIR-WIN-PERIODIC"), nullptr) << Rules(revised);
}

// Forecasts keep 10 days under both.
TEST(DnoWindows2007Test, ForecastKeepsTenDays) {
  ScenarioBuilder b = Company();
  b.scenario().company.reports.push_back(Rep(ReportKind::kForecast, "2021", "2022-01-20"));
  PlanFor(b, "2022-01-07");
  const Ledger l = b.Build();
  EXPECT_EQ(Find(Check(l, MakeOrder("D", "2022-01-07", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  EXPECT_NE(Find(Check(l, MakeOrder("D", "2022-01-10", kCb, 10'000)), "DIR-WIN-PERIODIC"), nullptr);
  const Verdict old = CheckPinned(l, MakeOrder("D", "2022-01-07", kCb, 10'000), "cn-2017-pre2022");
  EXPECT_EQ(Find(old, "DIR-WIN-PERIODIC"), nullptr) << Rules(old);
  const Verdict old_in =
      CheckPinned(l, MakeOrder("D", "2022-01-10", kCb, 10'000), "cn-2017-pre2022");
  EXPECT_NE(Find(old_in, "DIR-WIN-PERIODIC"), nullptr) << Rules(old_in);
}

// An event disclosed before the calendar's first day: its 2 trading days cannot be counted, so
// a sale after the disclosure day is `unknown` under the 2007 rules, never a silent pass.
TEST(DnoWindows2007Test, TailOutsideTheCalendarIsUnknown) {
  ScenarioBuilder b = Company();
  // The calendar starts on 2017-01-01; the packs are pinned so that a January 2017 order is
  // judged under them (no pack is in force before 2017-05-27).
  b.scenario().company.events.push_back({D("2016-12-15"), D("2016-12-30")});
  PlanFor(b, "2017-01-04");
  const Ledger l = b.Build();
  const Verdict v = CheckPinned(l, MakeOrder("D", "2017-01-04", kCb, 10'000), "cn-2017-pre2022");
  EXPECT_TRUE(HasUnknown(v, "DIR-WIN-EVENT")) << Rules(v);
  EXPECT_EQ(Find(v, "DIR-WIN-EVENT"), nullptr);
  const Verdict revised = CheckPinned(l, MakeOrder("D", "2017-01-04", kCb, 10'000), "cn-2017");
  EXPECT_FALSE(HasUnknown(revised, "DIR-WIN-EVENT")) << Rules(revised);
}

}  // namespace
}  // namespace reducheck::testing
