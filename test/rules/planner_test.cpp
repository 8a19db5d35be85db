// The planner (engine/planner.h, docs/planner.md) against the shipped packs and calendar:
// (1) every schedule it makes replays line by line through Check/Record/RecordAnnouncement on
// a fresh ledger with every sale passing; (2) it is never slower than a simple greedy
// reference (bidding only, one plan at a time, renewed when it runs out); (3) it counts the
// Spring Festival 2026 closure in the plan's 15 trading days.
#include "reducheck/engine/planner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "fixture.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::testing {
namespace {

constexpr Method kCb = Method::kCentralizedBidding;
constexpr Method kBt = Method::kBlockTrade;

Plan MustPlan(const Ledger& ledger, const char* holder, Shares shares, const char* from,
              std::vector<Method> methods = {kCb, kBt}) {
  PlanRequest r;
  r.holder = holder;
  r.shares = shares;
  r.from = D(from);
  r.methods = std::move(methods);
  auto p = MakePlan(ShippedEvaluator(), ledger, r);
  if (!p.ok()) {
    ADD_FAILURE() << p.status().message();
    return Plan{};
  }
  return std::move(p).value();
}

// Replays the schedule on a ledger rebuilt from the scenario: announcements are recorded,
// every sale is judged with full explanations and must pass, then recorded.
void ExpectReplays(const Scenario& scenario, const Plan& plan, const std::string& holder) {
  auto fresh = Ledger::Build(scenario);
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();
  Ledger ledger = std::move(fresh).value();
  const Evaluator& ev = ShippedEvaluator();
  Shares sold = 0;
  Date prev;
  int i = 0;
  for (const PlanStep& s : plan.steps) {
    ++i;
    if (!prev.is_special()) {
      EXPECT_GE(s.date, prev) << "steps out of date order at line " << i;
    }
    prev = s.date;
    if (s.kind != StepKind::kSale) {
      ASSERT_TRUE(ledger.RecordAnnouncement(StepAnnouncement(s, holder)).ok());
      continue;
    }
    EXPECT_TRUE(ev.calendar().IsTradingDay(s.date)) << ToIso(s.date);
    const Order o = StepOrder(s, "S" + std::to_string(i), holder);
    auto v = ev.Check(o, ledger);
    ASSERT_TRUE(v.ok()) << v.status().message();
    EXPECT_EQ(v.value().outcome, Outcome::kPass)
        << "line " << i << " " << ToIso(s.date) << " " << Name(s.method) << " " << s.shares << ": "
        << Rules(v.value());
    ASSERT_TRUE(ev.Record(o, ledger).ok());
    sold += s.shares;
  }
  EXPECT_EQ(sold, plan.sold);
}

// The greedy reference: bidding only; a plan published on the first day and, whenever no plan
// covers the day any more, a new one published that day (gaps while it matures); each day
// sells the bidding headroom; a 5% touch is reported on the next trading day.
std::optional<Date> ReferenceFinish(const Scenario& scenario, const char* holder_id, Shares n,
                                    const char* from_iso, bool needs_plan) {
  Ledger ledger = Ledger::Build(scenario).value();
  const Evaluator& ev = ShippedEvaluator();
  const TradingCalendar& cal = ev.calendar();
  const std::string holder = holder_id;
  Shares left = n;
  std::optional<Date> plan_end;
  std::optional<Date> report_on;
  const Date last = std::min(cal.last_day(), AddMonthsClipped(D(from_iso), 36));
  Verdict v;
  Evaluator::Scratch scratch;
  CheckOptions quiet;
  quiet.explain = false;
  quiet.earliest_date = false;
  for (auto d = cal.TradingDayOnOrAfter(D(from_iso)); d && *d <= last;
       d = cal.AddTradingDays(*d, 1)) {
    if (report_on && *report_on == *d) {
      Announcement a;
      a.holder = holder;
      a.kind = AnnouncementKind::kEquityChangeReport;
      a.published = *d;
      EXPECT_TRUE(ledger.RecordAnnouncement(a).ok());
      report_on.reset();
    }
    if (needs_plan && (!plan_end || *d > *plan_end)) {
      Announcement a;
      a.holder = holder;
      a.kind = AnnouncementKind::kReductionPlan;
      a.published = *d;
      a.window_start = cal.AddTradingDays(*d, 16);
      if (!a.window_start) break;
      a.window_end = LockLastDay(*a.window_start, 3);
      a.max_shares = left;
      a.methods = {kCb};
      plan_end = a.window_end;
      EXPECT_TRUE(ledger.RecordAnnouncement(a).ok());
    }
    Order o = MakeOrder(holder_id, "2026-01-05", kCb, left);
    o.date = *d;
    if (!ev.Check(o, ledger, v, scratch, {}, quiet).ok()) return std::nullopt;
    const Shares h = v.outcome == Outcome::kPass ? left : std::min(left, v.max_compliant_shares);
    if (h <= 0) continue;
    o.shares = h;
    if (!ev.Check(o, ledger, v, scratch, {}, quiet).ok() || v.outcome != Outcome::kPass) continue;
    bool touched = false;
    for (const Obligation& ob : v.obligations) touched |= ob.kind == "equity_change_report";
    EXPECT_TRUE(ev.Record(o, ledger).ok());
    left -= h;
    if (left == 0) return *d;
    if (touched) report_on = cal.AddTradingDays(*d, 1);
  }
  return std::nullopt;
}

// A 1,000,000,000-share main-board company and one major shareholder with pre-IPO shares.
ScenarioBuilder MajorHolder(Shares shares) {
  ScenarioBuilder b("2016-06-15", 1000000000);
  Holder& h = b.AddHolder("M", R(Role::kMajorShareholder) | R(Role::kPreIpoShareholder));
  ScenarioBuilder::AddLot(h, "M-IPO", shares, Source::kIpoOriginal, D("2014-01-01"));
  return b;
}

TEST(Planner, CapBoundMajorShareholderSellsThreePercentByBidding) {
  ScenarioBuilder b = MajorHolder(90000000);  // 9%: selling 3% touches no multiple
  const Ledger ledger = b.Build();
  const Plan plan = MustPlan(ledger, "M", 30000000, "2025-03-03", {kCb});
  ASSERT_TRUE(plan.complete) << plan.stuck_on;
  ExpectReplays(b.scenario(), plan, "M");
  // 10,000,000 per 90 days: three windows, each sale the full 1% quota.
  ASSERT_EQ(plan.sales, 3);
  int sale = 0;
  for (const PlanStep& s : plan.steps) {
    if (s.kind != StepKind::kSale) continue;
    EXPECT_EQ(s.shares, 10000000);
    // The last sale is the whole rest, which fits the quota exactly.
    EXPECT_EQ(s.binding_rule, ++sale < 3 ? "CAP-CB-1PCT" : "REQUEST") << ToIso(s.date);
  }
  // The plans chain without a gap: each window starts the day after the previous one ends.
  std::optional<Date> prev_end;
  for (const PlanStep& s : plan.steps) {
    if (s.kind != StepKind::kReductionPlan) continue;
    const TradingCalendar& cal = ShippedEvaluator().calendar();
    EXPECT_GE(cal.TradingDaysBetween(s.date, *cal.TradingDayOnOrAfter(s.window_start)).value_or(0),
              15);
    if (prev_end) {
      EXPECT_EQ(s.window_start, DaysAfter(*prev_end, 1));
    }
    prev_end = s.window_end;
  }
  const auto ref = ReferenceFinish(b.scenario(), "M", 30000000, "2025-03-03", true);
  ASSERT_TRUE(ref);
  EXPECT_LE(*plan.finish, *ref);
}

TEST(Planner, BlockTradeAndBiddingMix) {
  ScenarioBuilder b = MajorHolder(90000000);
  const Ledger ledger = b.Build();
  const Plan plan = MustPlan(ledger, "M", 30000000, "2025-03-03");
  ASSERT_TRUE(plan.complete) << plan.stuck_on;
  ExpectReplays(b.scenario(), plan, "M");
  // The first window day takes both quotas at once: 20,000,000 BT (largest first) + 10,000,000 CB.
  ASSERT_EQ(plan.sales, 2);
  ASSERT_GE(plan.steps.size(), 3u);
  EXPECT_EQ(plan.steps[1].method, kBt);
  EXPECT_EQ(plan.steps[1].shares, 20000000);
  EXPECT_EQ(plan.steps[2].method, kCb);
  EXPECT_EQ(plan.steps[2].date, plan.steps[1].date);
  EXPECT_EQ(plan.steps[1].date, ShippedEvaluator().calendar().AddTradingDays(D("2025-03-03"), 16));
  const auto ref = ReferenceFinish(b.scenario(), "M", 30000000, "2025-03-03", true);
  ASSERT_TRUE(ref);
  EXPECT_LT(*plan.finish, *ref);
}

TEST(Planner, StopsAtFivePercentMultipleReportsAndWaitsOutTheFreeze) {
  ScenarioBuilder b = MajorHolder(106000000);  // 10.6%: the 10% multiple is 6,000,000 away
  const Ledger ledger = b.Build();
  const Plan plan = MustPlan(ledger, "M", 30000000, "2025-03-03");
  ASSERT_TRUE(plan.complete) << plan.stuck_on;
  ExpectReplays(b.scenario(), plan, "M");
  ASSERT_EQ(plan.reports, 1);
  // plan, sale to the multiple, report the next trading day, then the rest after the freeze.
  ASSERT_GE(plan.steps.size(), 4u);
  const PlanStep& touch = plan.steps[1];
  const PlanStep& report = plan.steps[2];
  EXPECT_EQ(touch.shares, 6000000);
  EXPECT_EQ(touch.binding_rule, "EQ5-MULT");
  EXPECT_EQ(report.kind, StepKind::kEquityChangeReport);
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  EXPECT_EQ(report.date, cal.AddTradingDays(touch.date, 1));
  EXPECT_EQ(plan.steps[3].date, cal.AddTradingDays(report.date, 4));  // freeze: 3 days after
  const auto ref = ReferenceFinish(b.scenario(), "M", 30000000, "2025-03-03", true);
  ASSERT_TRUE(ref);
  EXPECT_LE(*plan.finish, *ref);
}

PeriodicReport ReportOn(ReportKind k, const char* period, const char* date) {
  PeriodicReport r;
  r.kind = k;
  r.period = period;
  r.date = D(date);
  return r;
}

TEST(Planner, DirectorWaitsOutTheBlackoutAndKeepsToTheQuarterQuota) {
  ScenarioBuilder b("2016-11-08", 600000000);
  Holder& h = b.AddHolder("WJ", R(Role::kDirector));
  h.term_end = D("2027-05-31");
  ScenarioBuilder::AddLot(h, "WJ-EI", 1000000, Source::kEquityIncentive, D("2020-01-01"));
  auto& r = b.scenario().company.reports;
  r.push_back(ReportOn(ReportKind::kAnnual, "2024", "2025-04-25"));
  r.push_back(ReportOn(ReportKind::kQuarterly, "2025Q1", "2025-04-25"));
  r.push_back(ReportOn(ReportKind::kSemiannual, "2025H1", "2025-08-26"));
  r.push_back(ReportOn(ReportKind::kQuarterly, "2025Q3", "2025-10-28"));
  r.push_back(ReportOn(ReportKind::kAnnual, "2025", "2026-04-20"));
  r.push_back(ReportOn(ReportKind::kQuarterly, "2026Q1", "2026-04-28"));
  r.push_back(ReportOn(ReportKind::kSemiannual, "2026H1", "2026-08-28"));
  r.push_back(ReportOn(ReportKind::kQuarterly, "2026Q3", "2026-10-28"));
  const Ledger ledger = b.Build();
  // From 2026-03-16 the window would open inside the blackout before the annual report
  // (2026-04-05..04-19): the first sale waits for the publication day.
  const Plan plan = MustPlan(ledger, "WJ", 250000, "2026-03-16", {kCb});
  ASSERT_TRUE(plan.complete) << plan.stuck_on;
  ExpectReplays(b.scenario(), plan, "WJ");
  Shares sold = 0;
  for (const PlanStep& s : plan.steps) {
    if (s.kind != StepKind::kSale) continue;
    EXPECT_FALSE(s.date >= D("2026-04-05") && s.date <= D("2026-04-19")) << ToIso(s.date);
    EXPECT_FALSE(s.date >= D("2026-04-23") && s.date <= D("2026-04-27")) << ToIso(s.date);
    sold += s.shares;
  }
  EXPECT_EQ(sold, 250000);
  // 25% of the 1,000,000 held at the start of 2026 is all 2026 allows: the rest waits for the
  // 2027 quota, sold on the provisional 2027 calendar (those steps carry the calendar caveat).
  const Plan over = MustPlan(ledger, "WJ", 300000, "2026-03-16", {kCb});
  EXPECT_TRUE(over.complete) << over.stuck_on;
  EXPECT_EQ(over.sold, 300000);
  EXPECT_FALSE(over.calendar_cut);
  ASSERT_TRUE(over.finish);
  EXPECT_GE(*over.finish, D("2027-01-01"));
  EXPECT_TRUE(over.calendar_provisional.Contains(2027));
  Shares sold_2026 = 0;
  for (const PlanStep& s : over.steps) {
    if (s.kind != StepKind::kSale) continue;
    if (s.date.year() == 2026) sold_2026 += s.shares;
    if (s.date.year() >= 2027) {
      EXPECT_TRUE(s.calendar_provisional.Contains(2027)) << ToIso(s.date);
    }
  }
  EXPECT_EQ(sold_2026, 250000);
  ExpectReplays(b.scenario(), over, "WJ");
  const auto ref = ReferenceFinish(b.scenario(), "WJ", 250000, "2026-03-16", true);
  ASSERT_TRUE(ref);
  EXPECT_LE(*plan.finish, *ref);
}

TEST(Planner, LockedHolderTimesTheFirstPlanToTheUnlockDay) {
  ScenarioBuilder b = MajorHolder(60000000);
  Lot& pp = ScenarioBuilder::AddLot(b.scenario().holders[0], "M-PP", 20000000,
                                    Source::kPrivatePlacement, D("2025-01-10"));
  pp.lockup_until = D("2026-07-09");
  b.scenario().holders[0].commitments.push_back(Commitment{});
  Commitment& c = b.scenario().holders[0].commitments.back();
  c.kind = CommitmentKind::kNoSale;
  c.until = D("2026-06-30");
  c.lots = {"M-IPO"};
  const Ledger ledger = b.Build();
  const Plan plan = MustPlan(ledger, "M", 5000000, "2026-03-02", {kCb});
  ASSERT_TRUE(plan.complete) << plan.stuck_on;
  ExpectReplays(b.scenario(), plan, "M");
  ASSERT_FALSE(plan.steps.empty());
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  EXPECT_EQ(plan.steps[0].kind, StepKind::kReductionPlan);
  EXPECT_EQ(plan.steps[0].window_start, D("2026-07-01"));
  EXPECT_EQ(cal.AddTradingDays(plan.steps[0].date, 16), D("2026-07-01"));
  EXPECT_EQ(plan.plans, 1);  // no plan wasted on the lock-up
  EXPECT_EQ(*plan.finish, D("2026-07-01"));
  const auto ref = ReferenceFinish(b.scenario(), "M", 5000000, "2026-03-02", true);
  ASSERT_TRUE(ref);
  EXPECT_LE(*plan.finish, *ref);
}

TEST(Planner, HolderNeedingNoPlanSellsOnTheFirstDay) {
  ScenarioBuilder b("2016-06-15", 1000000000);
  Holder& h = b.AddHolder("S");  // 3%, bought on the market: no plan, no cap
  ScenarioBuilder::AddLot(h, "S-MKT", 30000000, Source::kSecondaryBidding, D("2024-01-10"));
  const Ledger ledger = b.Build();
  const Plan plan = MustPlan(ledger, "S", 30000000, "2026-03-02");
  ASSERT_TRUE(plan.complete) << plan.stuck_on;
  ExpectReplays(b.scenario(), plan, "S");
  EXPECT_EQ(plan.plans, 0);
  EXPECT_EQ(*plan.finish, D("2026-03-02"));
}

TEST(Planner, CountsTheSpringFestivalClosureInThePlansFifteenTradingDays) {
  ScenarioBuilder b = MajorHolder(106000000);
  const Ledger ledger = b.Build();
  const Plan plan = MustPlan(ledger, "M", 30000000, "2026-02-03");
  ASSERT_TRUE(plan.complete) << plan.stuck_on;
  ExpectReplays(b.scenario(), plan, "M");
  ASSERT_GE(plan.steps.size(), 2u);
  EXPECT_EQ(plan.steps[0].date, D("2026-02-03"));
  // 02-04..02-13 (8 days), closed 02-16..02-23, 02-24..03-04 (7 days): opens 2026-03-05, not
  // 2026-02-25 as weekdays alone would give.
  EXPECT_EQ(plan.steps[0].window_start, D("2026-03-05"));
  EXPECT_EQ(plan.steps[0].window_end, D("2026-06-04"));
  EXPECT_EQ(plan.steps[1].date, D("2026-03-05"));
  EXPECT_EQ(*plan.finish, D("2026-03-12"));
}

TEST(Planner, RejectsBadRequests) {
  ScenarioBuilder b = MajorHolder(90000000);
  b.Sale("M", "2025-06-03", kCb, 1000000);
  const Ledger ledger = b.Build();
  PlanRequest r;
  r.holder = "NOPE";
  r.shares = 1;
  r.from = D("2025-07-01");
  EXPECT_FALSE(MakePlan(ShippedEvaluator(), ledger, r).ok());
  r.holder = "M";
  r.shares = 90000001;
  EXPECT_FALSE(MakePlan(ShippedEvaluator(), ledger, r).ok());
  r.shares = 1000;
  r.methods = {Method::kAgreementTransfer};
  EXPECT_FALSE(MakePlan(ShippedEvaluator(), ledger, r).ok());
  r.methods = {kCb, kCb};
  EXPECT_FALSE(MakePlan(ShippedEvaluator(), ledger, r).ok());
  r.methods = {kCb};
  r.from = D("2025-06-02");  // before the sale in history
  EXPECT_FALSE(MakePlan(ShippedEvaluator(), ledger, r).ok());
  r.from = D("2035-01-02");  // outside the calendar
  EXPECT_FALSE(MakePlan(ShippedEvaluator(), ledger, r).ok());
  EXPECT_EQ(DefaultPlanStart(ledger, ShippedEvaluator().calendar()), D("2025-06-04"));
}

TEST(Planner, TwoYearPlanIsFast) {
  ScenarioBuilder b = MajorHolder(150000000);  // 15%: 8% by bidding takes two years
  const Ledger ledger = b.Build();
  const auto t0 = std::chrono::steady_clock::now();
  const Plan plan = MustPlan(ledger, "M", 80000000, "2025-01-02", {kCb});
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  ASSERT_TRUE(plan.complete) << plan.stuck_on;
  EXPECT_GE(*plan.finish, D("2026-09-01"));
  RecordProperty("plan_microseconds", static_cast<int>(us.count()));
  EXPECT_LT(us.count(), 2000000);  // generous for Debug/sanitizer builds; Release: docs/planner.md
  ExpectReplays(b.scenario(), plan, "M");
}

}  // namespace
}  // namespace reducheck::testing
