// JudgeContext: what every rule of the cn rule set needs to know about one order on one date,
// derived once per judgement (holder status, share classes, lock state, quotas).
// Internal to rules/. All members are plain values; building it allocates nothing.
#ifndef REDUCHECK_RULES_JUDGE_CONTEXT_H_
#define REDUCHECK_RULES_JUDGE_CONTEXT_H_

#include <algorithm>
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
  Date last_day;                  // last locked day (max over locking rules)
  const RuleInfo* rules[8] = {};  // rules locking it (at most 8)
  int rule_count = 0;
  const RuleInfo* unknown_rule = nullptr;  // a lock that cannot be decided
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

// When the findings of a judgement can next change (JudgeOptions::track_changes, issue 11).
// Every family reports, for the rules it judges, the dates on which their answer can change
// for the same order: At(d) "may change on d", After(last) "may change the day after last",
// EveryDay() "cannot tell: judge the next day too" (the safe fallback). Dates not after the
// judged date are ignored (already past). A family that reports nothing at all falls back to
// EveryDay() (cn_rule_set.cpp checks it after each family), so a new rule is stepped day by day
// until its family names its dates. The earliest of all reports is Judgement::next_change.
class NextChange {
 public:
  explicit NextChange(Date date) : date_(date), next_(NeverChanges()) {}
  void At(Date d) {
    reported_ = true;
    if (d > date_ && d < next_) next_ = d;
  }
  void At(std::optional<Date> d) {
    reported_ = true;
    if (d) At(*d);
  }
  void After(Date last) {
    reported_ = true;
    if (last >= date_ && last < next_) next_ = last + boost::gregorian::days(1);
  }
  void EveryDay() { At(date_ + boost::gregorian::days(1)); }
  // Nothing the family judges can change with the date (given what the others report).
  void Never() { reported_ = true; }
  Date date() const { return date_; }
  Date next() const { return next_; }
  // Family bookkeeping (cn_rule_set.cpp).
  void BeginFamily() { reported_ = false; }
  void EndFamily() {
    if (!reported_) EveryDay();
  }

 private:
  Date date_;
  Date next_;
  bool reported_ = false;
};

struct RuleRefs;  // families.h

struct JudgeContext {
  JudgeContext(const RulePack& p, const RuleRefs& r, const Ledger& l, const TradingCalendar& c,
               const Order& o, Date d, const JudgeOptions& opt)
      : pack(p),
        refs(r),
        ledger(l),
        calendar(c, opt.calendar_trace),
        order(o),
        date(d),
        options(opt) {}

  const RulePack& pack;
  // The rules as this pack cites them on `date` (its citation period): every finding names one.
  const RuleRefs& refs;
  const Ledger& ledger;
  // Every calendar query of a rule goes through here, so the provisional years it counted are
  // recorded in options.calendar_trace (the verdict's calendar caveat).
  TracedCalendar calendar;
  const Order& order;
  Date date;
  const JudgeOptions& options;

  std::int32_t holder_index = -1;
  const Holder* holder = nullptr;
  std::int32_t group = -1;
  Shares total_shares = 0;   // total share capital on `date` (ledger.capital(), current units)
  Shares holding = 0;        // the holder's own shares
  Shares group_holding = 0;  // with concert parties, before the order

  bool declared_major = false;    // role controlling/actual controller/major shareholder
  bool major_by_holding = false;  // group holds >= 5% now
  bool in_post5_tail = false;     // fell below 5% within the last 90 days (CAP-POST5-90D)
  std::optional<Date> post5_fell_on;
  bool major = false;  // any of the above: major-shareholder rules apply
  bool dno = false;    // director/supervisor/senior manager (in office or in the tail)
  // A former D&O past the months after departure with no term_end: whether it left before the
  // end of its term (and so is still bound) cannot be told; dno is false and the D&O rules that
  // would bind it report `unknown` (cn_rule_set.cpp, issue 15 defect 4).
  bool dno_undetermined = false;
  // The D&O departure the rules use: the holder's `departed`, or for a supervisor (and no other
  // D&O role) the day its company abolished the supervisory board, when earlier and the pack
  // reads the abolition as a departure (supervisor_abolition_is_departure). status.cpp.
  std::optional<Date> dno_departed;
  // A supervisor of a company with no abolition date on file, on or after the transition's end
  // (supervisor_transition_end): DIR-LEAVE-6M is unknown while the lock could run.
  bool supervisor_abolition_unknown = false;
  // Controllers (status.cpp; each includes, by pack, the concert parties):
  bool controlling = false;         // controlling shareholder / actual controller now (Arts 8, 10)
  bool controlling_at_ipo = false;  // controller at the IPO, even after losing control (Art.11)
  bool lock_controller = false;     // either: the controller lock-ups

  ShareSplit split;
  // Cap quota left for the order's method in the cap window (may be negative: already over).
  bool has_cap = false;  // the method is capped (CB or BT) for this holder
  const RuleInfo* cap_rule = nullptr;
  Shares cap = 0;
  Shares cap_base = 0;  // the total share capital the cap is a share of (smallest in the window)
  Shares sold_in_window = 0;
  Date window_first;
  Shares quota_left = 0;  // max(0, cap - sold_in_window)
  // CAP-VC (caps.cpp): a VC fund's pre-IPO shares under the reverse link. vc_cap: the quota
  // above is the fund's own over the last vc_window_days days (0: no ratio limit, quota_left
  // is the holding) and cap_rule is CAP-VC. vc_months: the fund's investment period to the
  // listing in whole months (-1: no vc record). vc_not_applied: why a fund keeps the ordinary
  // caps (a fact of their violations), or nullptr.
  bool vc_cap = false;
  std::int32_t vc_window_days = 0;
  std::int32_t vc_months = -1;
  const char* vc_not_applied = nullptr;

  // When set, JudgeLocks records each lot's state here, in holder.lots order.
  std::vector<LotState>* lot_states = nullptr;

  // When set (JudgeOptions::track_changes), where the families report their next change.
  NextChange* change = nullptr;
  // The cap quota is non-decreasing in the date until this date (no later sale by the method
  // enters the window and no corporate action changes the capital before it): the families
  // that read quota_left report the first date a monotone test of it flips (QuotaFlipDate).
  Date quota_monotone_until;

  void ChangesAt(Date d) const {
    if (change != nullptr) change->At(d);
  }
  void ChangesAt(std::optional<Date> d) const {
    if (change != nullptr) change->At(d);
  }
  void ChangesAfter(Date last) const {
    if (change != nullptr) change->After(last);
  }
  void ChangesAfter(std::optional<Date> last) const {
    if (change != nullptr && last) change->After(*last);
  }
  void ChangesEveryDay() const {
    if (change != nullptr) change->EveryDay();
  }
  void Stable() const {
    if (change != nullptr) change->Never();
  }

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

// The cap quota left for the order's method on `date` (ComputeCapQuota's figure, for another
// date; tracking only).
Shares QuotaLeftOn(const JudgeContext& ctx, Date date);
// The first date after ctx.date before which every quota_left is at most `horizon` days away
// from its last change (quota_monotone_until, or the day every sale of the window has left).
Date QuotaSearchEnd(const JudgeContext& ctx);

// Reports (ctx.change) the first date after ctx.date on which test(quota_left of that date)
// differs from test(ctx.quota_left), or quota_monotone_until when none before it does. `test`
// must be monotone in the quota (flip at most once as the quota grows): the quota only grows
// before quota_monotone_until, so a binary search over the dates finds the flip. No-op without
// tracking or without a cap.
template <class Test>
void ReportQuotaFlip(const JudgeContext& ctx, Test test) {
  if (ctx.change == nullptr) return;
  if (!ctx.has_cap) {
    ctx.Stable();
    return;
  }
  const bool now = test(ctx.quota_left);
  // Only a flip before the next change already reported matters (and the quota is constant
  // from QuotaSearchEnd - 1 to quota_monotone_until).
  const Date end = std::min(QuotaSearchEnd(ctx), ctx.change->next());
  const boost::gregorian::days one(1);
  Date lo = ctx.date;  // test == now
  Date hi = end - one;
  if (hi <= lo || test(QuotaLeftOn(ctx, hi)) == now) {
    ctx.ChangesAt(ctx.quota_monotone_until);
    return;
  }
  while ((hi - lo).days() > 1) {  // test(lo) == now, test(hi) != now
    const Date mid = lo + boost::gregorian::days((hi - lo).days() / 2);
    (test(QuotaLeftOn(ctx, mid)) == now ? lo : hi) = mid;
  }
  ctx.ChangesAt(hi);
  ctx.ChangesAt(ctx.quota_monotone_until);
}

// floor(bp/10000 * total): quotas round down (A23).
Shares BpOf(std::int64_t bp, Shares total);
// ceil(bp/10000 * total): the fewest shares that hold at least bp of total.
Shares CeilBp(std::int64_t bp, Shares total);

}  // namespace reducheck::rules_internal

#endif  // REDUCHECK_RULES_JUDGE_CONTEXT_H_
