// Evaluator: judges orders against a Ledger with the rule set in force on each order's date.
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

  // The rule set in force on `date`, or the one named `pinned` (nullptr if none).
  const RuleSet* PackFor(Date date, std::string_view pinned = {}) const;
  const std::vector<std::shared_ptr<const RuleSet>>& packs() const { return packs_; }
  const TradingCalendar& calendar() const { return calendar_; }

 private:
  friend class EvaluatorBuilder;
  Evaluator(std::vector<std::shared_ptr<const RuleSet>> packs, TradingCalendar calendar,
            EvaluatorOptions options);
  void FindEarliestFullDate(const Order& order, const Ledger& ledger, std::string_view pinned,
                            Verdict& out, Scratch& scratch) const;

  std::vector<std::shared_ptr<const RuleSet>> packs_;  // sorted by effective_from
  TradingCalendar calendar_;
  EvaluatorOptions options_;
};

class EvaluatorBuilder {
 public:
  explicit EvaluatorBuilder(TradingCalendar calendar) : calendar_(std::move(calendar)) {}
  EvaluatorBuilder& AddPack(std::shared_ptr<const RuleSet> pack);
  EvaluatorBuilder& SetOptions(EvaluatorOptions options);
  // Fails when two packs overlap in time or share an id.
  Result<Evaluator> Build() &&;

 private:
  TradingCalendar calendar_;
  std::vector<std::shared_ptr<const RuleSet>> packs_;
  EvaluatorOptions options_;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_EVALUATOR_H_
