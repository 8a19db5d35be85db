#include "reducheck/engine/evaluator.h"

#include <algorithm>
#include <string>

#include "reducheck/engine/date_math.h"

namespace reducheck {
namespace {

std::string Iso(Date d) { return ToIso(d); }

}  // namespace

Evaluator::Evaluator(std::vector<std::shared_ptr<const RuleSet>> packs,
                     std::vector<MarketCalendar> calendars, EvaluatorOptions options)
    : packs_(std::move(packs)), calendars_(std::move(calendars)), options_(options) {}

const RuleInfo& CrossMarketUncoveredRule() {
  static constexpr RuleInfo kRule{
      "XMKT-UNCOVERED",
      Category::kNone,
      "A market the issuer is listed on has no rule pack or calendar for this date",
      "发行人上市的另一市场在该日没有适用的规则包或交易日历",
      "reducheck: the issuer's listings (company.h_listing_date) and the shipped rule packs",
      "reducheck: the issuer's listings (company.h_listing_date) and the shipped rule packs",
      "verified",
      true,
      {}};
  return kRule;
}

const RuleSet* Evaluator::PackFor(std::string_view market, Date date,
                                  std::string_view pinned) const {
  for (const auto& p : packs_) {
    if (p->market() != market) continue;
    if (!pinned.empty()) {
      if (p->id() == pinned) return p.get();
      continue;
    }
    if (date >= p->effective_from() && (!p->effective_to() || date <= *p->effective_to())) {
      return p.get();
    }
  }
  return nullptr;
}

const TradingCalendar* Evaluator::CalendarOf(std::string_view market) const {
  for (const MarketCalendar& c : calendars_) {
    if (c.market == market) return &c.calendar;
  }
  return nullptr;
}

Status Evaluator::JudgeAllMarkets(const Order& order, Date date, const Ledger& ledger,
                                  const RuleSet& pack, const TradingCalendar& calendar,
                                  const JudgeOptions& options, Judgement& out,
                                  const RuleSet** cross_used) const {
  if (Status st = pack.Judge(order, date, ledger, calendar, options, out); !st.ok()) return st;
  const Company& company = ledger.company();
  if (!company.HasHListing()) return Status::Ok();  // listed on one market only: nothing to add
  // The other market of an A+H issuer. Its rules start to bind on the listing document's date
  // (HKEX Listing Rule 10.07(1)(a)), or the listing date when that is not given.
  const std::string_view other = pack.market() == "cn" ? "hk" : "cn";
  const Date binds_from = company.h_listing_document_date.value_or(*company.h_listing_date);
  if (other == "hk" && date < binds_from) {
    out.next_change = std::min(out.next_change, binds_from);  // the earliest-date search
    return Status::Ok();
  }
  const Shares holding = out.holding;
  const Date next_change = out.next_change;
  const RuleSet* cross = PackFor(other, date);
  const TradingCalendar* cross_calendar = CalendarOf(other);
  if (cross == nullptr || cross_calendar == nullptr || !cross_calendar->Covers(date)) {
    // Judged again the next day: a pack or calendar year may start then.
    out.next_change = std::min(out.next_change, date + boost::gregorian::days(1));
    const std::string why =
        cross == nullptr
            ? "no rule pack of market '" + std::string(other) + "' is in force on " + Iso(date)
        : cross_calendar == nullptr
            ? "no trading calendar of market '" + std::string(other) + "' is loaded"
            : "the trading calendar " + cross_calendar->id() + " does not cover " + Iso(date);
    out.unknown.push_back(
        UnknownFinding{&CrossMarketUncoveredRule(),
                       Text{"the issuer is also listed on market '" + std::string(other) +
                                "', whose rules " + "could not be applied: " + why,
                            "发行人亦在" + std::string(other == "hk" ? "香港" : "境内") +
                                "市场上市，但无法适用该市场的规则：" + why}});
    return Status::Ok();
  }
  JudgeOptions cross_options = options;
  cross_options.cross_market = true;
  if (Status st = cross->Judge(order, date, ledger, *cross_calendar, cross_options, out);
      !st.ok()) {
    return st;
  }
  // The order's own market decides the holding bound; the earlier next change of the two wins,
  // and the other market's pack may end on a day of its own.
  out.holding = holding;
  if (cross_used != nullptr) *cross_used = cross;
  Date next = std::min(next_change, out.next_change);
  if (cross->effective_to())
    next = std::min(next, *cross->effective_to() + boost::gregorian::days(1));
  out.next_change = next;
  return Status::Ok();
}

Status Evaluator::Check(const Order& order, const Ledger& ledger, Verdict& out, Scratch& scratch,
                        std::string_view pinned_pack, CheckOptions options) const {
  out.Clear();
  const std::string_view market = MarketOf(order.share_class);
  if (order.share_class == ShareClass::kH && !ledger.company().HasHListing()) {
    return InvalidInput(
        "order is for H shares, but the company has no H listing "
        "(company.h_listing_date)");
  }
  const RuleSet* pack = PackFor(market, order.date, pinned_pack);
  if (pack == nullptr) {
    if (!pinned_pack.empty()) {
      return NotFound("no rule pack of market '" + std::string(market) + "' with id '" +
                      std::string(pinned_pack) + "'");
    }
    return OutOfRange("no rule pack of market '" + std::string(market) + "' is in force on " +
                      Iso(order.date));
  }
  const TradingCalendar* calendar_of_market = CalendarOf(market);
  if (calendar_of_market == nullptr) {
    return OutOfRange("no trading calendar of market '" + std::string(market) + "' is loaded");
  }
  const TradingCalendar& calendar = *calendar_of_market;
  if (!calendar.Covers(order.date)) {
    return OutOfRange("date " + Iso(order.date) + " is outside the trading calendar " +
                      calendar.id() + " (" + Iso(calendar.first_day()) + " to " +
                      Iso(calendar.last_day()) + ")");
  }
  Judgement& j = scratch.judgement;
  j.Clear();
  JudgeOptions judge_options;
  judge_options.explain = options.explain;
  judge_options.calendar_trace = &out.calendar_provisional;
  const RuleSet* cross = nullptr;
  if (Status st =
          JudgeAllMarkets(order, order.date, ledger, *pack, calendar, judge_options, j, &cross);
      !st.ok()) {
    return st;
  }
  out.rule_pack = pack->id();
  if (cross != nullptr) out.cross_market_pack = cross->id();
  out.calendar = calendar.id();

  // Headroom: the smallest limit; the holding itself binds when no rule does.
  out.max_compliant_shares = j.holding;
  out.binding_rule = "HOLDINGS";
  for (const Limit& l : j.limits) {
    const Shares h = std::max<Shares>(0, l.headroom);
    if (h < out.max_compliant_shares) {
      out.max_compliant_shares = h;
      out.binding_rule = l.rule->id;
    }
  }
  std::swap(out.violations, j.violations);
  std::swap(out.unknown, j.unknown);
  std::swap(out.obligations, j.obligations);
  std::swap(out.penalties, j.penalties);
  out.outcome = !out.violations.empty() ? Outcome::kFail
                : !out.unknown.empty()  ? Outcome::kUnknown
                                        : Outcome::kPass;
  if (out.outcome == Outcome::kPass) {
    out.earliest_full_date = order.date;
    return Status::Ok();
  }
  if (!options.earliest_date) return Status::Ok();
  FindEarliestFullDate(order, ledger, pinned_pack, calendar, out, scratch);
  return Status::Ok();
}

Result<Verdict> Evaluator::Check(const Order& order, const Ledger& ledger,
                                 std::string_view pinned_pack) const {
  Verdict v;
  Scratch scratch;
  if (Status st = Check(order, ledger, v, scratch, pinned_pack); !st.ok()) return st;
  return v;
}

// Judges the same order on the trading days after the order date, with nothing else
// happening, until it passes, the horizon (three years) ends, or the calendar ends. When
// nothing passes, asks the same question assuming a reduction plan announced on the order
// date, so the reason can say what a new plan would buy.
//
// Which days: with Search::kJump, from each day tried straight to the first trading day on or
// after the rule set's Judgement::next_change (the findings are the same on every day before
// it, so the first passing day, the first day without violations and the rules blocking on
// every day are what the day-by-day walk finds); with kDayByDay, every trading day.
void Evaluator::FindEarliestFullDate(const Order& order, const Ledger& ledger,
                                     std::string_view pinned, const TradingCalendar& calendar,
                                     Verdict& out, Scratch& scratch) const {
  const std::string_view market = MarketOf(order.share_class);
  Judgement& j = scratch.judgement;
  const Date horizon = AddMonthsClipped(order.date, 12 * options_.earliest_date_horizon_years);
  const Date last = std::min(horizon, calendar.last_day());
  const bool jump = options_.earliest_date_search == EvaluatorOptions::Search::kJump;

  struct Search {
    std::optional<Date> pass;          // first date with no violation and no unknown
    std::optional<Date> no_violation;  // first date with no violation (unknowns remain)
    std::string still_blocking;        // rules failing or undecided on every date tried
  };
  auto walk = [&](JudgeOptions opt) {
    opt.track_changes = jump;
    Search s;
    std::vector<const RuleInfo*> always;  // blockers common to every date tried
    bool first = true;
    for (std::optional<Date> t = calendar.AddTradingDays(order.date, 1); t && *t <= last;) {
      const RuleSet* pack = PackFor(market, *t, pinned);
      if (pack == nullptr) break;
      j.Clear();
      if (!JudgeAllMarkets(order, *t, ledger, *pack, calendar, opt, j).ok()) break;
      if (j.violations.empty()) {
        if (!s.no_violation) s.no_violation = *t;
        if (j.unknown.empty()) {
          s.pass = *t;
          return s;
        }
      }
      // By id: each pack and citation period has its own RuleInfo for the same rule.
      auto same = [](const RuleInfo* a, const RuleInfo* b) {
        return a == b || (a != nullptr && b != nullptr && a->id == b->id);
      };
      auto blocks = [&](const RuleInfo* r) {
        for (const Violation& v : j.violations) {
          if (same(v.rule, r)) return true;
        }
        for (const UnknownFinding& u : j.unknown) {
          if (same(u.rule, r)) return true;
        }
        return false;
      };
      if (first) {
        for (const Violation& v : j.violations) always.push_back(v.rule);
        for (const UnknownFinding& u : j.unknown) always.push_back(u.rule);
        first = false;
      } else {
        std::erase_if(always, [&](const RuleInfo* r) { return !blocks(r); });
      }
      if (!jump) {
        t = calendar.AddTradingDays(*t, 1);
        continue;
      }
      const Date tomorrow = *t + boost::gregorian::days(1);
      Date next = std::max(j.next_change, tomorrow);
      // Another pack takes over the day after this one's last day (pinned: never).
      if (pinned.empty() && pack->effective_to()) {
        next = std::min(next, *pack->effective_to() + boost::gregorian::days(1));
      }
      if (next > last) break;
      t = calendar.TradingDayOnOrAfter(next);
    }
    for (const RuleInfo* r : always) {
      if (s.still_blocking.find(r->id) != std::string::npos) continue;
      if (!s.still_blocking.empty()) s.still_blocking += ", ";
      s.still_blocking += r->id;
    }
    if (s.still_blocking.empty()) s.still_blocking = "different rules on different dates";
    return s;
  };
  // The answer speaks for every trading day from the order date to the date found (or to the
  // search's end), whether each was judged or jumped over: a provisional year in that span
  // makes the earliest date (or the "no date" answer) provisional.
  auto search = [&](const JudgeOptions& opt) {
    Search s = walk(opt);
    calendar.NoteSpan(order.date, s.pass.value_or(last), out.calendar_provisional);
    return s;
  };

  JudgeOptions quiet;
  quiet.explain = false;
  quiet.calendar_trace = &out.calendar_provisional;
  const Search plain = search(quiet);
  if (plain.pass) {
    out.earliest_full_date = plain.pass;
    return;
  }
  const bool calendar_cut = last < horizon;
  const std::string end_en =
      Iso(last) + (calendar_cut ? " (the trading calendar's last day)" : " (three years ahead)");
  const std::string end_zh = Iso(last) + (calendar_cut ? "（交易日历的最后一天）" : "（三年期限）");
  Text& r = out.earliest_full_date_reason;
  if (plain.no_violation) {
    r.en = "from " + Iso(*plain.no_violation) +
           " no rule is violated, but the verdict stays unknown until the missing inputs are "
           "supplied or those rules are evaluated (" +
           plain.still_blocking + ")";
    r.zh = "自" + Iso(*plain.no_violation) +
           "起不再违反任何规则，但在补充缺失的输入之前结论仍为“无法判断”（" + plain.still_blocking +
           "）";
    return;
  }
  JudgeOptions with_plan = quiet;
  with_plan.hypothetical_plan_published = order.date;
  const Search planned = search(with_plan);
  if (planned.pass) {
    r.en = "no date through " + end_en +
           " on which the whole order passes with the plans and history on file; with a new "
           "reduction plan announced on " +
           Iso(order.date) +
           ", the whole order could be sold "
           "from " +
           Iso(*planned.pass);
    r.zh = "截至" + end_zh + "，按现有减持计划和历史记录，整笔订单均无法合规；若于" +
           Iso(order.date) + "披露新的减持计划，可自" + Iso(*planned.pass) + "起卖出全部股份";
    return;
  }
  r.en = "no date through " + end_en +
         " on which the whole order passes, even with a new "
         "reduction plan; blocking on every date: " +
         planned.still_blocking;
  r.zh = "截至" + end_zh + "，即使披露新的减持计划，整笔订单仍无法合规；始终阻止的规则：" +
         planned.still_blocking;
}

Status Evaluator::AllocateDraws(const Order& executed, const Ledger& ledger,
                                std::vector<LotDraw>& draws, std::string_view pinned) const {
  draws.clear();
  const std::string_view market = MarketOf(executed.share_class);
  const RuleSet* pack = PackFor(market, executed.date, pinned);
  if (pack == nullptr) {
    return OutOfRange("no rule pack of market '" + std::string(market) + "' is in force on " +
                      Iso(executed.date));
  }
  const TradingCalendar* calendar = CalendarOf(market);
  if (calendar == nullptr) {
    return OutOfRange("no trading calendar of market '" + std::string(market) + "' is loaded");
  }
  if (Status st = pack->AllocateSale(executed, ledger, *calendar, draws); !st.ok()) return st;
  return ledger.ValidateSale(Trade{executed.holder, executed.date, executed.method, executed.shares,
                                   executed.price, executed.share_class},
                             draws);
}

Status Evaluator::Record(const Order& executed, Ledger& ledger, std::string_view pinned) const {
  std::vector<LotDraw> draws;
  if (Status st = AllocateDraws(executed, ledger, draws, pinned); !st.ok()) return st;
  return ledger.RecordSale(Trade{executed.holder, executed.date, executed.method, executed.shares,
                                 executed.price, executed.share_class},
                           draws);
}

EvaluatorBuilder::EvaluatorBuilder(TradingCalendar calendar) {
  calendars_.push_back(Evaluator::MarketCalendar{"cn", std::move(calendar)});
}

EvaluatorBuilder& EvaluatorBuilder::AddCalendar(std::string market, TradingCalendar calendar) {
  calendars_.push_back(Evaluator::MarketCalendar{std::move(market), std::move(calendar)});
  return *this;
}

EvaluatorBuilder& EvaluatorBuilder::AddPack(std::shared_ptr<const RuleSet> pack) {
  packs_.push_back(std::move(pack));
  return *this;
}

EvaluatorBuilder& EvaluatorBuilder::SetOptions(EvaluatorOptions options) {
  options_ = options;
  return *this;
}

Result<Evaluator> EvaluatorBuilder::Build() && {
  if (packs_.empty()) return InvalidInput("no rule pack given");
  for (size_t i = 0; i < calendars_.size(); ++i) {
    for (size_t k = 0; k < i; ++k) {
      if (calendars_[k].market == calendars_[i].market) {
        return InvalidInput("two trading calendars for market '" + calendars_[i].market + "'");
      }
    }
  }
  std::sort(packs_.begin(), packs_.end(), [](const auto& a, const auto& b) {
    if (a->market() != b->market()) return a->market() < b->market();
    return a->effective_from() < b->effective_from();
  });
  for (size_t i = 0; i < packs_.size(); ++i) {
    const auto& a = packs_[i];
    const bool has_calendar =
        std::any_of(calendars_.begin(), calendars_.end(),
                    [&](const Evaluator::MarketCalendar& c) { return c.market == a->market(); });
    if (!has_calendar) {
      return InvalidInput("rule pack '" + std::string(a->id()) + "' judges market '" +
                          std::string(a->market()) + "', which has no trading calendar");
    }
    for (size_t k = 0; k < i; ++k) {
      if (packs_[k]->id() == a->id())
        return InvalidInput("two rule packs share the id '" + std::string(a->id()) + "'");
    }
    if (i + 1 == packs_.size()) continue;
    const auto& b = packs_[i + 1];
    if (a->market() != b->market()) continue;
    if (!a->effective_to() || *a->effective_to() >= b->effective_from()) {
      return InvalidInput("rule packs '" + std::string(a->id()) + "' and '" + std::string(b->id()) +
                          "' overlap in time");
    }
  }
  return Evaluator(std::move(packs_), std::move(calendars_), options_);
}

}  // namespace reducheck
