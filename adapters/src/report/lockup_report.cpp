// BuildLockupReport: the unlock walk, quota probes and sellable totals (lockup_report.h).
#include "report/lockup_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "reducheck/engine/calendar.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/order.h"
#include "reducheck/engine/rule_set.h"

namespace reducheck::adapters {

namespace {

// The rules whose Judgement.limits are quotas worth showing after a lot unlocks.
constexpr std::string_view kQuotaRules[] = {"CAP-CB-1PCT",   "CAP-BT-2PCT", "DIR-25PCT",
                                            "LOCK-CTP-STAR", "LOCK-UNPROF", "LOCK-COMMIT"};
constexpr int kMaxWalkSteps = 64;  // more chained locks than any lot can have

bool IsQuotaRule(std::string_view id) {
  return std::find(std::begin(kQuotaRules), std::end(kQuotaRules), id) != std::end(kQuotaRules);
}

bool IsDno(const Holder& h) {
  return HasRole(h.roles, Role::kDirector) || HasRole(h.roles, Role::kSupervisor) ||
         HasRole(h.roles, Role::kSeniorManager);
}

// LotLocks answers for every lot of a holder; the walk asks the same (holder, date) often.
class LockOracle {
 public:
  LockOracle(const Evaluator& evaluator, const Ledger& ledger, std::string_view pinned)
      : evaluator_(evaluator), ledger_(ledger), pinned_(pinned) {}

  // The view of `lot` of `holder` on `date`, or a non-ok Status.
  Result<LotLockView> View(std::int32_t holder, std::int32_t lot, Date date) {
    const auto key = std::make_pair(holder, date);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      const RuleSet* pack = evaluator_.PackFor(date, pinned_);
      if (pack == nullptr) {
        return OutOfRange("no rule pack in force on " + ToIso(date));
      }
      std::vector<LotLockView> views;
      Status st =
          pack->LotLocks(ledger_.holder(holder).id, date, ledger_, evaluator_.calendar(), views);
      if (!st.ok()) return st;
      it = cache_.emplace(key, std::move(views)).first;
    }
    for (const LotLockView& v : it->second) {
      if (v.lot == lot) return v;
    }
    return Internal("LotLocks returned no view for lot " + std::to_string(lot));
  }

 private:
  const Evaluator& evaluator_;
  const Ledger& ledger_;
  std::string_view pinned_;
  std::map<std::pair<std::int32_t, Date>, std::vector<LotLockView>> cache_;
};

// Rules are compared by id: each pack (and each citation period of a pack) has its own
// RuleInfo, so the same lock seen on both sides of a period boundary has two addresses.
bool SameRule(const RuleInfo* a, const RuleInfo* b) {
  return a == b || (a != nullptr && b != nullptr && a->id == b->id);
}

bool Names(const LotLockView& v, const RuleInfo* rule) {
  return std::any_of(v.rules.begin(), v.rules.end(),
                     [&](const RuleInfo* r) { return SameRule(r, rule); });
}

// The last day in [from, to] on which `rule` still locks the lot, assuming it locks one
// contiguous stretch that starts by `from` (binary search over LotLocks).
Date LastDayOf(LockOracle& oracle, std::int32_t holder, std::int32_t lot, const RuleInfo* rule,
               Date from, Date to) {
  Date lo = from;  // locks on lo
  Date hi = to;    // answer is in [lo, hi]
  while (lo < hi) {
    const Date mid = lo + boost::gregorian::days(((hi - lo).days() + 1) / 2);
    Result<LotLockView> v = oracle.View(holder, lot, mid);
    if (v.ok() && v.value().locked && Names(v.value(), rule)) {
      lo = mid;
    } else {
      hi = mid - boost::gregorian::days(1);
    }
  }
  return lo;
}

void Walk(LockOracle& oracle, const TradingCalendar& calendar, Date as_of, LotUnlock& out) {
  Date d = as_of;
  for (int step = 0; step < kMaxWalkSteps; ++step) {
    Result<LotLockView> got = oracle.View(out.holder, out.lot, d);
    if (!got.ok()) {
      out.state = UnlockState::kError;
      out.stopped_on = d;
      out.note = got.status().message();
      return;
    }
    const LotLockView& v = got.value();
    const auto stop_undecided = [&]() {
      out.state = UnlockState::kUndecided;
      out.undecided = v.undecided;
      out.stopped_on = d;
    };
    if (!v.locked) {
      if (v.undecided != nullptr) return stop_undecided();
      if (step == 0) {
        out.state = UnlockState::kFreeOnAsOf;
        out.unlock_date = as_of;
      } else {
        out.state = UnlockState::kUnlocks;
        out.unlock_date = calendar.TradingDayOnOrAfter(d);
        if (!out.unlock_date) {  // free from d, but no trading day left in the calendar
          out.state = UnlockState::kBeyondCalendar;
          out.stopped_on = calendar.last_day();
          out.lock_ends = d - boost::gregorian::days(1);
        }
      }
      return;
    }
    const Date last = v.last_locked_day;
    const bool open = last.is_special() || last >= calendar.last_day();
    const Date search_to = open ? calendar.last_day() : last;
    for (const RuleInfo* rule : v.rules) {
      bool seen = false;
      for (const LockSpan& s : out.locks)
        seen = seen || (SameRule(s.rule, rule) && s.last_locked_day >= d);
      if (seen) continue;
      LockSpan span;
      span.rule = rule;
      span.first_seen = d;
      span.last_locked_day = LastDayOf(oracle, out.holder, out.lot, rule, d, search_to);
      span.open_ended = open && span.last_locked_day == search_to;
      out.locks.push_back(span);
    }
    if (open && !last.is_special() && last > calendar.last_day()) {
      // The latest lock ends on a known date past the calendar (an anniversary: IPO + 36
      // months, a placement's months). When exactly one lock runs past the calendar, that date
      // is its end: report it rather than the calendar's last day.
      LockSpan* past = nullptr;
      int running = 0;
      for (LockSpan& s : out.locks) {
        if (s.open_ended) {
          past = &s;
          ++running;
        }
      }
      if (running == 1) {
        past->last_locked_day = last;
        past->open_ended = false;
      }
    }
    if (v.undecided != nullptr) return stop_undecided();
    if (open) {
      out.state = UnlockState::kBeyondCalendar;
      out.stopped_on = calendar.last_day();
      // An anniversary-based end is a calendar date: report it even past the calendar. Only a
      // lock still running on the calendar's last day without a known end stays open-ended.
      if (!last.is_special() && last > calendar.last_day()) out.lock_ends = last;
      return;
    }
    d = last + boost::gregorian::days(1);
  }
  out.state = UnlockState::kError;
  out.note = "more than " + std::to_string(kMaxWalkSteps) + " chained locks";
}

void SetExtension(const Holder& h, LotUnlock& lot) {
  if (lot.source != Source::kIpoOriginal) return;
  const Commitment* ext = nullptr;
  for (const Commitment& c : h.commitments) {
    if (c.kind == CommitmentKind::kExtendIfBelowIssuePrice) ext = &c;
  }
  if (ext == nullptr) return;
  lot.extension_months = ext->months.value_or(6);
  if (lot.undecided != nullptr && lot.undecided->id == "LOCK-EXT-6M") {
    lot.extension = ExtensionState::kUndecided;
  } else if (std::any_of(lot.locks.begin(), lot.locks.end(),
                         [](const LockSpan& s) { return s.rule->id == "LOCK-EXT-6M"; })) {
    lot.extension = ExtensionState::kTriggered;
  } else if (lot.state == UnlockState::kFreeOnAsOf) {
    lot.extension = ExtensionState::kNotEvaluated;
  } else if (lot.state == UnlockState::kUnlocks) {
    lot.extension = ExtensionState::kNotTriggered;
  } else {
    lot.extension = ExtensionState::kUndecided;
  }
}

// Appends one step. Built field by field: GCC 12 at -O2 reports a false -Warray-bounds on
// the aggregate-initialised temporary with an inlined string copy.
void AddStep(std::vector<QuotaStep>& out, std::int32_t holder, Date d, std::string why) {
  QuotaStep& step = out.emplace_back();
  step.holder = holder;
  step.date = d;
  step.why = std::move(why);
}

// Quota step dates of one holder within (as_of, calendar end].
void AddQuotaSteps(const LockupReport& r, const Holder& h, std::int32_t hi, const Company& co,
                   std::vector<QuotaStep>& out) {
  if (IsDno(h)) {
    for (int y = r.as_of.year() + 1; y <= r.calendar_last.year() + 1; ++y) {
      const Date d(static_cast<unsigned short>(y), 1, 1);
      if (d > r.as_of) AddStep(out, hi, d, "new year (DIR-25PCT)");
    }
  }
  if (co.board == Board::kStar && HasRole(h.roles, Role::kCoreTechnicalStaff)) {
    // LOCK-CTP-STAR quota years count from the 12-month lock's expiry (rules.md; A10).
    const Date expiry = LockLastDay(co.listing_date, 12) + boost::gregorian::days(1);
    for (int k = 1; k <= 4; ++k) {
      const Date d = AddMonthsClipped(expiry, 12 * k);
      if (d > r.as_of) {
        AddStep(out, hi, d,
                k < 4 ? "quota year " + std::to_string(k + 1) + " (LOCK-CTP-STAR)"
                      : std::string("quota ends (LOCK-CTP-STAR)"));
      }
    }
  }
}

void ProbeQuotas(const Evaluator& evaluator, const Ledger& ledger, std::string_view pinned,
                 std::int32_t hi, Date date, const std::string& why, std::vector<QuotaRow>& out) {
  const TradingCalendar& cal = evaluator.calendar();
  if (!cal.Covers(date)) return;
  const RuleSet* pack = evaluator.PackFor(date, pinned);
  if (pack == nullptr) return;
  const Holder& h = ledger.holder(hi);
  for (Method m : {Method::kCentralizedBidding, Method::kBlockTrade}) {
    Order probe;
    probe.id = "lockup-probe";
    probe.holder = h.id;
    probe.date = date;
    probe.method = m;
    probe.shares = std::max<Shares>(1, h.TotalShares());
    Judgement j;
    if (!pack->Judge(probe, date, ledger, cal, JudgeOptions{std::nullopt, false}, j).ok()) continue;
    for (const Limit& l : j.limits) {
      if (l.rule == nullptr || !IsQuotaRule(l.rule->id)) continue;
      // The 1% cap binds centralized bidding, the 2% cap block trades: show each once.
      if (m == Method::kBlockTrade && l.rule->id != "CAP-BT-2PCT") continue;
      if (m == Method::kCentralizedBidding && l.rule->id == "CAP-BT-2PCT") continue;
      bool dup = false;
      for (const QuotaRow& q : out) {
        dup = dup || (q.holder == hi && q.date == date && SameRule(q.rule, l.rule));
      }
      if (dup) continue;
      out.push_back({hi, date, why, m, l.rule, l.headroom, j.holding});
    }
  }
}

}  // namespace

Shares LockedOn(const LockupReport& r, std::int32_t holder, Date d) {
  Shares locked = 0;
  for (const LotUnlock& l : r.lots) {
    if (l.holder != holder) continue;
    if (!l.unlock_date || *l.unlock_date > d) locked += l.shares;
  }
  return locked;
}

Result<LockupReport> BuildLockupReport(const Evaluator& evaluator, const Ledger& ledger, Date as_of,
                                       std::string_view pinned_pack) {
  const TradingCalendar& cal = evaluator.calendar();
  if (!cal.Covers(as_of)) {
    return OutOfRange("as-of date " + ToIso(as_of) + " is outside the trading calendar " +
                      cal.id() + " (" + ToIso(cal.first_day()) + " to " + ToIso(cal.last_day()) +
                      ")");
  }
  const RuleSet* pack = evaluator.PackFor(as_of, pinned_pack);
  if (pack == nullptr) return OutOfRange("no rule pack in force on " + ToIso(as_of));

  LockupReport r;
  const Company& co = ledger.company();
  r.as_of = as_of;
  r.company_code = co.code;
  r.company_name = co.name;
  r.board = co.board;
  r.listing_date = co.listing_date;
  r.total_shares = co.total_shares;
  r.calendar_first = cal.first_day();
  r.calendar_last = cal.last_day();
  r.calendar_id = cal.id();
  r.pack_on_as_of = std::string(pack->id());
  // The A-share (cn) packs that can apply from the as-of date to the calendar's end (or the
  // pinned one): the schedule is of the A-share lots.
  for (const auto& p : evaluator.packs()) {
    if (p->market() != "cn") continue;
    const bool pinned = !pinned_pack.empty() && p->id() == pinned_pack;
    const bool overlaps = p->effective_from() <= cal.last_day() &&
                          (!p->effective_to() || *p->effective_to() >= as_of);
    if (pinned_pack.empty() ? overlaps : pinned) {
      r.packs.push_back({std::string(p->id()), p->effective_from(), p->effective_to()});
    }
  }
  r.calendar_status = cal.has_provisional() ? "official+provisional" : "official";
  r.calendar_last_official = cal.last_official_day();

  LockOracle oracle(evaluator, ledger, pinned_pack);
  const auto holders = ledger.holders();
  for (size_t hi = 0; hi < holders.size(); ++hi) {
    const Holder& h = holders[hi];
    r.holder_ids.push_back(h.id);
    r.holder_names.push_back(h.name);
    for (size_t li = 0; li < h.lots.size(); ++li) {
      LotUnlock lot;
      lot.holder = static_cast<std::int32_t>(hi);
      lot.lot = static_cast<std::int32_t>(li);
      lot.holder_id = h.id;
      lot.holder_name = h.name;
      lot.lot_id = h.lots[li].id;
      lot.shares = h.lots[li].shares;
      lot.source = h.lots[li].source;
      Walk(oracle, cal, as_of, lot);
      SetExtension(h, lot);
      // The walk asked the rules about every date from as-of to where it ended.
      const std::optional<Date> end = lot.unlock_date ? lot.unlock_date : lot.stopped_on;
      cal.NoteSpan(as_of, end.value_or(as_of), lot.calendar_provisional);
      r.lots.push_back(std::move(lot));
    }
  }

  // Quotas: on the as-of date, each unlock date and each quota step, per holder.
  for (size_t hi = 0; hi < holders.size(); ++hi) {
    const auto h32 = static_cast<std::int32_t>(hi);
    std::map<Date, std::string> dates;
    dates.emplace(as_of, "as-of");
    for (const LotUnlock& l : r.lots) {
      if (l.holder == h32 && l.state == UnlockState::kUnlocks) {
        auto [it, fresh] = dates.emplace(*l.unlock_date, "unlock " + l.lot_id);
        if (!fresh) it->second += ", " + l.lot_id;
      }
    }
    std::vector<QuotaStep> steps;
    AddQuotaSteps(r, holders[hi], h32, co, steps);
    for (const QuotaStep& s : steps) {
      if (std::optional<Date> td =
              cal.Covers(s.date) ? cal.TradingDayOnOrAfter(s.date) : std::nullopt) {
        dates.emplace(*td, s.why);
      }
      r.quota_steps.push_back(s);
    }
    for (const auto& [date, why] : dates) {
      ProbeQuotas(evaluator, ledger, pinned_pack, h32, date, why, r.quotas);
    }
  }

  // Sellable (unlocked) shares per date.
  std::map<Date, std::vector<std::int32_t>> by_date;
  by_date[as_of];
  for (size_t i = 0; i < r.lots.size(); ++i) {
    const LotUnlock& l = r.lots[i];
    if (l.unlock_date) {
      by_date[*l.unlock_date].push_back(static_cast<std::int32_t>(i));
    } else {
      r.never_within_calendar += l.shares;
    }
  }
  // Per-holder summaries.
  for (size_t hi = 0; hi < holders.size(); ++hi) {
    HolderSummary sum;
    sum.holder = static_cast<std::int32_t>(hi);
    std::map<Date, Shares> unlocks;
    Date latest_end;
    bool any_locked = false;
    for (const LotUnlock& l : r.lots) {
      if (l.holder != sum.holder) continue;
      sum.held += l.shares;
      if (l.state == UnlockState::kFreeOnAsOf) sum.free_on_as_of += l.shares;
      if (l.unlock_date) {
        unlocks[*l.unlock_date] += l.shares;
      } else {
        sum.not_in_view += l.shares;
      }
      for (const LockSpan& s : l.locks) {
        if (!any_locked || s.last_locked_day >= latest_end) {
          latest_end = s.last_locked_day;
          sum.binding = s.rule;
          any_locked = true;
        }
      }
      if (l.undecided != nullptr) sum.binding = l.undecided;
    }
    Shares running = 0;
    for (const auto& [date, shares] : unlocks) {
      running += shares;
      sum.by_date.emplace_back(date, running);
    }
    if (!sum.by_date.empty()) {
      sum.first_sellable = sum.by_date.front().first;
      sum.first_sellable_shares = sum.by_date.front().second;
      if (sum.not_in_view == 0) sum.all_unlocked = sum.by_date.back().first;
    }
    r.summaries.push_back(std::move(sum));
  }

  Shares cum = 0;
  for (auto& [date, idx] : by_date) {
    SellableStep s;
    s.date = date;
    for (std::int32_t i : idx) s.newly += r.lots[static_cast<size_t>(i)].shares;
    cum += s.newly;
    s.cumulative = cum;
    s.lots = std::move(idx);
    r.sellable.push_back(std::move(s));
  }
  return r;
}

}  // namespace reducheck::adapters
