// Planner: the fastest compliant schedule to sell N shares of one holder (`reducheck plan`).
//
// Pure logic on the engine (no I/O): it copies the Ledger and simulates trading days, asking
// Evaluator::Check for each day's headroom per method and Evaluator::Record for each planned
// sale, and publishing (Ledger::RecordAnnouncement) the reduction plans and equity change
// reports the sales need. Every step it returns is one a replay through the same calls on a
// fresh copy of the ledger accepts (docs/planner.md describes the algorithm and its limits).
#ifndef REDUCHECK_ENGINE_PLANNER_H_
#define REDUCHECK_ENGINE_PLANNER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/history.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/engine/order.h"
#include "reducheck/engine/status.h"
#include "reducheck/engine/types.h"

namespace reducheck {

struct PlanRequest {
  std::string holder;  // holder id in the scenario
  Shares shares = 0;   // shares to sell, 1..holding
  // First day of the simulation (rolled forward to a trading day). Must not be before the
  // last sale or purchase in history. DefaultPlanStart gives the usual value.
  Date from;
  // Methods the planner may use: centralized bidding and/or block trade (others are refused:
  // transfers have minimum sizes and prices a headroom cannot express).
  std::vector<Method> methods = {Method::kCentralizedBidding, Method::kBlockTrade};
  std::string pinned_pack;  // the scenario's rule_pack, or empty: the pack in force per date
  // Stop after this many years from `from` (or the calendar's last day, whichever is first).
  int horizon_years = 3;
  // Plan timing the planner writes (cn-2024: 15 trading days strictly between publication and
  // the window's first day; interval at most 3 months). A pack allowing more (cn-2017: 6
  // months) still accepts these plans; a pack demanding more would reject them in the replay.
  int pre_announce_trading_days = 15;
  int plan_max_months = 3;
};

enum class StepKind { kSale, kReductionPlan, kEquityChangeReport };
std::string_view Name(StepKind k);  // "sale" | "reduction_plan" | "equity_change_report"

// Plan::stuck_on when the trading calendar, not a rule, ended the simulation.
inline constexpr std::string_view kCalendarEnd = "CALENDAR-END";

// One line of the schedule. Steps come in date order; on one date, announcements come before
// the sales.
struct PlanStep {
  StepKind kind = StepKind::kSale;
  Date date;  // sale date or publication date
  // kSale
  Method method = Method::kCentralizedBidding;
  Shares shares = 0;
  std::string_view binding_rule;  // what set the sale's size ("REQUEST" when the rest fit)
  // kReductionPlan
  Date window_start;
  Date window_end;  // last day included
  Shares max_shares = 0;
  std::vector<Method> methods;
  // Provisional calendar years the step's dating counted a day in (a sale: its verdict; a plan:
  // publication to window start; a report: the sale to its due day). Non-empty: calendar caveat.
  ProvisionalYears calendar_provisional;
};

struct Plan {
  std::vector<PlanStep> steps;
  Shares requested = 0;
  Shares sold = 0;
  bool complete = false;       // sold == requested
  std::optional<Date> finish;  // date of the last sale (when complete)
  Date first_day;              // first trading day simulated
  Date last_day;               // last day the simulation could use (horizon or calendar end)
  bool calendar_cut = false;   // last_day is the calendar's end, before the horizon
  // When incomplete: the rule that kept the headroom at zero on the last day simulated, or
  // the rule left undecided ("unknown") that kept a positive headroom from being sold; or
  // kCalendarEnd when the simulation ran out of trading calendar before the horizon (what the
  // rules allow after the calendar's end is not known; `last_day_binding` names the rule that
  // bound on the calendar's last day).
  std::string_view stuck_on;
  std::string_view last_day_binding;
  // Provisional calendar years of the days simulated (first_day .. the last day simulated).
  ProvisionalYears calendar_provisional;
  int sales = 0;
  int plans = 0;
  int reports = 0;
};

// The first trading day after the scenario's latest history date (sales, purchases,
// announcements); nullopt when the history is empty or that day is outside the calendar.
std::optional<Date> DefaultPlanStart(const Ledger& ledger, const TradingCalendar& calendar);

// Simulates the schedule. A non-ok Status: the request cannot be planned (unknown holder,
// shares outside 1..holding, a method other than bidding or block trade, `from` outside the
// calendar or before the history's last trade, no pack in force).
Result<Plan> MakePlan(const Evaluator& evaluator, const Ledger& ledger, const PlanRequest& request);

// The order a sale step stands for (id, holder, date, method, shares; no price), and the
// announcement a plan or report step stands for: what a replay feeds to Check/Record and
// RecordAnnouncement.
Order StepOrder(const PlanStep& step, std::string id, std::string holder);
Announcement StepAnnouncement(const PlanStep& step, std::string holder);

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_PLANNER_H_
