// Evaluator: judges orders against a Ledger with the rule set in force on each order's date,
// of the market of the order's share class (A: "cn", H: "hk"; docs/markets.md), together with
// the cross-market rules of every other market the issuer is listed on.
//
// Built once from rule sets and a calendar (EvaluatorBuilder, consumed by Build() &&), then
// shared: Check is const and thread-safe. Check on a passing order allocates nothing once the
// caller's Verdict and Scratch have warmed up (reuse them across calls).
#ifndef REDUCHECK_ENGINE_EVALUATOR_H_
#define REDUCHECK_ENGINE_EVALUATOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/calendar.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/engine/order.h"
#include "reducheck/engine/rule_set.h"
#include "reducheck/engine/status.h"
#include "reducheck/engine/verdict.h"

namespace reducheck {

struct EvaluatorOptions {
  // How far the earliest_full_date search looks ahead (contract: three years). The search
  // also stops at the calendar's last day and says so in the reason.
  int earliest_date_horizon_years = 3;
  // How the search moves between dates. kJump (the default, issue 11): from each date tried to
  // the rule set's Judgement::next_change, the first date on which any rule's answer can
  // change (a sale leaving the window, a lock's end, a plan window, ...). kDayByDay: every
  // trading day; the reference the property test (test/rules/earliest_date_property_test.cpp)
  // compares kJump with. Both give the same verdict.
  enum class Search { kJump, kDayByDay };
  Search earliest_date_search = Search::kJump;
};

// What one Check computes beyond the verdict itself.
struct CheckOptions {
  bool explain = true;        // messages, facts, penalty estimates for violations
  bool earliest_date = true;  // search earliest_full_date (and its reason) on a failure
};

class Evaluator {
 public:
  // Per-thread working memory for Check; reuse it to keep the pass path allocation-free.
  struct Scratch {
    Judgement judgement;
  };

  // Judges one order. `pinned_pack`: a pack id to use instead of the one in force on the
  // order's date. Non-ok Status: the order cannot be evaluated (exit code 2 at the CLI).
  Status Check(const Order& order, const Ledger& ledger, Verdict& out, Scratch& scratch,
               std::string_view pinned_pack = {}, CheckOptions options = {}) const;
  Result<Verdict> Check(const Order& order, const Ledger& ledger,
                        std::string_view pinned_pack = {}) const;

  // Records an executed sale in `ledger` (a batch line that passed, a planned step, a desk
  // fill): the rule set in force picks the lots in its deemed order, then the ledger updates
  // its history and indices. The one write path shared by batch, planner and service. Not
  // thread-safe against concurrent Checks on the same ledger.
  Status Record(const Order& executed, Ledger& ledger, std::string_view pinned_pack = {}) const;
  // The first half of Record, without the write: the lots the rule set in force would draw
  // for `executed`, validated against the ledger (Ledger::ValidateSale). A caller that must
  // persist a sale before applying it (the service) calls this, stores the draws, then
  // Ledger::RecordSale with them.
  Status AllocateDraws(const Order& executed, const Ledger& ledger, std::vector<LotDraw>& draws,
                       std::string_view pinned_pack = {}) const;

  // The cn rule set in force on `date`, or the one named `pinned` (nullptr if none).
  const RuleSet* PackFor(Date date, std::string_view pinned = {}) const {
    return PackFor("cn", date, pinned);
  }
  // The rule set of `market` in force on `date`, or the one named `pinned` (nullptr if none or
  // if the pinned set is of another market).
  const RuleSet* PackFor(std::string_view market, Date date, std::string_view pinned = {}) const;
  const std::vector<std::shared_ptr<const RuleSet>>& packs() const { return packs_; }
  // The cn market's calendar (A shares).
  const TradingCalendar& calendar() const { return calendars_.front().calendar; }
  // The calendar `market`'s rule sets count days on; nullptr when none was given.
  const TradingCalendar* CalendarOf(std::string_view market) const;

 private:
  friend class EvaluatorBuilder;
  struct MarketCalendar {
    std::string market;
    TradingCalendar calendar;
  };
  Evaluator(std::vector<std::shared_ptr<const RuleSet>> packs,
            std::vector<MarketCalendar> calendars, EvaluatorOptions options);
  void FindEarliestFullDate(const Order& order, const Ledger& ledger, std::string_view pinned,
                            const TradingCalendar& calendar, Verdict& out, Scratch& scratch) const;
  // Judges `order` on `date` with `pack` (the set of the order's market), then with the set in
  // force of every other market the issuer is listed on, in cross-market mode
  // (JudgeOptions::cross_market). A market without a set in force or a calendar covering the
  // date is reported as an unknown finding (XMKT-UNCOVERED), never skipped in silence.
  Status JudgeAllMarkets(const Order& order, Date date, const Ledger& ledger, const RuleSet& pack,
                         const TradingCalendar& calendar, const JudgeOptions& options,
                         Judgement& out, const RuleSet** cross_used = nullptr) const;

  std::vector<std::shared_ptr<const RuleSet>> packs_;  // sorted by market, then effective_from
  std::vector<MarketCalendar> calendars_;              // [0] is the cn calendar
  EvaluatorOptions options_;
};

// The finding of a market the issuer is listed on whose rules could not be applied to a date
// (no rule pack of that market in force, or its calendar does not cover the date).
const RuleInfo& CrossMarketUncoveredRule();

class EvaluatorBuilder {
 public:
  // `calendar`: the cn market's (A shares).
  explicit EvaluatorBuilder(TradingCalendar calendar);
  // The calendar of another market's rule sets ("hk").
  EvaluatorBuilder& AddCalendar(std::string market, TradingCalendar calendar);
  EvaluatorBuilder& AddPack(std::shared_ptr<const RuleSet> pack);
  EvaluatorBuilder& SetOptions(EvaluatorOptions options);
  // Fails when two packs of one market overlap in time, two packs share an id, or a pack's
  // market has no calendar.
  Result<Evaluator> Build() &&;

 private:
  std::vector<Evaluator::MarketCalendar> calendars_;
  std::vector<std::shared_ptr<const RuleSet>> packs_;
  EvaluatorOptions options_;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_EVALUATOR_H_
