// The planner: a day-by-day simulation on a copy of the ledger (docs/planner.md).
#include "reducheck/engine/planner.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "reducheck/engine/calendar.h"
#include "reducheck/engine/date_math.h"

namespace reducheck {
namespace {

constexpr std::string_view kPlanRule = "PRE-15TD";
constexpr std::string_view kRequest = "REQUEST";
constexpr std::string_view kEquityChangeReport = "equity_change_report";

// The n-th trading day before trading day d (n >= 1); nullopt when the calendar ends first.
std::optional<Date> TradingDaysBefore(const TradingCalendar& cal, Date d, int n) {
  Date t = d;
  for (int k = 0; k < n;) {
    t = DaysBefore(t, 1);
    if (!cal.Covers(t)) return std::nullopt;
    if (cal.IsTradingDay(t)) ++k;
  }
  return t;
}

bool Violates(const Verdict& v, std::string_view rule) {
  return std::any_of(v.violations.begin(), v.violations.end(),
                     [&](const Violation& x) { return x.rule != nullptr && x.rule->id == rule; });
}

bool OwesReport(const Verdict& v) {
  return std::any_of(v.obligations.begin(), v.obligations.end(),
                     [](const Obligation& o) { return o.kind == kEquityChangeReport; });
}

// Why a verdict that is not a pass did not pass: its first violation or unknown rule.
std::string_view FirstBlocker(const Verdict& v) {
  if (!v.violations.empty() && v.violations.front().rule != nullptr) {
    return v.violations.front().rule->id;
  }
  if (!v.unknown.empty() && v.unknown.front().rule != nullptr) return v.unknown.front().rule->id;
  return v.binding_rule;
}

// The first day on or after `from` on which some lot of the holder is free of every lock, as
// the rule set reports locks; `from` itself when a lot is free or the rule set cannot tell.
// Used only to date the first plan so its window opens when the shares do (a later estimate
// would only make the schedule slower, never non-compliant).
Date EarliestUnlock(const Evaluator& ev, const Ledger& ledger, std::string_view holder, Date from,
                    Date last, std::string_view pinned) {
  const TradingCalendar& cal = ev.calendar();
  std::optional<Date> best;
  std::vector<LotLockView> views;
  std::vector<LotLockView> later;
  const RuleSet* pack = ev.PackFor(from, pinned);
  if (pack == nullptr || !pack->LotLocks(holder, from, ledger, cal, views).ok()) return from;
  for (const LotLockView& v : views) {
    if (!v.locked || v.undecided != nullptr) return from;
    Date d = v.last_locked_day;
    bool found = false;
    for (int hops = 0; hops < 8 && d < last; ++hops) {  // a later lock may start on the next day
      const Date next = DaysAfter(d, 1);
      const RuleSet* p = ev.PackFor(next, pinned);
      later.clear();
      if (p == nullptr || !cal.Covers(next) ||
          !p->LotLocks(holder, next, ledger, cal, later).ok()) {
        break;
      }
      const auto it = std::find_if(later.begin(), later.end(),
                                   [&](const LotLockView& x) { return x.lot == v.lot; });
      if (it == later.end() || !it->locked || it->undecided != nullptr) {
        d = next;
        found = true;
        break;
      }
      d = std::max(it->last_locked_day, next);
    }
    if (found && (!best || d < *best)) best = d;
  }
  return best.value_or(from);
}

struct ChainPlan {  // a reduction plan scheduled but not yet published
  Date publish;
  Date start;
  Date end;
};

}  // namespace

std::string_view Name(StepKind k) {
  switch (k) {
    case StepKind::kSale:
      return "sale";
    case StepKind::kReductionPlan:
      return "reduction_plan";
    case StepKind::kEquityChangeReport:
      return "equity_change_report";
  }
  return "sale";
}

std::optional<Date> DefaultPlanStart(const Ledger& ledger, const TradingCalendar& calendar) {
  const History& h = ledger.scenario().history;
  std::optional<Date> latest;
  auto see = [&](Date d) {
    if (!latest || d > *latest) latest = d;
  };
  for (const Trade& t : h.sales) see(t.date);
  for (const Trade& t : h.purchases) see(t.date);
  for (const Announcement& a : h.announcements) see(a.published);
  if (!latest || !calendar.Covers(*latest)) return std::nullopt;
  return calendar.AddTradingDays(*latest, 1);
}

Order StepOrder(const PlanStep& step, std::string id, std::string holder) {
  Order o;
  o.id = std::move(id);
  o.holder = std::move(holder);
  o.date = step.date;
  o.method = step.method;
  o.shares = step.shares;
  return o;
}

Announcement StepAnnouncement(const PlanStep& step, std::string holder) {
  Announcement a;
  a.holder = std::move(holder);
  a.published = step.date;
  if (step.kind == StepKind::kReductionPlan) {
    a.kind = AnnouncementKind::kReductionPlan;
    a.window_start = step.window_start;
    a.window_end = step.window_end;
    a.max_shares = step.max_shares;
    a.methods = step.methods;
  } else {
    a.kind = AnnouncementKind::kEquityChangeReport;
  }
  return a;
}

Result<Plan> MakePlan(const Evaluator& evaluator, const Ledger& ledger,
                      const PlanRequest& request) {
  const TradingCalendar& cal = evaluator.calendar();
  const std::int32_t hi = ledger.HolderIndex(request.holder);
  if (hi < 0) return InvalidInput("holder: no holder with id '" + request.holder + "'");
  const Shares holding = ledger.holder(hi).TotalShares();
  if (request.shares <= 0 || request.shares > holding) {
    return InvalidInput("shares: must be from 1 to the holder's " + std::to_string(holding) +
                        " shares, got " + std::to_string(request.shares));
  }
  if (request.methods.empty()) return InvalidInput("methods: at least one method is needed");
  for (size_t i = 0; i < request.methods.size(); ++i) {
    const Method m = request.methods[i];
    if (std::find(request.methods.begin(), request.methods.begin() + static_cast<std::ptrdiff_t>(i),
                  m) != request.methods.begin() + static_cast<std::ptrdiff_t>(i)) {
      return InvalidInput("methods: " + std::string(Name(m)) + " is listed twice");
    }
    if (m != Method::kCentralizedBidding && m != Method::kBlockTrade) {
      return InvalidInput(
          "methods: the planner uses centralized_bidding and block_trade only, got " +
          std::string(Name(m)));
    }
  }
  if (request.from.is_special() || !cal.Covers(request.from)) {
    return OutOfRange("from: " + ToIso(request.from) + " is outside the trading calendar " +
                      cal.id() + " (" + ToIso(cal.first_day()) + " to " + ToIso(cal.last_day()) +
                      ")");
  }
  for (const auto* list :
       {&ledger.scenario().history.sales, &ledger.scenario().history.purchases}) {
    for (const Trade& t : *list) {
      if (t.date > request.from) {
        return InvalidInput("from: " + ToIso(request.from) + " is before a trade in history (" +
                            ToIso(t.date) + "); plan from a later date");
      }
    }
  }

  Plan plan;
  plan.requested = request.shares;
  const Date horizon = AddMonthsClipped(request.from, 12 * request.horizon_years);
  plan.last_day = std::min(horizon, cal.last_day());
  plan.calendar_cut = cal.last_day() < horizon;
  const std::optional<Date> first = cal.TradingDayOnOrAfter(request.from);
  if (!first || *first > plan.last_day) {
    return OutOfRange("from: no trading day from " + ToIso(request.from) + " to " +
                      ToIso(plan.last_day) + " in the trading calendar " + cal.id());
  }
  plan.first_day = *first;

  Ledger sim = ledger;  // the simulation writes here; the caller's ledger is untouched
  const int gap = request.pre_announce_trading_days + 1;  // window opens on the 16th trading day
  std::optional<ChainPlan> next;                          // the next reduction plan to publish
  bool chain_started = false;
  std::optional<Date> report_on;
  Shares remaining = request.shares;
  std::string_view stuck;

  Verdict v;
  Evaluator::Scratch scratch;
  CheckOptions quiet;
  quiet.explain = false;
  quiet.earliest_date = false;
  Order order;
  order.id = "PLAN";
  order.holder = request.holder;

  auto publish_plan = [&](const ChainPlan& p) -> Status {
    PlanStep s;
    s.kind = StepKind::kReductionPlan;
    s.date = p.publish;
    s.window_start = p.start;
    s.window_end = p.end;
    s.max_shares = remaining;
    s.methods = request.methods;
    cal.NoteSpan(std::min(p.publish, p.start), std::max(p.publish, p.end), s.calendar_provisional);
    if (Status st = sim.RecordAnnouncement(StepAnnouncement(s, request.holder)); !st.ok())
      return st;
    plan.steps.push_back(std::move(s));
    ++plan.plans;
    // The successor's window starts the day after this one ends; it is published the 16th
    // trading day before that window's first trading day (never overlapping: conservative).
    next.reset();
    const Date start = DaysAfter(p.end, 1);
    const std::optional<Date> start_td = cal.TradingDayOnOrAfter(start);
    if (!start_td || *start_td > plan.last_day) return Status::Ok();
    std::optional<Date> pub = TradingDaysBefore(cal, *start_td, gap);
    if (!pub || *pub <= p.publish) pub = cal.AddTradingDays(p.publish, 1);
    if (!pub) return Status::Ok();
    next = ChainPlan{*pub, start, LockLastDay(start, request.plan_max_months)};
    return Status::Ok();
  };

  auto publish_report = [&](Date d) -> Status {
    PlanStep s;
    s.kind = StepKind::kEquityChangeReport;
    s.date = d;
    // Due the trading day after the sale that touched the multiple.
    cal.NoteSpan(plan.finish.value_or(d), d, s.calendar_provisional);
    if (Status st = sim.RecordAnnouncement(StepAnnouncement(s, request.holder)); !st.ok())
      return st;
    plan.steps.push_back(std::move(s));
    ++plan.reports;
    return Status::Ok();
  };

  // Headroom of one method today: the shares that pass now (the whole rest when it passes).
  struct Headroom {
    Method method;
    Shares shares = 0;
    std::string_view binding;
  };
  auto headroom = [&](Date d, Method m, Headroom& h) -> Status {
    order.date = d;
    order.method = m;
    order.shares = remaining;
    if (Status st = evaluator.Check(order, sim, v, scratch, request.pinned_pack, quiet); !st.ok()) {
      return st;
    }
    h.method = m;
    if (v.outcome == Outcome::kPass) {
      h.shares = remaining;
      h.binding = kRequest;
    } else {
      h.shares = std::clamp<Shares>(v.max_compliant_shares, 0, remaining);
      h.binding = v.binding_rule;
    }
    return Status::Ok();
  };

  std::array<Headroom, 2> options{};
  Date last_simulated = plan.first_day;
  for (std::optional<Date> day = plan.first_day; day && *day <= plan.last_day && remaining > 0;
       day = cal.AddTradingDays(*day, 1)) {
    const Date d = *day;
    last_simulated = d;
    // 1. Announcements due today come first.
    if (next && next->publish == d) {
      if (Status st = publish_plan(*next); !st.ok()) return st;
    }
    if (report_on && *report_on == d) {
      if (Status st = publish_report(d); !st.ok()) return st;
      report_on.reset();
    }

    // 2. Today's headroom by method; the first need for a plan starts the chain of plans.
    const size_t n = request.methods.size();
    bool need_plan = false;
    for (size_t i = 0; i < n; ++i) {
      if (Status st = headroom(d, request.methods[i], options[i]); !st.ok()) return st;
      need_plan = need_plan || Violates(v, kPlanRule);
    }
    if (need_plan && !chain_started) {
      chain_started = true;
      const std::optional<Date> earliest = cal.AddTradingDays(d, gap);
      if (earliest) {
        Date start = *earliest;
        Date publish = d;
        const Date unlock =
            EarliestUnlock(evaluator, sim, request.holder, d, plan.last_day, request.pinned_pack);
        if (const auto open = cal.TradingDayOnOrAfter(unlock); open && *open > start) {
          if (const auto pub = TradingDaysBefore(cal, *open, gap)) {
            start = *open;
            publish = std::max(d, *pub);
          }
        }
        const ChainPlan first_plan{publish, start, LockLastDay(start, request.plan_max_months)};
        if (publish == d) {
          if (Status st = publish_plan(first_plan); !st.ok()) return st;
        } else {
          next = first_plan;
        }
      }
    }

    // 3. Sell the headroom, largest first; each later method is asked again after a sale.
    std::stable_sort(options.begin(), options.begin() + static_cast<std::ptrdiff_t>(n),
                     [](const Headroom& a, const Headroom& b) { return a.shares > b.shares; });
    for (size_t i = 0; i < n && remaining > 0; ++i) {
      Headroom h = options[i];
      if (i > 0 && !plan.steps.empty() && plan.steps.back().kind == StepKind::kSale &&
          plan.steps.back().date == d) {
        if (Status st = headroom(d, h.method, h); !st.ok()) return st;
      }
      if (h.shares <= 0) {
        if (stuck.empty() || i == 0) stuck = h.binding;
        continue;
      }
      order.date = d;
      order.method = h.method;
      order.shares = h.shares;
      if (Status st = evaluator.Check(order, sim, v, scratch, request.pinned_pack, quiet);
          !st.ok()) {
        return st;
      }
      if (v.outcome != Outcome::kPass) {  // a positive headroom left undecided (unknown)
        stuck = FirstBlocker(v);
        continue;
      }
      const bool touched = OwesReport(v);
      if (Status st = evaluator.Record(order, sim, request.pinned_pack); !st.ok()) return st;
      PlanStep s;
      s.kind = StepKind::kSale;
      s.date = d;
      s.method = h.method;
      s.shares = h.shares;
      s.binding_rule = h.binding;
      s.calendar_provisional = v.calendar_provisional;
      plan.steps.push_back(std::move(s));
      ++plan.sales;
      remaining -= h.shares;
      plan.sold += h.shares;
      plan.finish = d;
      stuck = {};
      if (touched) {  // a 5% multiple: report on the next trading day, then the freeze runs
        report_on = cal.AddTradingDays(d, 1);
        break;
      }
    }
  }
  // A report owed by the last sale is still part of the schedule.
  if (report_on) {
    if (Status st = publish_report(*report_on); !st.ok()) return st;
  }
  plan.complete = remaining == 0;
  cal.NoteSpan(plan.first_day, last_simulated, plan.calendar_provisional);
  for (const PlanStep& s : plan.steps) plan.calendar_provisional.Merge(s.calendar_provisional);
  if (!plan.complete) {
    plan.finish.reset();
    plan.stuck_on = stuck.empty() ? std::string_view("HOLDINGS") : stuck;
    if (plan.calendar_cut) {  // the calendar ended first: no rule is known to block for good
      plan.last_day_binding = plan.stuck_on;
      plan.stuck_on = kCalendarEnd;
    }
  }
  return plan;
}

}  // namespace reducheck
