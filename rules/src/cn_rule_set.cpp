#include "reducheck/rules/cn_rule_set.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "explain.h"
#include "families.h"
#include "reducheck/engine/calendar.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/rules/pack_check.h"
#include "reducheck/rules/pack_schema.h"
#include "reducheck/rules/rule_catalog.h"

namespace reducheck::rules {
namespace {

using rules_internal::JudgeContext;

// The pack's rules as cited during one citation period: from `from` until the next period's
// start. A period starts at the pack's effective_from, at each later citation's `from` and at
// each rule's applies_from. Built once; Judge picks one by date (no allocation).
struct CitationPeriod {
  Date from;
  std::vector<RuleInfo> table;          // catalog order; strings point into the pack
  std::vector<const RuleInfo*> listed;  // &table[i]
  std::vector<const RuleInfo*> off;     // rules the pack does not apply yet (applies_from)
  rules_internal::RuleRefs refs{};
};

const RuleInfo* FindIn(std::string_view id, const void* table) {
  for (const RuleInfo& r : *static_cast<const std::vector<RuleInfo>*>(table)) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// Drops the findings of rules the pack does not apply on the judged date.
void DropOff(const std::vector<const RuleInfo*>& off, Judgement& out) {
  auto is_off = [&](const RuleInfo* r) {
    return std::find(off.begin(), off.end(), r) != off.end();
  };
  std::erase_if(out.violations, [&](const Violation& v) { return is_off(v.rule); });
  std::erase_if(out.unknown, [&](const UnknownFinding& u) { return is_off(u.rule); });
  std::erase_if(out.limits, [&](const Limit& l) { return is_off(l.rule); });
  std::erase_if(out.obligations, [&](const Obligation& o) { return is_off(o.rule); });
}

class CnRuleSet final : public RuleSet {
 public:
  explicit CnRuleSet(RulePack pack) : pack_(std::move(pack)) {
    std::set<Date> starts{pack_.effective_from};
    for (const PackRule& r : pack_.rules) {
      for (const RuleCitation& c : r.citations)
        starts.insert(std::max(c.from, pack_.effective_from));
      if (r.applies_from) starts.insert(*r.applies_from);
    }
    for (const Date from : starts) {
      auto period = std::make_unique<CitationPeriod>();
      period->from = from;
      for (const RuleInfo& base : AllRules()) {
        RuleInfo info = base;
        for (const PackRule& r : pack_.rules) {
          if (r.id != base.id || !r.not_applied.empty()) continue;
          if (r.category) info.category = *r.category;
          const RuleCitation* cited = &r.citations.front();
          for (const RuleCitation& c : r.citations) {
            if (c.from <= from) cited = &c;
          }
          info.citation_zh = cited->zh;
          info.citation_en = cited->en;
        }
        period->table.push_back(info);
      }
      for (const RuleInfo& r : period->table) period->listed.push_back(&r);
      for (const PackRule& r : pack_.rules) {
        if (!r.not_applied.empty() || (r.applies_from && from < *r.applies_from)) {
          period->off.push_back(FindIn(r.id, &period->table));
        }
      }
      period->refs = rules_internal::ResolveRefs(&FindIn, &period->table);
      period->refs.cap_vc_applied = std::find(period->off.begin(), period->off.end(),
                                              period->refs.cap_vc) == period->off.end();
      periods_.push_back(std::move(period));
    }
  }

  std::string_view id() const override { return pack_.id; }
  std::string_view market() const override { return "cn"; }
  Date effective_from() const override { return pack_.effective_from; }
  std::optional<Date> effective_to() const override { return pack_.effective_to; }
  const std::vector<const RuleInfo*>& rules() const override { return periods_.front()->listed; }

  Status Judge(const Order& order, Date date, const Ledger& ledger, const TradingCalendar& calendar,
               const JudgeOptions& options, Judgement& out) const override {
    using namespace rules_internal;
    if (options.cross_market) return JudgeCrossMarket(order, date, ledger, calendar, options, out);
    const CitationPeriod& period = PeriodFor(date);
    JudgeContext ctx{pack_, period.refs, ledger, calendar, order, date, options};
    if (Status st = Prepare(ctx); !st.ok()) return st;
    out.holding = ctx.holding;
    NextChange change(date);
    if (options.track_changes) ctx.change = &change;

    Run(ctx, out, [](JudgeContext& c, Judgement&) { ComputeStatus(c); });
    Run(ctx, out, [](JudgeContext& c, Judgement& o) { JudgeLocks(c, o); });
    Run(ctx, out, [](JudgeContext& c, Judgement&) { ComputeCapQuota(c); });
    JudgeFamilies(ctx, out);
    if (ctx.dno_undetermined) {
      JudgeUndeterminedDno(ctx, out);
      ctx.ChangesEveryDay();  // rare path: not analysed for its dates
    }
    if (!period.off.empty()) DropOff(period.off, out);
    if (options.explain && !out.violations.empty()) AssessPenalties(ctx, out);
    out.next_change = options.track_changes ? change.next() : date + boost::gregorian::days(1);
    // A new citation period may start applying a rule (applies_from): judge again from there.
    if (const CitationPeriod* next = NextPeriod(date);
        next != nullptr && next->from < out.next_change) {
      out.next_change = next->from;
    }
    return Status::Ok();
  }

  // An H-share order of an A+H issuer (JudgeOptions::cross_market): the rules that count the
  // holding on total share capital, both classes (the 5% and 1% thresholds: Securities Law
  // Art.63 and the Takeover Measures count 已发行的有表决权股份; the ledger's group holding is
  // of both classes). The A-share lots, caps, plans and bans are not asked: the sale is not of
  // A shares. Rare path (A+H issuers only): it allocates.
  Status JudgeCrossMarket(const Order& order, Date date, const Ledger& ledger,
                          const TradingCalendar& calendar, const JudgeOptions& options,
                          Judgement& out) const {
    using namespace rules_internal;
    const CitationPeriod& period = PeriodFor(date);
    JudgeContext ctx{pack_, period.refs, ledger, calendar, order, date, options};
    if (Status st = Prepare(ctx, /*cross_market=*/true); !st.ok()) return st;
    NextChange change(date);
    if (options.track_changes) ctx.change = &change;
    Judgement local;
    Run(ctx, local, [](JudgeContext& c, Judgement&) { ComputeStatus(c); });
    Run(ctx, local, [](JudgeContext& c, Judgement& o) { JudgeThresholds(c, o); });
    if (!period.off.empty()) DropOff(period.off, local);
    if (options.explain && !local.violations.empty()) AssessPenalties(ctx, local);
    auto append = [](auto& to, auto& from) {
      for (auto& x : from) to.push_back(std::move(x));
    };
    append(out.violations, local.violations);
    append(out.unknown, local.unknown);
    append(out.limits, local.limits);
    append(out.obligations, local.obligations);
    append(out.penalties, local.penalties);
    out.next_change = options.track_changes ? change.next() : date + boost::gregorian::days(1);
    if (const CitationPeriod* next = NextPeriod(date);
        next != nullptr && next->from < out.next_change) {
      out.next_change = next->from;
    }
    return Status::Ok();
  }

  Status LotLocks(std::string_view holder, Date date, const Ledger& ledger,
                  const TradingCalendar& calendar, std::vector<LotLockView>& out) const override {
    using namespace rules_internal;
    const std::int32_t hi = ledger.HolderIndex(holder);
    if (hi < 0) return InvalidInput("unknown holder '" + std::string(holder) + "'");
    if (!calendar.Covers(date)) {
      return OutOfRange("date " + Iso(date) + " is outside the trading calendar " + calendar.id());
    }
    // A probe order of one share by agreement transfer (allowed on any day) drives the same
    // lock computation the checks use.
    Order probe;
    probe.holder = std::string(holder);
    probe.date = date;
    probe.method = Method::kAgreementTransfer;
    probe.shares = 1;
    const JudgeOptions quiet{std::nullopt, false};
    JudgeContext ctx{pack_, PeriodFor(date).refs, ledger, calendar, probe, date, quiet};
    ctx.holder_index = hi;
    ctx.holder = &ledger.holder(hi);
    ctx.group = ledger.GroupOf(hi);
    ctx.total_shares = ledger.capital().TotalInCurrentUnits(date);
    ctx.holding = ctx.holder->TotalShares();
    ctx.group_holding = ledger.GroupHolding(ctx.group);
    std::vector<LotState> states;
    ctx.lot_states = &states;
    Judgement scratch;
    ComputeStatus(ctx);
    JudgeLocks(ctx, scratch);
    for (size_t i = 0; i < states.size(); ++i) {
      LotLockView v;
      v.lot = static_cast<std::int32_t>(i);
      v.locked = states[i].locked;
      v.last_locked_day = states[i].last_locked_day;
      for (int k = 0; k < states[i].lock.rule_count; ++k)
        v.rules.push_back(states[i].lock.rules[k]);
      v.undecided = states[i].lock.unknown_rule;
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }

  Status AllocateSale(const Order& order, const Ledger& ledger, const TradingCalendar& calendar,
                      std::vector<LotDraw>& draws) const override {
    using namespace rules_internal;
    const JudgeOptions quiet{std::nullopt, false};
    JudgeContext ctx{pack_, PeriodFor(order.date).refs, ledger, calendar, order, order.date, quiet};
    if (Status st = Prepare(ctx); !st.ok()) return st;
    std::vector<LotState> states;
    ctx.lot_states = &states;
    Judgement scratch;
    ComputeStatus(ctx);
    JudgeLocks(ctx, scratch);
    ComputeCapQuota(ctx);
    const ShareSplit& sp = ctx.split;
    const Shares q = ctx.has_cap ? ctx.quota_left : 0;
    // The deemed order of spec §1 / A2 (share_split.cpp): capped free up to the quota, exempt
    // free, capped free beyond the quota, then locked lots, exempt before capped. Within a
    // class, lots are drawn oldest first (by `acquired`, then file order); locked lots by
    // earliest release.
    Shares n = order.shares;
    const Shares a1 = std::min({n, sp.capped_free, q});
    const Shares a2 = std::min(n - a1, sp.exempt_free);
    const Shares a3 = std::min(n - a1 - a2, sp.capped_free - a1);
    const Shares a4e = std::min(n - a1 - a2 - a3, sp.exempt_locked);
    const Shares a4c = n - a1 - a2 - a3 - a4e;
    const auto& lots = ctx.holder->lots;
    std::vector<std::int32_t> order_idx(lots.size());
    for (size_t i = 0; i < lots.size(); ++i) order_idx[i] = static_cast<std::int32_t>(i);
    std::stable_sort(order_idx.begin(), order_idx.end(), [&](std::int32_t x, std::int32_t y) {
      const LotState& sx = states[static_cast<size_t>(x)];
      const LotState& sy = states[static_cast<size_t>(y)];
      if (sx.locked && sy.locked) return sx.last_locked_day < sy.last_locked_day;
      const auto& lx = lots[static_cast<size_t>(x)].acquired;
      const auto& ly = lots[static_cast<size_t>(y)].acquired;
      return lx.value_or(Date(boost::gregorian::min_date_time)) <
             ly.value_or(Date(boost::gregorian::min_date_time));
    });
    std::vector<Shares> left(lots.size());
    for (size_t i = 0; i < lots.size(); ++i) left[i] = lots[i].shares;
    auto take = [&](Shares amount, bool locked, bool capped) {
      for (std::int32_t i : order_idx) {
        if (amount <= 0) return;
        const LotState& st = states[static_cast<size_t>(i)];
        if (st.locked != locked || st.capped != capped || left[static_cast<size_t>(i)] == 0)
          continue;
        const Shares t = std::min(amount, left[static_cast<size_t>(i)]);
        left[static_cast<size_t>(i)] -= t;
        amount -= t;
        draws.push_back(LotDraw{i, t});
      }
    };
    take(a1, false, true);
    take(a2, false, false);
    take(a3, false, true);
    take(a4e, true, false);
    take(a4c, true, true);
    // Merge draws on the same lot (a capped lot can be drawn within and beyond the quota).
    std::sort(draws.begin(), draws.end(),
              [](const LotDraw& x, const LotDraw& y) { return x.lot < y.lot; });
    std::vector<LotDraw> merged;
    for (const LotDraw& d : draws) {
      if (!merged.empty() && merged.back().lot == d.lot) {
        merged.back().shares += d.shares;
      } else {
        merged.push_back(d);
      }
    }
    draws = std::move(merged);
    return Status::Ok();
  }

 private:
  // The first citation period starting after `date`, or nullptr.
  const CitationPeriod* NextPeriod(Date date) const {
    for (const auto& p : periods_) {
      if (p->from > date) return p.get();
    }
    return nullptr;
  }

  // The citation period in force on `date`; the first for a date before the pack (a pinned pack).
  const CitationPeriod& PeriodFor(Date date) const {
    for (auto it = periods_.rbegin(); it != periods_.rend(); ++it) {
      if ((*it)->from <= date) return **it;
    }
    return *periods_.front();
  }

  // Validates the order for this ledger and calendar and fills the holder fields of ctx. A
  // cross-market order (an H-share sale) need not fall on an A-share trading day nor fit the
  // A-share holding.
  Status Prepare(rules_internal::JudgeContext& ctx, bool cross_market = false) const {
    using namespace rules_internal;
    const Order& order = ctx.order;
    const Date date = ctx.date;
    const Ledger& ledger = ctx.ledger;
    const TracedCalendar& calendar = ctx.calendar;
    const std::int32_t hi = ledger.HolderIndex(order.holder);
    if (hi < 0) return InvalidInput("order names unknown holder '" + order.holder + "'");
    if (order.shares <= 0) return InvalidInput("order shares must be a positive share count");
    if (!calendar.Covers(date)) {
      return OutOfRange("date " + Iso(date) + " is outside the trading calendar " + calendar.id());
    }
    if (!cross_market &&
        (order.method == Method::kCentralizedBidding || order.method == Method::kBlockTrade) &&
        !calendar.IsTradingDay(date)) {
      return InvalidInput(Iso(date) + " is not a trading day (calendar " + calendar.id() + ")");
    }
    if (ledger.touch_step_bp() != pack_.eq5_step_bp) {
      return Internal("ledger was built with a touch grid of " +
                      std::to_string(ledger.touch_step_bp()) + " bp, pack " + pack_.id + " uses " +
                      std::to_string(pack_.eq5_step_bp));
    }
    // Lots and total_shares are after every corporate action: an order dated before a bonus,
    // conversion or split would sell shares of another size than the lots'.
    if (const std::optional<Date> last = ledger.capital().LastProRata(); last && date < *last) {
      return InvalidInput("order date " + Iso(date) + " is before the bonus, conversion or split " +
                          "of " + Iso(*last) +
                          " (company.corporate_actions): lots and total_shares are after every "
                          "action, so orders can be judged from that day on");
    }
    ctx.holder_index = hi;
    ctx.holder = &ledger.holder(hi);
    ctx.group = ledger.GroupOf(hi);
    // The capital of the day (an issuance or cancellation dated later is not yet in it).
    ctx.total_shares = ledger.capital().TotalInCurrentUnits(date);
    ctx.holding = ctx.holder->TotalShares();
    ctx.group_holding = ledger.GroupHolding(ctx.group);
    if (!cross_market && order.shares > ctx.holding) {
      return InvalidInput("order for " + Num(order.shares) + " shares exceeds holder '" +
                          order.holder + "''s holding of " + Num(ctx.holding) + " shares");
    }
    return Status::Ok();
  }

  // Runs one family (or the status, lock or quota computation). When tracking changes, a
  // family that reports no date of its next change is judged again the next day (the safe
  // fallback for a rule whose dates are not analysed; rules/src/judge_context.h NextChange).
  template <class Ctx, class F>
  static void Run(Ctx& ctx, Judgement& out, F family) {
    if (ctx.change != nullptr) ctx.change->BeginFamily();
    family(ctx, out);
    if (ctx.change != nullptr) ctx.change->EndFamily();
  }

  // The rule families after status, locks and cap quota are known. Each reports when its
  // answer can next change (ctx.change) or is stepped day by day.
  static void JudgeFamilies(const rules_internal::JudgeContext& ctx, Judgement& out) {
    using namespace rules_internal;
    Run(ctx, out, JudgePreAnnouncement);
    Run(ctx, out, JudgeCaps);
    Run(ctx, out, JudgePpRelease);
    Run(ctx, out, JudgeCommitments);
    Run(ctx, out, JudgeThresholds);
    Run(ctx, out, JudgeDirectors);
    Run(ctx, out, JudgeControllerBans);
    Run(ctx, out, JudgeBans);
    Run(ctx, out, JudgeTransfers);
    Run(ctx, out, JudgeBoardQuotas);
  }

  // A former D&O past the months after its departure, with no term_end (issue 15, defect 4):
  // if it left before the end of its term it is still bound (until 6 months after the original
  // term end: Company Law Art.160(2); D&O Rules), else not. The families run again as if it
  // were a D&O; every rule that this adds (a violation, or an unknown) is reported `unknown`
  // naming the missing term_end, never passed; its headroom counts (conservative). Rare path:
  // it allocates.
  static void JudgeUndeterminedDno(const rules_internal::JudgeContext& ctx, Judgement& out) {
    using namespace rules_internal;
    JudgeContext as_dno = ctx;
    as_dno.dno = true;
    as_dno.dno_undetermined = false;
    Judgement alt;
    JudgeFamilies(as_dno, alt);
    auto reported = [&](const RuleInfo* r) {
      for (const Violation& v : out.violations) {
        if (v.rule == r) return true;
      }
      for (const UnknownFinding& u : out.unknown) {
        if (u.rule == r) return true;
      }
      return false;
    };
    const Holder& h = *ctx.holder;
    const std::string left = Iso(*h.departed);
    const std::string tail =
        Iso(AfterEventLastDay(*h.departed, ctx.pack.dno_after_departure_months));
    auto add = [&](const RuleInfo* r, const std::string& what_en, const std::string& what_zh) {
      if (reported(r)) return;
      AddUnknown(out, r,
                 "holder '" + h.id + "' left office on " + left +
                     " and has no term_end: a director, supervisor or senior manager who left "
                     "before the end of the term fixed on appointment stays bound until " +
                     std::to_string(ctx.pack.dno_after_departure_months) +
                     " months after that term's end (Company Law Art.160(2)), so whether " +
                     std::string(r->id) + " still applies after " + tail +
                     " depends on the term_end the scenario does not give; as a D&O " + what_en,
                 "持有人 " + h.id + " 于 " + left +
                     " 离职且未给出 term_end：董监高在就任时确定的任期届满前离职的，在任期内和任期"
                     "届满后" +
                     std::to_string(ctx.pack.dno_after_departure_months) +
                     "个月内仍受限制（《公司法》"
                     "第一百六十条），" +
                     tail + " 之后 " + std::string(r->id) +
                     " 是否适用取决于 term_end；若仍为董监高，" + what_zh);
    };
    for (const Violation& v : alt.violations) {
      add(v.rule, "the order would break it (" + Num(v.shares_in_breach) + " shares in breach)",
          "本订单将违反该规则（" + Num(v.shares_in_breach) + " 股）");
    }
    for (const UnknownFinding& u : alt.unknown) {
      add(u.rule, "it would also need: " + u.missing.en, "另需：" + u.missing.zh);
    }
    // The headroom: what passes whether or not the D&O rules bind (the limits they add count).
    const size_t own = out.limits.size();
    for (const Limit& l : alt.limits) {
      bool known = false;
      for (size_t i = 0; i < own && !known; ++i) known = out.limits[i].rule == l.rule;
      if (!known) out.limits.push_back(l);
    }
  }

  RulePack pack_;
  std::vector<std::unique_ptr<CitationPeriod>> periods_;  // by `from`; never empty
};

}  // namespace

Result<std::shared_ptr<const RuleSet>> MakeCnRuleSet(RulePack pack) {
  if (Status st = CheckPackToCompile(pack, "cn"); !st.ok()) return st;
  return std::shared_ptr<const RuleSet>(std::make_shared<CnRuleSet>(std::move(pack)));
}

}  // namespace reducheck::rules
