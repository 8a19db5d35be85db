// JudgeContext: what every rule of the cn rule set needs to know about one order on one date,
// derived once per judgement (holder status, share classes, lock state, quotas).
// Internal to rules/. All members are plain values; building it allocates nothing.
#ifndef REDUCHECK_RULES_JUDGE_CONTEXT_H_
#define REDUCHECK_RULES_JUDGE_CONTEXT_H_

#include <optional>
#include <vector>

#include "reducheck/engine/calendar.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/engine/order.h"
#include "reducheck/engine/rule_set.h"
#include "reducheck/rules/pack.h"

namespace reducheck::rules_internal {

using rules::RulePack;

// Lock state of one lot on the judgement date.
struct LotLock {
  bool locked = false;
  Date last_day;                              // last locked day (max over locking rules)
  const RuleInfo* rules[8] = {};              // rules locking it (at most 8)
  int rule_count = 0;
  const RuleInfo* unknown_rule = nullptr;     // a lock that cannot be decided
  const char* unknown_what_en = nullptr;
  const char* unknown_what_zh = nullptr;
  void Add(const RuleInfo* r, Date last) {
    if (!locked || last > last_day) last_day = last;
    locked = true;
    if (rule_count < 8) rules[rule_count++] = r;
  }
};

// One lot's state on the judgement date, for recording a sale (AllocateSale).
struct LotState {
  bool locked = false;
  bool capped = false;
  Date last_locked_day;  // when locked
  LotLock lock;          // the full lock record (rules, undecided lock)
};

// The holder's shares split by cap class and lock state (spec §1, A2).
struct ShareSplit {
  Shares capped_free = 0;    // C: subject to the caps, not locked
  Shares exempt_free = 0;    // U: outside the caps, not locked
  Shares capped_locked = 0;  // Lc
  Shares exempt_locked = 0;  // Le
  Shares total() const { return capped_free + exempt_free + capped_locked + exempt_locked; }
  Shares free() const { return capped_free + exempt_free; }
};

struct JudgeContext {
  JudgeContext(const RulePack& p, const Ledger& l, const TradingCalendar& c, const Order& o, Date d,
               const JudgeOptions& opt)
      : pack(p), ledger(l), calendar(c), order(o), date(d), options(opt) {}

  const RulePack& pack;
  const Ledger& ledger;
  const TradingCalendar& calendar;
  const Order& order;
  Date date;
  const JudgeOptions& options;

  std::int32_t holder_index = -1;
  const Holder* holder = nullptr;
  std::int32_t group = -1;
  Shares total_shares = 0;   // total share capital on `date` (ledger.capital(), current units)
  Shares holding = 0;        // the holder's own shares
  Shares group_holding = 0;  // with concert parties, before the order

  bool declared_major = false;     // role controlling/actual controller/major shareholder
  bool major_by_holding = false;   // group holds >= 5% now
  bool in_post5_tail = false;      // fell below 5% within the last 90 days (CAP-POST5-90D)
  std::optional<Date> post5_fell_on;
  bool major = false;              // any of the above: major-shareholder rules apply
  bool dno = false;                // director/supervisor/senior manager (in office or in the tail)
  // A former D&O past the months after departure with no term_end: whether it left before the
  // end of its term (and so is still bound) cannot be told; dno is false and the D&O rules that
  // would bind it report `unknown` (cn_rule_set.cpp, issue 15 defect 4).
  bool dno_undetermined = false;
  // Controllers (status.cpp; each includes, by pack, the concert parties):
  bool controlling = false;         // controlling shareholder / actual controller now (Arts 8, 10)
  bool controlling_at_ipo = false;  // controller at the IPO, even after losing control (Art.11)
  bool lock_controller = false;     // either: the controller lock-ups

  ShareSplit split;
  // Cap quota left for the order's method in the cap window (may be negative: already over).
  bool has_cap = false;            // the method is capped (CB or BT) for this holder
  const RuleInfo* cap_rule = nullptr;
  Shares cap = 0;
  Shares cap_base = 0;  // the total share capital the cap is a share of (smallest in the window)
  Shares sold_in_window = 0;
  Date window_first;
  Shares quota_left = 0;           // max(0, cap - sold_in_window)

  // When set, JudgeLocks records each lot's state here, in holder.lots order.
  std::vector<LotState>* lot_states = nullptr;

  bool exchange_trade() const {
    return order.method == Method::kCentralizedBidding || order.method == Method::kBlockTrade;
  }
};

// Shares of an order of n deemed to come from capped sources: capped-free up to the quota
// first, then exempt-free, then capped-free beyond the quota, then locked lots (exempt
// first). Spec §1 / A2 (S4: restricted sources first up to the cap, then unrestricted).
Shares CappedPart(const ShareSplit& s, Shares quota, Shares n);
// Largest n whose CappedPart is at most `r` (bounded by the holding).
Shares MaxWithCappedAtMost(const ShareSplit& s, Shares quota, Shares r);

// floor(bp/10000 * total): quotas round down (A23).
Shares BpOf(std::int64_t bp, Shares total);

}  // namespace reducheck::rules_internal

#endif  // REDUCHECK_RULES_JUDGE_CONTEXT_H_
