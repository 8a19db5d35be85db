// Verdict: the answer for one order (contract.md §2), as plain values.
//
// A Verdict is reused across checks: Clear() keeps vector capacity, so a desk loop that reuses
// one Verdict allocates nothing for a passing order. Messages and free text are built only for
// violations, unknowns and the earliest-date reason (never on the pass path).
// String views (rule ids, fact keys, kinds, pack id) point at static or evaluator-owned storage
// and stay valid while the Evaluator lives.
#ifndef REDUCHECK_ENGINE_VERDICT_H_
#define REDUCHECK_ENGINE_VERDICT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "reducheck/engine/money.h"
#include "reducheck/engine/provisional_years.h"
#include "reducheck/engine/types.h"

namespace reducheck {

// Penalty categories of the CSRC draft rules (spec §9) plus short-swing (category 5).
enum class Category : std::uint8_t {
  kNone = 0,  // informational
  kRestrictedOriginalShares = 1,
  kRestrictedPeriodOther = 2,
  kProcedural = 3,
  kStopTrading = 4,
  kShortSwing = 5,
};
std::string_view CategoryName(Category c);  // "restricted_original_shares", ...

struct Text {  // a message in both languages
  std::string en;
  std::string zh;
};

struct DateRange {  // inclusive
  Date first;
  Date last;
};
struct Ratio {  // part / whole, rendered as an exact percentage by adapters
  std::int64_t part = 0;
  std::int64_t whole = 1;
};
using FactValue = std::variant<std::int64_t, Date, DateRange, Money, Ratio, std::string, bool>;
struct Fact {
  std::string_view key;  // static literal, snake_case
  FactValue value;
};

struct RuleInfo;  // rules/rule_catalog.h: id, category, citations, titles

struct Violation {
  const RuleInfo* rule = nullptr;
  Category category = Category::kNone;  // may differ from the rule's default (per lot source)
  Shares shares_in_breach = 0;
  std::vector<Fact> facts;
  Text message;
};

struct UnknownFinding {  // a rule that could not decide: verdict cannot be `pass`
  const RuleInfo* rule = nullptr;
  Text missing;  // what input was missing or which rule is not built
};

struct Obligation {  // non-blocking duties the sale triggers
  // "report_1pct_change", "equity_change_report", "trading_freeze", "plan_completion_report",
  // "plan_progress_report", "dno_change_report", "transferee_locked"; the hk pack's
  // "sfo_interest_notice", "sfo_director_notice" (docs/input-format.md).
  std::string_view kind;
  const RuleInfo* rule = nullptr;
  std::optional<Date> due;        // deadline (inclusive)
  std::optional<Date> until;      // last day of a restriction it announces, when known
  std::int32_t threshold_bp = 0;  // the multiple touched, in basis points of total shares
};

// Penalty exposure of one category of breach (spec §9; contract §2 `penalty`). Tier figures
// come from the CSRC draft penalty rules (unverified) and are labelled as such.
struct PenaltyEstimate {
  Category category = Category::kNone;
  Shares shares_in_breach = 0;              // largest breach among the category's violations
  std::optional<Money> sale_amount;         // shares_in_breach x order price; none without a price
  std::string_view circumstance;            // "lighter" | "general" | "heavier" | "undetermined"
  std::string_view basis;                   // "sale_amount_pct" | "gain_multiple" | "fixed_amount"
  std::optional<std::int32_t> rate_min_bp;  // sale_amount_pct: fine as a share of the amount
  std::optional<std::int32_t> rate_max_bp;
  std::optional<std::int32_t> multiple_min;  // gain_multiple: times the illegal gain
  std::optional<std::int32_t> multiple_max;
  std::optional<Money> fine_min;
  std::optional<Money> fine_max;
  std::optional<Money> statutory_max;  // Securities Law Art.186: the value traded in breach
  bool draft = true;                   // figures from the draft rules
  Text note;
};

enum class Outcome : std::uint8_t { kPass, kFail, kUnknown };
std::string_view OutcomeName(Outcome o);  // "pass" | "fail" | "unknown"

struct Verdict {
  Outcome outcome = Outcome::kPass;
  std::vector<Violation> violations;
  std::vector<UnknownFinding> unknown;
  Shares max_compliant_shares = 0;
  std::string_view binding_rule;  // rule id, or "HOLDINGS" when the holding itself binds
  std::optional<Date> earliest_full_date;
  Text earliest_full_date_reason;  // empty when earliest_full_date is the order date
  std::vector<Obligation> obligations;
  std::vector<PenaltyEstimate> penalties;  // failing verdicts: one per category, [0] leads
  std::string_view rule_pack;
  std::string_view calendar;
  // An A+H issuer's order: the other market's pack whose cross-market rules judged it too
  // (contract: `cross_market_pack`); empty otherwise.
  std::string_view cross_market_pack;
  // Provisional calendar years whose days this verdict's reasoning counted (the order date, the
  // trading-day counts of its rules, the earliest-date search). Non-empty: the verdict carries the
  // calendar caveat (contract: `calendar_provisional_years`).
  ProvisionalYears calendar_provisional;

  void Clear() {
    outcome = Outcome::kPass;
    violations.clear();
    unknown.clear();
    max_compliant_shares = 0;
    binding_rule = {};
    earliest_full_date.reset();
    earliest_full_date_reason.en.clear();
    earliest_full_date_reason.zh.clear();
    obligations.clear();
    penalties.clear();
    rule_pack = {};
    calendar = {};
    cross_market_pack = {};
    calendar_provisional.Clear();
  }
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_VERDICT_H_
