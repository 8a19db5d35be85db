// The Hong Kong rule set (hk_rule_set.h). Sources and readings: docs/markets.md, and the
// citations of rules/packs/hk-2025.yaml.
//
// Judged for an H-share order (the set's own market): the holder's H lots are what it sells
// (holding bound), HK-LR-10.07-FIRST / -CONTROL for a controlling shareholder, HK-MC-BLACKOUT
// for a director (and, by parameter, a supervisor), and the SFO Part XV notices as
// obligations. For an A-share order of the same issuer (cross-market mode): 10.07 and the
// blackout when the pack says they reach the A shares, and a director's notice; a substantial
// shareholder's H-class interest does not change.
#include "reducheck/rules/hk_rule_set.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "explain.h"
#include "families.h"
#include "judge_context.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/rules/cn_rule_set.h"
#include "reducheck/rules/pack_check.h"
#include "reducheck/rules/pack_schema.h"
#include "reducheck/rules/rule_catalog.h"

namespace reducheck::rules {
namespace {

using rules_internal::AddLimit;
using rules_internal::AddUnknown;
using rules_internal::AddViolation;
using rules_internal::CeilBp;
using rules_internal::Iso;
using rules_internal::Num;
using rules_internal::Pct;

// The last day of the fiscal period a periodic report covers: "2025" -> 2025-12-31, "2025H1" ->
// 2025-06-30, "2025Q1" / "Q2" / "Q3" -> the quarter's end. nullopt when the label is of another
// form (the blackout then runs its full length before publication).
std::optional<Date> PeriodEnd(std::string_view period) {
  int year = 0;
  if (period.size() < 4) return std::nullopt;
  const auto [p, ec] = std::from_chars(period.data(), period.data() + 4, year);
  if (ec != std::errc() || p != period.data() + 4) return std::nullopt;
  const std::string_view rest = period.substr(4);
  int month = 0;
  if (rest.empty() || rest == "Q4") month = 12;
  if (rest == "H1" || rest == "Q2") month = 6;
  if (rest == "Q1") month = 3;
  if (rest == "Q3") month = 9;
  if (month == 0) return std::nullopt;
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1)
      .end_of_month();
}

class HkRuleSet final : public RuleSet {
 public:
  explicit HkRuleSet(RulePack pack) : pack_(std::move(pack)) {
    const std::span<const RuleInfo> catalog = HkRules();
    table_.reserve(catalog.size());  // listed_ points into it: never reallocated after this
    for (const RuleInfo& base : catalog) {
      RuleInfo info = base;
      for (const PackRule& r : pack_.rules) {
        if (r.id != base.id) continue;
        if (!r.not_applied.empty()) off_.push_back(base.id);
        if (r.category) info.category = *r.category;
        if (!r.citations.empty()) {
          info.citation_zh = r.citations.front().zh;
          info.citation_en = r.citations.front().en;
        }
      }
      table_.push_back(info);
    }
    for (const RuleInfo& r : table_) listed_.push_back(&r);
  }

  std::string_view id() const override { return pack_.id; }
  std::string_view market() const override { return "hk"; }
  Date effective_from() const override { return pack_.effective_from; }
  std::optional<Date> effective_to() const override { return pack_.effective_to; }
  const std::vector<const RuleInfo*>& rules() const override { return listed_; }

  Status Judge(const Order& order, Date date, const Ledger& ledger, const TradingCalendar& calendar,
               const JudgeOptions& options, Judgement& out) const override {
    const std::int32_t hi = ledger.HolderIndex(order.holder);
    if (hi < 0) return InvalidInput("order names unknown holder '" + order.holder + "'");
    if (order.shares <= 0) return InvalidInput("order shares must be a positive share count");
    const Company& company = ledger.company();
    if (!company.HasHListing()) {
      return InvalidInput("rule pack " + pack_.id +
                          " judges H shares, but the company has no H listing "
                          "(company.h_listing_date)");
    }
    const Holder& holder = ledger.holder(hi);
    const bool cross = options.cross_market;
    if (!cross) {
      if (date < *company.h_listing_date) {
        return InvalidInput("order date " + Iso(date) + " is before company.h_listing_date " +
                            Iso(*company.h_listing_date) +
                            ": H shares are dealt on the HKEX from their listing");
      }
      if (!calendar.Covers(date)) {
        return OutOfRange("date " + Iso(date) + " is outside the trading calendar " +
                          calendar.id());
      }
      if ((order.method == Method::kCentralizedBidding || order.method == Method::kBlockTrade) &&
          !calendar.IsTradingDay(date)) {
        return InvalidInput(Iso(date) + " is not a trading day (calendar " + calendar.id() + ")");
      }
      if (order.shares > holder.HShares()) {
        return InvalidInput("order for " + Num(order.shares) + " H shares exceeds holder '" +
                            order.holder + "''s H-share holding of " + Num(holder.HShares()) +
                            " shares");
      }
      out.holding = holder.HShares();
    }
    Date next = NeverChanges();
    auto changes_at = [&](Date d) {
      if (d > date) next = std::min(next, d);
    };
    JudgeListingLock(order, date, ledger, hi, cross, options, out, changes_at);
    JudgeBlackout(order, date, company, holder, cross, options, out, changes_at);
    AddNotices(order, date, ledger, hi, calendar, cross, out);
    out.next_change = options.track_changes ? next : date + boost::gregorian::days(1);
    DropOff(out);
    return Status::Ok();
  }

  Status LotLocks(std::string_view, Date, const Ledger&, const TradingCalendar&,
                  std::vector<LotLockView>&) const override {
    return InvalidInput(
        "the lock-up schedule of H shares (market hk) is not built; `check` "
        "judges H-share orders");
  }

  // H lots, oldest first (by `acquired`, then file order): the Listing Rules deem no order.
  Status AllocateSale(const Order& order, const Ledger& ledger, const TradingCalendar&,
                      std::vector<LotDraw>& draws) const override {
    const std::int32_t hi = ledger.HolderIndex(order.holder);
    if (hi < 0) return InvalidInput("order names unknown holder '" + order.holder + "'");
    const std::vector<Lot>& lots = ledger.holder(hi).h_lots;
    std::vector<std::int32_t> idx(lots.size());
    for (std::size_t i = 0; i < lots.size(); ++i) idx[i] = static_cast<std::int32_t>(i);
    std::stable_sort(idx.begin(), idx.end(), [&](std::int32_t x, std::int32_t y) {
      const Date min(boost::gregorian::min_date_time);
      return lots[static_cast<std::size_t>(x)].acquired.value_or(min) <
             lots[static_cast<std::size_t>(y)].acquired.value_or(min);
    });
    Shares left = order.shares;
    for (const std::int32_t i : idx) {
      if (left <= 0) break;
      const Shares t = std::min(left, lots[static_cast<std::size_t>(i)].shares);
      draws.push_back(LotDraw{i, t});
      left -= t;
    }
    if (left > 0) {
      return InvalidInput("sale of " + Num(order.shares) + " H shares exceeds holder '" +
                          order.holder + "''s H-share lots");
    }
    std::sort(draws.begin(), draws.end(),
              [](const LotDraw& a, const LotDraw& b) { return a.lot < b.lot; });
    return Status::Ok();
  }

 private:
  const RuleInfo* Rule(std::string_view id) const {
    for (const RuleInfo& r : table_) {
      if (r.id == id) return &r;
    }
    return nullptr;  // unreachable: every id below is in the catalog
  }

  // Findings of rules the pack lists as not applied are dropped.
  void DropOff(Judgement& out) const {
    if (off_.empty()) return;
    auto off = [&](const RuleInfo* r) {
      return std::find(off_.begin(), off_.end(), r->id) != off_.end();
    };
    std::erase_if(out.violations, [&](const Violation& v) { return off(v.rule); });
    std::erase_if(out.unknown, [&](const UnknownFinding& u) { return off(u.rule); });
    std::erase_if(out.limits, [&](const Limit& l) { return off(l.rule); });
    std::erase_if(out.obligations, [&](const Obligation& o) { return off(o.rule); });
  }

  // Listing Rule 10.07(1): a controlling shareholder shown in the listing document. Which
  // holders: the roles controlling_shareholder / actual_controller as declared (the listing
  // document's list is not an input); which shares: all it holds (the document's figures are
  // not an input; shares bought later are free under Note 1, conservative reading: all).
  // (a) from the listing document's date (h_listing_document_date, else the listing date)
  // through the day 6 months from the first day of dealings: no disposal.
  // (b) the next 6 months: no disposal after which the group (acting in concert) would hold
  // less than hk_control_pct of the voting shares, A and H together (rule 19A.14: "30% ... of
  // the voting power at general meetings"). A group already below it controls, if at all, by
  // the board: whether a disposal ends that is not decidable from the inputs (unknown).
  template <class ChangesAt>
  void JudgeListingLock(const Order& order, Date date, const Ledger& ledger, std::int32_t hi,
                        bool cross, const JudgeOptions& options, Judgement& out,
                        ChangesAt& changes_at) const {
    const Holder& holder = ledger.holder(hi);
    if (!HasRole(holder.roles, Role::kControllingShareholder) &&
        !HasRole(holder.roles, Role::kActualController)) {
      return;
    }
    if (cross && !pack_.hk_lock_reaches_a_shares) return;
    const Company& company = ledger.company();
    const Date listed = *company.h_listing_date;
    const Date start = company.h_listing_document_date.value_or(listed);
    const Date first_last = AddMonthsClipped(listed, pack_.hk_lock_first_months);
    const Date second_last = AddMonthsClipped(first_last, pack_.hk_lock_second_months);
    const std::string cls = cross ? "A" : "H";
    if (date < start) {
      changes_at(start);
      return;
    }
    if (date <= first_last) {
      changes_at(first_last + boost::gregorian::days(1));
      const RuleInfo* rule = Rule("HK-LR-10.07-FIRST");
      AddLimit(out, rule, 0);
      Violation& v = AddViolation(out, rule, order.shares);
      if (!options.explain) return;
      v.facts = {{"h_listing_date", listed},
                 {"restricted_period", DateRange{start, first_last}},
                 {"share_class", cls}};
      v.message.en = "controlling shareholder '" + holder.id + "' may not dispose of its shares " +
                     "from " + Iso(start) + " through " + Iso(first_last) + " (" +
                     std::to_string(pack_.hk_lock_first_months) +
                     " months from the first day of dealings in the H shares, " + Iso(listed) +
                     "): " + Num(order.shares) + " " + cls + " shares offered";
      v.message.zh = "控股股东 " + holder.id + " 自 " + Iso(start) + " 至 " + Iso(first_last) +
                     "（H股开始买卖之日 " + Iso(listed) + " 起" +
                     std::to_string(pack_.hk_lock_first_months) +
                     "个月）不得出售股份：本单拟卖出 " + cls + " 股 " + Num(order.shares) + " 股";
      return;
    }
    if (pack_.hk_lock_second_months == 0 || date > second_last) return;
    changes_at(second_last + boost::gregorian::days(1));
    const RuleInfo* rule = Rule("HK-LR-10.07-CONTROL");
    const Shares total = ledger.capital().TotalInCurrentUnits(date);
    const Shares held = ledger.GroupHolding(ledger.GroupOf(hi));
    const Shares need = CeilBp(pack_.hk_control_bp, total);
    const std::string pct = rules_internal::BpText(pack_.hk_control_bp);
    if (held < need) {
      AddUnknown(out, rule,
                 "controlling shareholder '" + holder.id + "' (with its concert parties) holds " +
                     Num(held) + " of " + Num(total) + " voting shares (" + Pct(held, total) +
                     "), below " + pct +
                     ": if it controls, it is by the board's composition, and whether this "
                     "disposal ends that control (HKEX rule 10.07(1)(b), through " +
                     Iso(second_last) + ") cannot be decided from the inputs",
                 "控股股东 " + holder.id + "（含一致行动人）持有 " + Num(held) + " / " +
                     Num(total) + " 股有表决权股份（" + Pct(held, total) + "），低于" + pct +
                     "：若其仍为控股股东，系基于控制董事会组成，本次出售是否使其不再是控股股东"
                     "（港交所上市规则第10.07(1)(b)条，至 " +
                     Iso(second_last) + "）无法根据输入判断");
      return;
    }
    const Shares headroom = held - need;
    AddLimit(out, rule, headroom);
    if (order.shares <= headroom) return;
    Violation& v = AddViolation(out, rule, order.shares - headroom);
    if (!options.explain) return;
    v.facts = {
        {"group_holding", held},
        {"total_voting_shares", total},
        {"after_sale", Ratio{held - order.shares, total}},
        {"control_threshold", Ratio{need, total}},
        {"restricted_period", DateRange{first_last + boost::gregorian::days(1), second_last}},
        {"headroom", headroom},
        {"share_class", cls}};
    v.message.en = "through " + Iso(second_last) + " controlling shareholder '" + holder.id +
                   "' may not dispose so as to cease to be a controlling shareholder: selling " +
                   Num(order.shares) + " of its group's " + Num(held) + " shares leaves " +
                   Pct(held - order.shares, total) + " of the " + Num(total) +
                   " voting shares, below " + pct + "; at most " + Num(headroom) +
                   " shares keep it at " + pct;
    v.message.zh = "至 " + Iso(second_last) + " 控股股东 " + holder.id +
                   " 不得因出售而不再是控股股东：其一致行动集团持有 " + Num(held) + " 股，卖出 " +
                   Num(order.shares) + " 股后占 " + Num(total) + " 股有表决权股份的 " +
                   Pct(held - order.shares, total) + "，低于" + pct + "；最多可卖出 " +
                   Num(headroom) + " 股";
  }

  // Model Code (Appendix C3) A.3(a): a director may not deal on the day results are published
  // (hk_blackout_includes_publication_day) nor in the hk_blackout_annual_days before the annual
  // results' publication or hk_blackout_interim_days before half-year and quarterly results, or,
  // if shorter, from the period's end (the period-end day included: literal reading) to
  // publication. Calendar days. Judged against company.reports on file (the scheduled or
  // actual publication dates), like DIR-WIN-PERIODIC.
  template <class ChangesAt>
  void JudgeBlackout(const Order& order, Date date, const Company& company, const Holder& holder,
                     bool cross, const JudgeOptions& options, Judgement& out,
                     ChangesAt& changes_at) const {
    const bool director =
        HasRole(holder.roles, Role::kDirector) ||
        (pack_.hk_blackout_binds_supervisors && HasRole(holder.roles, Role::kSupervisor));
    if (!director || (cross && !pack_.hk_blackout_reaches_a_shares)) return;
    const RuleInfo* rule = Rule("HK-MC-BLACKOUT");
    if (ReportMissing(date, company, out, changes_at)) return;
    for (const PeriodicReport& r : company.reports) {
      const bool annual = r.kind == ReportKind::kAnnual;
      if (!annual && r.kind != ReportKind::kSemiannual && r.kind != ReportKind::kQuarterly) {
        continue;  // forecasts and flash reports are not results under A.3(a)
      }
      const int days = annual ? pack_.hk_blackout_annual_days : pack_.hk_blackout_interim_days;
      Date first = r.date - boost::gregorian::days(days);
      if (const std::optional<Date> end = PeriodEnd(r.period); end && *end > first) first = *end;
      const Date last =
          pack_.hk_blackout_includes_publication_day ? r.date : r.date - boost::gregorian::days(1);
      if (last < first) continue;
      if (date < first) {
        changes_at(first);
        continue;
      }
      if (date > last) continue;
      changes_at(last + boost::gregorian::days(1));
      AddLimit(out, rule, 0);
      Violation& v = AddViolation(out, rule, order.shares);
      if (!options.explain) return;
      v.facts = {{"report", r.period},
                 {"publication_date", r.date},
                 {"blackout", DateRange{first, last}},
                 {"share_class", std::string(cross ? "A" : "H")}};
      v.message.en = "director '" + holder.id + "' may not deal from " + Iso(first) + " through " +
                     Iso(last) + ": the " + (annual ? "annual" : "interim") + " results for " +
                     r.period + " are published on " + Iso(r.date) +
                     " (Model Code A.3(a): " + std::to_string(days) +
                     " days before publication, or from the period's end if shorter, and the "
                     "publication day)";
      v.message.zh = "董事 " + holder.id + " 自 " + Iso(first) + " 至 " + Iso(last) +
                     " 不得买卖：" + r.period + (annual ? " 年度" : " 中期/季度") + "业绩于 " +
                     Iso(r.date) + " 公布（《标准守则》A.3(a)：公布前" + std::to_string(days) +
                     "日内，或自期末起至公布日（如较短），及公布当日）";
      return;
    }
  }

  // A period whose results are due but not on file, with `date` between the period's end and
  // the publication deadline: the blackout is [max(end, publication - N days), publication], so
  // the date is in it or not by a date the inputs do not give -> unknown (the deadline is its
  // next change). Periods: the years (annual), their first halves (interim), their first and
  // third quarters (quarterly, when hk_quarterly_results_months > 0).
  template <class ChangesAt>
  bool ReportMissing(Date date, const Company& company, Judgement& out,
                     ChangesAt& changes_at) const {
    struct Period {
      int month;  // of the period's end
      ReportKind kind;
      const char* suffix;
      std::int32_t months;
    };
    const Period periods[] = {
        {12, ReportKind::kAnnual, "", pack_.hk_annual_results_months},
        {6, ReportKind::kSemiannual, "H1", pack_.hk_interim_results_months},
        {3, ReportKind::kQuarterly, "Q1", pack_.hk_quarterly_results_months},
        {9, ReportKind::kQuarterly, "Q3", pack_.hk_quarterly_results_months},
    };
    for (const int year : {static_cast<int>(date.year()) - 1, static_cast<int>(date.year())}) {
      for (const Period& p : periods) {
        if (p.months == 0) continue;
        const Date end =
            Date(static_cast<unsigned short>(year), static_cast<unsigned short>(p.month), 1)
                .end_of_month();
        const Date deadline = AddMonthsClipped(end, p.months);
        if (date < end) {
          changes_at(end);
          continue;
        }
        if (date > deadline) continue;
        const std::string label = std::to_string(year) + p.suffix;
        const bool on_file = std::any_of(
            company.reports.begin(), company.reports.end(),
            [&](const PeriodicReport& r) { return r.kind == p.kind && r.period == label; });
        if (on_file) continue;
        changes_at(deadline + boost::gregorian::days(1));
        AddUnknown(out, Rule("HK-MC-BLACKOUT"),
                   "company.reports lists no " + std::string(Name(p.kind)) + " report for " +
                       label + " (results due by " + Iso(deadline) +
                       "): its publication date decides whether " + Iso(date) +
                       " falls in the directors' blackout (Model Code A.3(a))",
                   "company.reports 未列出 " + label + " 的定期报告（应于 " + Iso(deadline) +
                       " 前公布）：其公布日期决定 " + Iso(date) +
                       " 是否处于董事禁止买卖期（《标准守则》A.3(a)）");
        return true;
      }
    }
    return false;
  }

  // SFO Part XV. A sale of H shares by a substantial shareholder (its group's H-share interest
  // at least hk_sfo_threshold_pct of the H shares in issue before or after: the SFC counts H
  // shares as their own class) that changes the whole-percentage level: notice within
  // hk_sfo_notice_business_days (counted on the HKEX trading calendar; the Ordinance's business
  // days also exclude gale and black-rainstorm days, which a calendar cannot know: the due date
  // may come a day later, never earlier). A director: every dealing in the issuer's shares.
  void AddNotices(const Order& order, Date date, const Ledger& ledger, std::int32_t hi,
                  const TradingCalendar& calendar, bool cross, Judgement& out) const {
    const RuleInfo* rule = Rule("HK-SFO-XV");
    const std::optional<Date> due =
        calendar.Covers(date) ? calendar.AddTradingDays(date, pack_.hk_sfo_notice_business_days)
                              : std::nullopt;
    const Holder& holder = ledger.holder(hi);
    const Shares h_total = ledger.company().h_shares;
    if (!cross && h_total > 0) {
      Shares before = 0;
      for (const std::int32_t m : ledger.GroupMembers(ledger.GroupOf(hi))) {
        before += ledger.holder(m).HShares();
      }
      const Shares after = before - order.shares;
      const Shares level_before = before * 100 / h_total;
      const Shares level_after = after * 100 / h_total;
      const Shares threshold = CeilBp(pack_.hk_sfo_threshold_bp, h_total);
      if ((before >= threshold || after >= threshold) && level_before != level_after) {
        out.obligations.push_back(Obligation{"sfo_interest_notice", rule, due, std::nullopt,
                                             static_cast<std::int32_t>(level_after * 100)});
      }
    }
    if (HasRole(holder.roles, Role::kDirector)) {
      out.obligations.push_back(Obligation{"sfo_director_notice", rule, due, std::nullopt, 0});
    }
  }

  RulePack pack_;
  std::vector<RuleInfo> table_;
  std::vector<const RuleInfo*> listed_;
  std::vector<std::string_view> off_;
};

}  // namespace

Result<std::shared_ptr<const RuleSet>> MakeHkRuleSet(RulePack pack) {
  if (Status st = CheckPackToCompile(pack, "hk"); !st.ok()) return st;
  for (const PackRule& r : pack.rules) {
    if (r.citations.size() > 1 || r.applies_from) {
      return InvalidInput("rule pack " + pack.id + ": rules." + r.id +
                          ": the hk rule set takes one citation per rule and no applies_from "
                          "(a change of the law is a new pack)");
    }
  }
  return std::shared_ptr<const RuleSet>(std::make_shared<HkRuleSet>(std::move(pack)));
}

Result<std::shared_ptr<const RuleSet>> MakeRuleSet(RulePack pack) {
  if (pack.market == "hk") return MakeHkRuleSet(std::move(pack));
  return MakeCnRuleSet(std::move(pack));
}

}  // namespace reducheck::rules
