// RuleSet: the extension point between the generic engine and the law.
//
// A RuleSet is one versioned rule pack compiled into code (rules/ builds them). It judges one
// order against a Ledger on a given date and reports, for every rule that applies, either a
// violation, an unknown, or nothing, plus the largest quantity each applicable rule allows
// (its headroom). Implementations are immutable and safe to call from many threads.
#ifndef REDUCHECK_ENGINE_RULE_SET_H_
#define REDUCHECK_ENGINE_RULE_SET_H_

#include <optional>
#include <string_view>
#include <vector>

#include "reducheck/engine/ledger.h"
#include "reducheck/engine/order.h"
#include "reducheck/engine/provisional_years.h"
#include "reducheck/engine/rule_info.h"
#include "reducheck/engine/status.h"
#include "reducheck/engine/verdict.h"

namespace reducheck {

class TradingCalendar;

// The largest quantity one rule allows for this holder, method and date.
struct Limit {
  const RuleInfo* rule = nullptr;
  Shares headroom = 0;
};

// Output buffer of one judgement; reused across calls (Clear keeps capacity).
struct Judgement {
  std::vector<Violation> violations;
  std::vector<UnknownFinding> unknown;
  std::vector<Limit> limits;
  std::vector<Obligation> obligations;
  std::vector<PenaltyEstimate> penalties;  // filled only when explaining a failure
  Shares holding = 0;  // the holder's total shares: the bound when no rule binds
  // Filled when JudgeOptions::track_changes is set (issue 11): the findings (which rules are
  // violated, which unknown) are the same on every date from the judged date up to, not
  // including, `next_change` (NeverChanges() when no date can change them). A rule set that
  // cannot name the date of a rule's next change sets the next calendar day, so the
  // earliest-date search judges the next trading day (never skips a day it could change on).
  // Without tracking it is the next calendar day.
  Date next_change;

  void Clear() {
    violations.clear();
    unknown.clear();
    limits.clear();
    obligations.clear();
    penalties.clear();
    holding = 0;
  }
};

struct JudgeOptions {
  // When set, the rules behave as if the holder had published, on this date, a valid
  // reduction plan covering the order's method and quantity (used to answer "when could the
  // whole order be sold with a new plan?").
  std::optional<Date> hypothetical_plan_published;
  // When false, violations carry no messages (used by the earliest-date search).
  bool explain = true;
  // When set, the rule set fills Judgement::next_change (the earliest-date search).
  bool track_changes = false;
  // When set, every calendar query of the judgement records here the provisional calendar years
  // it counted a day in (nothing is cleared).
  ProvisionalYears* calendar_trace = nullptr;
  // The order trades on another market of the same issuer (an H-share order before a cn set, an
  // A-share order before an hk set; docs/markets.md): judge only the rules that reach every
  // share class of the issuer (the 5% thresholds on total share capital, a controlling
  // shareholder's listing lock-up, the directors' dealing code), not the lots, caps and
  // holding bounds of the set's own class. Appends findings; sets neither `holding` nor limits
  // of the set's own class. The date need not be a trading day of the set's calendar.
  bool cross_market = false;
};

// The Judgement::next_change of findings that no later date can change.
inline Date NeverChanges() { return Date(boost::gregorian::max_date_time); }

// One lot's lock state on a date, for reports (reducheck lockup).
struct LotLockView {
  std::int32_t lot = -1;  // index into holder.lots
  bool locked = false;
  Date last_locked_day;                 // when locked: the latest end among its locks
  std::vector<const RuleInfo*> rules;   // the rules locking it on that date
  const RuleInfo* undecided = nullptr;  // a lock that cannot be decided (missing input)
};

class RuleSet {
 public:
  virtual ~RuleSet() = default;
  virtual std::string_view id() const = 0;
  virtual Date effective_from() const = 0;
  virtual std::optional<Date> effective_to() const = 0;  // last day in force, inclusive
  // The market whose orders it judges ("cn": A shares on SSE/SZSE/BSE; "hk": H shares on the
  // HKEX). It counts days on that market's calendar (EvaluatorBuilder).
  virtual std::string_view market() const = 0;
  // Every rule this set knows, implemented or not (for `reducheck rules`).
  virtual const std::vector<const RuleInfo*>& rules() const = 0;

  // Judges `order` as if proposed on `date` (which may differ from order.date during the
  // earliest-date search). Appends to `out` (not cleared). A non-ok Status means the order
  // cannot be evaluated at all (unknown holder, date outside the calendar).
  virtual Status Judge(const Order& order, Date date, const Ledger& ledger,
                       const TradingCalendar& calendar, const JudgeOptions& options,
                       Judgement& out) const = 0;

  // The lots an executed sale `order` (on order.date) takes shares from, in the order the rules
  // deem shares sold (so later checks see the same quotas the verdict assumed). Appends to
  // `draws`, which then add up to order.shares.
  // Every lot of `holder` and its lock state on `date` (appends to `out`). To find when a lot
  // unlocks, ask again on the day after last_locked_day: a later lock may start then.
  virtual Status LotLocks(std::string_view holder, Date date, const Ledger& ledger,
                          const TradingCalendar& calendar, std::vector<LotLockView>& out) const = 0;

  virtual Status AllocateSale(const Order& order, const Ledger& ledger,
                              const TradingCalendar& calendar,
                              std::vector<LotDraw>& draws) const = 0;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_RULE_SET_H_
