// Directors, supervisors and senior managers (spec §7; A14, A24, A25): DIR-LIST-1Y,
// DIR-LEAVE-6M, DIR-WIN-PERIODIC, DIR-WIN-EVENT, DIR-25PCT, and DIR-SHORTSWING (which also
// binds holders of 5% or more). ctx.dno says whether the holder is a D&O on the date (in office,
// or in the post-departure tail, A25); supervisors are treated as directors.
// Every rule here covers every transfer method (Company Law Art.160 "转让"; the D&O Rules'
// windows "买卖"; Securities Law Art.44 "卖出").
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "explain.h"
#include "families.h"
#include "purchases.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {
namespace {

constexpr RoleSet kDnoRoles = static_cast<RoleSet>(Role::kDirector) |
                              static_cast<RoleSet>(Role::kSupervisor) |
                              static_cast<RoleSet>(Role::kSeniorManager);

Date FarFuture() { return Date(boost::gregorian::max_date_time); }

std::string HolderIsText(const JudgeContext& ctx) {
  return ctx.dno ? "director_supervisor_or_senior_manager" : "holder_of_5pct_or_more";
}

// ---------------------------------------------------------------------------------------------
// DIR-WIN-PERIODIC

// Reports with the long window (dir_window_major_days): annual and semi-annual reports, and
// under the 2007 D&O Rules (pack flag dir_window_quarterly_major) every periodic report, the
// quarterly ones included ("定期报告公告前30日内"). Forecasts and flash reports never.
bool MajorReport(const RulePack& p, ReportKind k) {
  return k == ReportKind::kAnnual || k == ReportKind::kSemiannual ||
         (k == ReportKind::kQuarterly && p.dir_window_quarterly_major);
}

int WindowDays(const RulePack& p, ReportKind k) {
  return MajorReport(p, k) ? p.dir_window_major_days : p.dir_window_minor_days;
}

// Whether a postponed report's window counts from its originally scheduled date. The D&O Rules
// give that extension to the reports of the long window only: "因特殊原因推迟年度报告、半年度报告
// 公告日期的，自原预约公告日前十五日起算" (2024; "推迟定期报告公告日期的，自原预约公告日前30日起算"
// in 2007, when every periodic report was in the long window). A quarterly report, forecast or
// flash report counts from its actual date even when it was postponed.
bool FromOriginalDate(const RulePack& p, const PeriodicReport& r) {
  return r.originally.has_value() && MajorReport(p, r.kind);
}

// The blackout window before report r: from `days` calendar days before the publication date
// (for a report of the long window, before the originally scheduled date when it was
// postponed; the earlier of the two if it was brought forward) through the day before
// publication.
DateRange WindowOf(const RulePack& p, const PeriodicReport& r) {
  const Date anchor = FromOriginalDate(p, r) ? std::min(*r.originally, r.date) : r.date;
  return DateRange{DaysBefore(anchor, WindowDays(p, r.kind)), DaysBefore(r.date, 1)};
}

bool Inside(const DateRange& w, Date d) { return w.first <= d && d <= w.last; }

// A period string as the contract writes it: "2025", "2025H1", "2025Q1".
struct Period {
  int year = 0;
  char part = 0;  // 0 annual, 'H', 'Q'
  int no = 0;
};
std::optional<Period> ParsePeriod(std::string_view s) {
  if (s.size() < 4) return std::nullopt;
  Period p;
  for (int i = 0; i < 4; ++i) {
    const char c = s[static_cast<size_t>(i)];
    if (c < '0' || c > '9') return std::nullopt;
    p.year = p.year * 10 + (c - '0');
  }
  if (s.size() == 4) return p;
  if (s.size() != 6 || (s[4] != 'H' && s[4] != 'Q') || s[5] < '1' || s[5] > '4')
    return std::nullopt;
  p.part = s[4];
  p.no = s[5] - '0';
  return p;
}

// A report every listed company must publish, with the statutory publication range: the
// annual report of year Y-1 by April 30 of Y (from January 1), the Q1 report in April, the
// semi-annual report in July-August, the Q3 report in October.
struct Slot {
  ReportKind kind;
  Period period;
  Date from;
  Date to;
};

bool Fills(const PeriodicReport& r, const Slot& s) {
  if (r.kind != s.kind) return false;
  if (const std::optional<Period> p = ParsePeriod(r.period)) {
    return p->year == s.period.year && p->part == s.period.part && p->no == s.period.no;
  }
  // No (or an unreadable) period: judge by the publication date.
  const Date when = r.originally ? std::min(*r.originally, r.date) : r.date;
  return (s.from <= r.date && r.date <= s.to) || (s.from <= when && when <= s.to);
}

std::string SlotEn(const Slot& s) {
  switch (s.kind) {
    case ReportKind::kAnnual:
      return "annual report for " + std::to_string(s.period.year);
    case ReportKind::kSemiannual:
      return "semi-annual report for " + std::to_string(s.period.year) + "H1";
    default:
      return "quarterly report for " + std::to_string(s.period.year) + "Q" +
             std::to_string(s.period.no);
  }
}
std::string SlotZh(const Slot& s) {
  switch (s.kind) {
    case ReportKind::kAnnual:
      return std::to_string(s.period.year) + " 年年度报告";
    case ReportKind::kSemiannual:
      return std::to_string(s.period.year) + " 年半年度报告";
    default:
      return std::to_string(s.period.year) + " 年第" + (s.period.no == 1 ? "一" : "三") +
             "季度报告";
  }
}

std::string ReportEn(const PeriodicReport& r) {
  std::string s;
  switch (r.kind) {
    case ReportKind::kAnnual:
      s = "annual report";
      break;
    case ReportKind::kSemiannual:
      s = "semi-annual report";
      break;
    case ReportKind::kQuarterly:
      s = "quarterly report";
      break;
    case ReportKind::kForecast:
      s = "earnings forecast";
      break;
    case ReportKind::kFlash:
      s = "flash report";
      break;
  }
  if (!r.period.empty()) s += " (" + r.period + ")";
  return s;
}
std::string ReportZh(const PeriodicReport& r) {
  std::string s = r.period.empty() ? "" : r.period + " ";
  switch (r.kind) {
    case ReportKind::kAnnual:
      s += "年度报告";
      break;
    case ReportKind::kSemiannual:
      s += "半年度报告";
      break;
    case ReportKind::kQuarterly:
      s += "季度报告";
      break;
    case ReportKind::kForecast:
      s += "业绩预告";
      break;
    case ReportKind::kFlash:
      s += "业绩快报";
      break;
  }
  return s;
}

void JudgePeriodicWindows(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Company& co = ctx.ledger.company();
  const Date d = ctx.date;
  const Shares n = ctx.order.shares;
  const PeriodicReport* hit = nullptr;
  DateRange hit_window{};
  for (const PeriodicReport& r : co.reports) {
    const DateRange w = WindowOf(ctx.pack, r);
    if (!Inside(w, d)) continue;
    if (hit == nullptr || w.last > hit_window.last) {
      hit = &r;
      hit_window = w;
    }
  }
  if (hit != nullptr) {
    AddLimit(out, R.dir_win_periodic, 0);
    Violation& v = AddViolation(out, R.dir_win_periodic, n);
    if (!ctx.options.explain) return;
    // Windows of other reports may run on from this one: trading resumes after the chain.
    Date last = hit_window.last;
    for (bool grew = true; grew;) {
      grew = false;
      for (const PeriodicReport& r : co.reports) {
        const DateRange w = WindowOf(ctx.pack, r);
        if (w.first <= DaysAfter(last, 1) && w.last > last) {
          last = w.last;
          grew = true;
        }
      }
    }
    const int days = WindowDays(ctx.pack, hit->kind);
    v.facts = {{"report_kind", std::string(Name(hit->kind))}};
    if (!hit->period.empty()) v.facts.push_back({"report_period", hit->period});
    v.facts.push_back({"report_date", hit->date});
    const bool from_original = FromOriginalDate(ctx.pack, *hit);
    if (from_original) v.facts.push_back({"originally_scheduled", *hit->originally});
    v.facts.push_back({"window", hit_window});
    v.facts.push_back({"window_days", static_cast<std::int64_t>(days)});
    v.facts.push_back({"blackout_last_day", last});
    v.facts.push_back({"proposed", n});
    const std::string when_en =
        from_original ? " calendar days before its originally scheduled date " +
                            Iso(*hit->originally) + " (postponed to " + Iso(hit->date) + ")"
                      : " calendar days before its publication on " + Iso(hit->date);
    const std::string when_zh = from_original ? "原定披露日 " + Iso(*hit->originally) +
                                                    "（延期至 " + Iso(hit->date) + " 披露）前"
                                              : "公告（" + Iso(hit->date) + "）前";
    v.message.en = "a director, supervisor or senior manager may not trade before the " +
                   ReportEn(*hit) + ", from " + std::to_string(days) + when_en +
                   " up to the day before publication: the blackout window " +
                   Iso(hit_window.first) + " to " + Iso(hit_window.last) + " contains " + Iso(d) +
                   "; trading is possible again from " + Iso(DaysAfter(last, 1));
    v.message.zh = "董监高在" + ReportZh(*hit) + when_zh + std::to_string(days) +
                   "日内至公告前一日不得买卖本公司股票：窗口期 " + Iso(hit_window.first) + " 至 " +
                   Iso(hit_window.last) + " 包含 " + Iso(d) + "；自 " + Iso(DaysAfter(last, 1)) +
                   " 起方可交易";
    return;
  }
  // Not in a listed window: a statutory report missing from company.reports whose possible
  // publication dates would put the date in its window makes the rule undecidable.
  const int y = d.year();
  for (int year = y; year <= y + 1; ++year) {
    const Slot slots[] = {
        {ReportKind::kAnnual, {year - 1, 0, 0}, Date(year, 1, 1), Date(year, 4, 30)},
        {ReportKind::kQuarterly, {year, 'Q', 1}, Date(year, 4, 1), Date(year, 4, 30)},
        {ReportKind::kSemiannual, {year, 'H', 1}, Date(year, 7, 1), Date(year, 8, 31)},
        {ReportKind::kQuarterly, {year, 'Q', 3}, Date(year, 10, 1), Date(year, 10, 31)},
    };
    for (const Slot& s : slots) {
      const int days = WindowDays(ctx.pack, s.kind);
      // Publication on p puts d in the window iff d+1 <= p <= d+days.
      if (s.to < DaysAfter(d, 1) || s.from > DaysAfter(d, days)) continue;
      if (s.to < co.listing_date) continue;  // published before listing (prospectus)
      bool listed = false;
      for (const PeriodicReport& r : co.reports) listed |= Fills(r, s);
      if (listed) continue;
      AddUnknown(out, R.dir_win_periodic,
                 "company.reports lists no " + SlotEn(s) + " (due between " + Iso(s.from) +
                     " and " + Iso(s.to) + "); its publication date decides whether " + Iso(d) +
                     " falls in the " + std::to_string(days) + "-day blackout window before it",
                 "company.reports 未列出" + SlotZh(s) + "（应于 " + Iso(s.from) + " 至 " +
                     Iso(s.to) + " 披露）；需其披露日期判断 " + Iso(d) + " 是否处于其前" +
                     std::to_string(days) + "日的窗口期");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// DIR-WIN-EVENT: from the day a material event occurred through the day it is disclosed
// ("至依法披露之日止": the disclosure day itself is inside, the literal and conservative
// reading), plus `dir_event_window_trading_days_after` trading days (the 2007 D&O Rules' "至依法
// 披露后2个交易日内": the 2nd trading day after the disclosure day is the last one inside); an
// event not yet disclosed keeps the window open.

struct EventWindow {
  const MaterialEvent* event = nullptr;
  std::optional<Date> last;  // last day inside; nullopt = open (not disclosed)
};

void JudgeEventWindows(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Date d = ctx.date;
  const int tail = ctx.pack.dir_event_window_trading_days_after;
  EventWindow hit;
  const MaterialEvent* uncovered = nullptr;  // its tail cannot be counted on the calendar
  for (const MaterialEvent& e : ctx.ledger.company().events) {
    if (e.occurred > d) continue;
    std::optional<Date> last = e.disclosed;
    if (e.disclosed && tail > 0) {
      if (*e.disclosed >= d) {
        last = *e.disclosed;  // inside whatever the tail: no need to count it
      } else {
        last = ctx.calendar.Covers(*e.disclosed) ? ctx.calendar.AddTradingDays(*e.disclosed, tail)
                                                 : std::nullopt;
        if (!last) {
          uncovered = &e;
          continue;
        }
      }
    }
    if (last && *last < d) continue;
    // Report the window that lasts longest (an undisclosed event first).
    if (hit.event == nullptr || (hit.last && (!last || *last > *hit.last))) hit = {&e, last};
  }
  if (hit.event == nullptr) {
    if (uncovered != nullptr) {
      AddUnknown(out, R.dir_win_event,
                 "the trading calendar does not cover the " + std::to_string(tail) +
                     " trading days after the disclosure on " + Iso(*uncovered->disclosed) +
                     " of the material event of " + Iso(uncovered->occurred) +
                     ", which decide whether " + Iso(d) + " is still inside its window",
                 "交易日历未覆盖 " + Iso(uncovered->occurred) + " 发生的重大事项于 " +
                     Iso(*uncovered->disclosed) + " 披露后的 " + std::to_string(tail) +
                     " 个交易日，无法判断 " + Iso(d) + " 是否仍处于其窗口期");
    }
    return;
  }
  const MaterialEvent* ev = hit.event;
  const Shares n = ctx.order.shares;
  AddLimit(out, R.dir_win_event, 0);
  Violation& v = AddViolation(out, R.dir_win_event, n);
  if (!ctx.options.explain) return;
  // The whole window, its tail included (nullopt: the tail runs past the calendar).
  std::optional<Date> end = ev->disclosed;
  if (ev->disclosed && tail > 0) end = ctx.calendar.AddTradingDays(*ev->disclosed, tail);
  v.facts = {{"event_occurred", ev->occurred}};
  if (ev->disclosed) {
    v.facts.push_back({"event_disclosed", *ev->disclosed});
    if (end) v.facts.push_back({"window", DateRange{ev->occurred, *end}});
    if (tail > 0) {
      v.facts.push_back({"trading_days_after_disclosure", static_cast<std::int64_t>(tail)});
    }
  } else {
    v.facts.push_back({"event_disclosed", std::string("not_yet_disclosed")});
  }
  v.facts.push_back({"proposed", n});
  if (ev->disclosed) {
    const std::string span_en = tail > 0 ? "from the event through the " + std::to_string(tail) +
                                               " trading days after its disclosure"
                                         : "from the event through its disclosure day";
    const std::string span_zh =
        tail > 0 ? "自事项发生之日至依法披露后" + std::to_string(tail) + "个交易日内"
                 : "自事项发生之日至依法披露之日";
    const std::string until_en = end ? " (" + Iso(ev->occurred) + " to " + Iso(*end) + ")" : "";
    const std::string until_zh = end ? "（" + Iso(ev->occurred) + " 至 " + Iso(*end) + "）" : "";
    v.message.en = "a material event occurred on " + Iso(ev->occurred) + " and is disclosed on " +
                   Iso(*ev->disclosed) +
                   "; a director, supervisor or senior manager may not trade " + span_en +
                   until_en + ", which contains " + Iso(d);
    v.message.zh = "重大事项于 " + Iso(ev->occurred) + " 发生，" + Iso(*ev->disclosed) +
                   " 披露；董监高" + span_zh + until_zh + "不得买卖本公司股票，" + Iso(d) +
                   " 在此期间内";
  } else {
    v.message.en = "a material event occurred on " + Iso(ev->occurred) +
                   " and has not been disclosed; a director, supervisor or senior manager may not "
                   "trade from the event until it is disclosed";
    v.message.zh = "重大事项于 " + Iso(ev->occurred) +
                   " 发生且尚未披露；董监高自事项发生之日至依法披露之日不得买卖本公司股票";
  }
}

// ---------------------------------------------------------------------------------------------
// DIR-25PCT

// New shares of a year that were restricted when acquired ("新增有限售条件的股份", which enter
// next year's base instead of adding 25% now): private-placement and IPO shares (locked by law
// when issued) and any lot with a `lockup_until` on or after its acquisition (restricted
// incentive stock, a stated lock). Everything else acquired in the year is unrestricted: shares
// bought on the exchange or by transfer (a transferee's 6-month bar is a rule on selling, not a
// registered restriction), exercised options, inheritances and other new lots.
bool RestrictedWhenAcquired(const Lot& l) {
  if (l.source == Source::kPrivatePlacement || l.source == Source::kIpoOriginal ||
      l.source == Source::kIpoSubscribed) {
    return true;
  }
  return l.lockup_until && l.acquired && *l.lockup_until >= *l.acquired;
}

// DIR-25PCT (Company Law Art.160(2); D&O Rules: 以上年末所持股份为基数; 年内新增无限售条件股份当年
// 可转让25%, 新增有限售条件股份计入次年基数; 因权益分派导致所持股份增加的，可同比例增加当年可转让
// 数量). Share counts are in current units (ledger.capital(): after every corporate action).
void JudgeAnnualQuota(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const RulePack& pack = ctx.pack;
  const Holder& h = *ctx.holder;
  const Date d = ctx.date;
  const int year = d.year();
  // Base: shares held at the close of the last trading day of the previous year.
  const std::optional<Date> base_day = ctx.calendar.TradingDayOnOrBefore(Date(year - 1, 12, 31));
  if (!base_day) {
    AddUnknown(out, R.dir_25pct,
               "the trading calendar does not cover " + std::to_string(year - 1) +
                   ", needed to find the last trading day of that year (the base of the 25% quota)",
               "交易日历未覆盖 " + std::to_string(year - 1) +
                   " 年，无法确定上年末最后一个交易日（25%额度的计算基数）");
    return;
  }
  const Date after = DaysAfter(*base_day, 1);
  // Reconstructed backwards from the current lots: + sales since the base day, - purchases since
  // then (history.purchases and purchase lots, each day once: purchases.h), - other lots
  // acquired since then.
  const Shares bought_since =
      HolderPurchases(ctx.ledger, ctx.holder_index, after, FarFuture()).shares;
  Shares other_lots_since = 0;
  for (const Lot& l : h.lots) {
    if (l.acquired && *l.acquired >= after && !IsPurchaseSource(l.source)) {
      other_lots_since += l.shares;
    }
  }
  const Shares sold_since =
      ctx.ledger.HolderSold(ctx.holder_index, std::nullopt, after, FarFuture());
  const Shares base_now =
      std::max<Shares>(0, ctx.holding + sold_since - bought_since - other_lots_since);
  // Bonus issues, capitalisations and splits since the base day (orders are never dated before
  // one): the base in its own shares is base_now / f, and the year's quota grows by f.
  const Factor f = ctx.ledger.capital().FactorBetween(*base_day, FarFuture());
  const Shares base = Apply(base_now, Factor{f.den, f.num}, Round::kDown);
  const bool small = base <= pack.dir_small_holding_shares;
  const Shares base_quota = small ? base : BpOf(pack.dir_annual_quota_bp, base);
  const Shares restated_quota = Apply(base_quota, f, Round::kDown);
  // New unrestricted shares acquired this year up to the order date add 25% of themselves.
  const Shares bought = HolderPurchases(ctx.ledger, ctx.holder_index, after, d).shares;
  Shares restricted_bought = 0;
  Shares other_new = 0;
  for (const Lot& l : h.lots) {
    if (!l.acquired || *l.acquired < after || *l.acquired > d) continue;
    if (RestrictedWhenAcquired(l)) {
      if (IsPurchaseSource(l.source)) restricted_bought += l.shares;
    } else if (!IsPurchaseSource(l.source)) {
      other_new += l.shares;
    }
  }
  const Shares new_unrestricted = std::max<Shares>(0, bought - restricted_bought) + other_new;
  const Shares added_quota = BpOf(pack.dir_annual_quota_bp, new_unrestricted);
  const Shares quota = restated_quota + added_quota;
  const Shares sold = ctx.ledger.HolderSold(ctx.holder_index, std::nullopt, after, d);
  const Shares left = std::max<Shares>(0, quota - sold);
  AddLimit(out, R.dir_25pct, left);
  const Shares n = ctx.order.shares;
  if (n <= left) return;
  Violation& v = AddViolation(out, R.dir_25pct, n - left);
  if (!ctx.options.explain) return;
  const std::string pct = BpText(pack.dir_annual_quota_bp);
  v.facts = {{"year", static_cast<std::int64_t>(year)},
             {"base_date", *base_day},
             {"base_shares", base},
             {"quota_pct", pct},
             {"base_quota", base_quota}};
  if (small) v.facts.push_back({"small_holding", true});
  if (!f.is_one()) {
    v.facts.push_back({"restatement_factor", FactorText(f)});
    v.facts.push_back({"restated_base_quota", restated_quota});
  }
  v.facts.push_back({"bought_this_year", bought});
  if (new_unrestricted != bought) {
    v.facts.push_back({"new_unrestricted_this_year", new_unrestricted});
  }
  v.facts.push_back({"added_quota", added_quota});
  v.facts.push_back({"quota", quota});
  v.facts.push_back({"sold_this_year", sold});
  v.facts.push_back({"quota_left", left});
  v.facts.push_back({"proposed", n});
  const std::string base_en = small ? "a holding of at most " + Num(pack.dir_small_holding_shares) +
                                          " shares may be sold in full, so the base quota is all " +
                                          Num(base) + " shares"
                                    : pct + " of that is " + Num(base_quota);
  const std::string base_zh = small ? "持股不超过 " + Num(pack.dir_small_holding_shares) +
                                          " 股的可一次全部转让，基础额度为 " + Num(base) + " 股"
                                    : "其 " + pct + " 为 " + Num(base_quota) + " 股";
  const std::string restated_en =
      f.is_one()
          ? ""
          : "; bonus shares, capitalisations or splits since then multiply it by " + FactorText(f) +
                " (the year's quota grows in the same proportion): " + Num(restated_quota);
  const std::string restated_zh = f.is_one() ? ""
                                             : "；其后送股、转增或拆股按 " + FactorText(f) +
                                                   " 倍同比例增加当年可转让数量，为 " +
                                                   Num(restated_quota) + " 股";
  const std::string added_en =
      added_quota > 0 ? "; " + Num(new_unrestricted) +
                            " new unrestricted shares acquired this year (bought, exercised, "
                            "inherited, ...) add " +
                            pct + " of them, " + Num(added_quota)
                      : "";
  const std::string added_zh = added_quota > 0 ? "；本年新增无限售条件股份 " +
                                                     Num(new_unrestricted) + " 股，当年可转让 " +
                                                     pct + "，增加额度 " + Num(added_quota) + " 股"
                                               : "";
  v.message.en = "a director, supervisor or senior manager may transfer at most " + pct +
                 " a year of the shares held at the close of " + Iso(*base_day) + " (" + Num(base) +
                 " shares); " + base_en + restated_en + added_en + "; " + Num(sold) +
                 " already sold in " + std::to_string(year) + ", so " + Num(left) +
                 " may still be sold and " + Num(n - left) + " of the " + Num(n) +
                 " shares exceed the quota";
  v.message.zh = "董监高每年转让的股份不得超过上年末（" + Iso(*base_day) + " 收盘）所持股份 " +
                 Num(base) + " 股的 " + pct + "；" + base_zh + restated_zh + added_zh + "；" +
                 std::to_string(year) + " 年已转让 " + Num(sold) + " 股，剩余额度 " + Num(left) +
                 " 股，拟转让 " + Num(n) + " 股中 " + Num(n - left) + " 股超出额度";
}

// ---------------------------------------------------------------------------------------------
// DIR-LIST-1Y and DIR-LEAVE-6M

void JudgeListingYear(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Date listing = ctx.ledger.company().listing_date;
  const Date last = LockLastDay(listing, ctx.pack.dir_list_months);
  if (ctx.date > last) return;
  const Shares n = ctx.order.shares;
  // Category 1 when pre-IPO (original) shares are sold; the other shares are deemed sold
  // first (the reading most favourable to the holder, as for the lot locks).
  Shares pre_ipo = 0;
  for (const Lot& l : ctx.holder->lots) {
    if (l.source == Source::kIpoOriginal) pre_ipo += l.shares;
  }
  const Shares pre_ipo_sold = std::max<Shares>(0, n - (ctx.holding - pre_ipo));
  AddLimit(out, R.dir_list, 0);
  Violation& v = AddViolation(out, R.dir_list, n);
  if (pre_ipo_sold == 0) v.category = Category::kRestrictedPeriodOther;
  if (!ctx.options.explain) return;
  v.facts = {{"listing_date", listing},
             {"last_locked_day", last},
             {"tradable_from", DaysAfter(last, 1)},
             {"proposed", n},
             {"pre_ipo_shares_sold", pre_ipo_sold}};
  v.message.en =
      "a director, supervisor or senior manager may not transfer any shares of the "
      "company within one year of its listing on " +
      Iso(listing) + " (through " + Iso(last) + "); " + Num(pre_ipo_sold) + " of the " + Num(n) +
      " shares would be pre-IPO shares";
  v.message.zh = "董监高所持本公司股份自公司股票上市交易之日（" + Iso(listing) + "）起一年内（至 " +
                 Iso(last) + "）不得转让；拟转让 " + Num(n) + " 股中 " + Num(pre_ipo_sold) +
                 " 股为首发前股份";
}

void JudgeLeaving(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Holder& h = *ctx.holder;
  if ((h.roles & kDnoRoles) == 0) return;
  if (ctx.supervisor_abolition_unknown) {
    // From 2026-01-01 no listed company keeps a supervisory board: the holder's office ended on
    // a day the scenario does not give, and the lock after it may still run.
    const Date latest = AfterEventLastDay(DaysBefore(ctx.pack.supervisor_transition_end, 1),
                                          ctx.pack.dir_leave_months);
    AddUnknown(
        out, R.dir_leave,
        "holder '" + h.id +
            "' is a supervisor, and listed companies had to abolish their "
            "supervisory boards by " +
            Iso(ctx.pack.supervisor_transition_end) +
            "; company.supervisory_board_abolished is needed: the abolition ends the "
            "supervisor's office and starts the " +
            std::to_string(ctx.pack.dir_leave_months) +
            "-month post-departure lock (which could run through " + Iso(latest) + ")",
        "持有人 " + h.id + " 为监事，上市公司应于 " + Iso(ctx.pack.supervisor_transition_end) +
            " 前取消监事会；需要 company.supervisory_board_abolished：取消监事会之日监事离任，"
            "其后" +
            std::to_string(ctx.pack.dir_leave_months) + "个月内不得转让（最迟可至 " + Iso(latest) +
            "）");
    return;
  }
  if (!ctx.dno_departed || *ctx.dno_departed > ctx.date) return;
  const Date departed = *ctx.dno_departed;
  // The departure day itself is inside (conservative); the 6 months follow the Civil Code (A18).
  const Date last = AfterEventLastDay(departed, ctx.pack.dir_leave_months);
  if (ctx.date > last) return;
  const Shares n = ctx.order.shares;
  AddLimit(out, R.dir_leave, 0);
  Violation& v = AddViolation(out, R.dir_leave, n);
  if (!ctx.options.explain) return;
  v.facts = {{"departed", departed},
             {"last_locked_day", last},
             {"tradable_from", DaysAfter(last, 1)},
             {"proposed", n}};
  if (departed != h.departed) {
    v.facts.push_back({"supervisory_board_abolished", departed});
  }
  v.message.en = "the holder left office on " + Iso(departed) +
                 (departed != h.departed ? " (the company abolished its supervisory board)" : "") +
                 "; a former director, supervisor or senior manager may not transfer shares of the "
                 "company within " +
                 std::to_string(ctx.pack.dir_leave_months) + " months after leaving (through " +
                 Iso(last) + ")";
  v.message.zh = "持有人于 " + Iso(departed) +
                 (departed != h.departed ? " 离任（公司取消监事会）" : " 离职") + "；董监高离职后" +
                 std::to_string(ctx.pack.dir_leave_months) + "个月内（至 " + Iso(last) +
                 "）不得转让其所持本公司股份";
}

// ---------------------------------------------------------------------------------------------
// DIR-SHORTSWING (Securities Law Art.44; A24)

// First purchase day p whose short-swing period reaches d: AfterEventLastDay(p, months) >= d
// (monotone in p). It is never before c = AddMonthsClipped(d, -months): c's day is at most d's,
// so AfterEventLastDay(c, months) <= d, and the day before c maps to a day before d (the day
// before it in d's month, or a day of the month before). So the search starts at c and steps
// at most a few days (c clipped to a short month's end: 2025-08-31 -> 2025-02-28, first p is
// 2025-03-01).
Date ShortSwingFrom(Date d, int months) {
  Date p = AddMonthsClipped(d, -months);
  while (AfterEventLastDay(p, months) < d) p = DaysAfter(p, 1);
  return p;
}

void JudgeShortSwing(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Date d = ctx.date;
  const int months = ctx.pack.shortswing_months;
  // A purchase on p puts a sale on d in the period when p <= d <= AfterEventLastDay(p, months)
  // (Civil Code: the period runs p+1 .. AfterEventLastDay(p); a sale on the purchase day itself
  // is inside too). Purchases: history.purchases and purchase lots, each day once (purchases.h).
  const Date from = ShortSwingFrom(d, months);
  const Purchases bought_in = HolderPurchases(ctx.ledger, ctx.holder_index, from, d);
  if (ctx.change != nullptr) {
    ctx.ChangesAt(FirstPurchaseAfter(ctx.ledger, ctx.holder_index, d));
    // The latest purchase of the period leaves it last.
    if (bought_in.latest) ctx.ChangesAfter(AfterEventLastDay(*bought_in.latest, months));
  }
  if (bought_in.shares <= 0) return;
  const Shares bought = bought_in.shares;
  const Date latest = *bought_in.latest;
  const Shares n = ctx.order.shares;
  AddLimit(out, R.dir_shortswing, 0);
  Violation& v = AddViolation(out, R.dir_shortswing, n);  // A24: the whole sale
  if (!ctx.options.explain) return;
  const Shares matched = std::min(n, bought);
  const Date clean_last = AfterEventLastDay(latest, months);
  v.facts = {{"holder_is", HolderIsText(ctx)},
             {"latest_purchase", latest},
             {"period", DateRange{DaysAfter(latest, 1), clean_last}},
             {"bought_in_period", bought},
             {"matched_shares", matched}};
  // Profit to the company: the matched shares paired with the purchases at the lowest prices
  // first (the largest profit, a conservative estimate), ties latest purchase first; only
  // positive differences count.
  std::vector<PurchaseEntry> entries;
  HolderPurchaseEntries(ctx.ledger, ctx.holder_index, from, d, entries);
  std::vector<const PurchaseEntry*> buys;
  bool priced = ctx.order.price.has_value();
  const PurchaseEntry* lot_only = nullptr;  // a purchase known from the lots only
  for (const PurchaseEntry& e : entries) {
    buys.push_back(&e);
    priced &= e.price.has_value();
    if (e.from_lots && (lot_only == nullptr || e.date > lot_only->date)) lot_only = &e;
  }
  std::string profit_en, profit_zh;
  if (lot_only != nullptr) {
    v.facts.push_back({"purchase_from_lots", lot_only->date});
  }
  if (priced) {
    std::sort(buys.begin(), buys.end(), [](const PurchaseEntry* a, const PurchaseEntry* b) {
      if (*a->price != *b->price) return *a->price < *b->price;
      return a->date > b->date;
    });
    Int128 units = 0;
    Shares left = matched;
    std::string pairs;
    for (const PurchaseEntry* t : buys) {
      if (left <= 0) break;
      const Shares take = std::min(left, t->shares);
      left -= take;
      const std::int64_t diff = ctx.order.price->units() - t->price->units();
      if (diff > 0) units += static_cast<Int128>(take) * diff;
      pairs += (pairs.empty() ? "" : "; ") + Iso(t->date) + ": " + Num(take) + " @ " +
               t->price->ToString();
    }
    if (units <= static_cast<Int128>(std::numeric_limits<std::int64_t>::max())) {
      const Money profit = Money::FromUnits(static_cast<std::int64_t>(units));
      v.facts.push_back({"profit_to_company", profit});
      v.facts.push_back({"matched_purchases", pairs});
      profit_en = "; the profit of " + profit.ToString() + " yuan on the " + Num(matched) +
                  " matched shares (sale price " + ctx.order.price->ToString() +
                  ", lowest purchase prices first) goes to the company";
      profit_zh = "；按卖出价 " + ctx.order.price->ToString() + " 元与最低买入价优先配对，" +
                  Num(matched) + " 股对应收益 " + profit.ToString() + " 元归公司所有";
    } else {
      priced = false;
    }
  }
  if (!priced) {
    v.facts.push_back(
        {"profit_not_computable",
         std::string(ctx.order.price ? "purchase_without_price" : "order_without_price")});
    const std::string no_price_en = lot_only != nullptr
                                        ? "the purchase of " + Iso(lot_only->date) +
                                              " is known from the lots only and has no price"
                                        : std::string("a purchase in the period has no price");
    const std::string no_price_zh = lot_only != nullptr
                                        ? Iso(lot_only->date) + " 的买入仅见于持股批次，缺少价格"
                                        : std::string("期间内的买入缺少价格");
    profit_en = "; the profit that goes to the company cannot be computed (" +
                (ctx.order.price ? no_price_en : std::string("the order has no price")) + ")";
    profit_zh = "；因" + (ctx.order.price ? no_price_zh : std::string("订单未给出价格")) +
                "，无法计算应归公司所有的收益";
  }
  v.facts.push_back({"earliest_clean_sale", DaysAfter(clean_last, 1)});
  v.facts.push_back({"fine_min", ctx.pack.shortswing_fine_min_yuan});
  v.facts.push_back({"fine_max", ctx.pack.shortswing_fine_max_yuan});
  v.facts.push_back({"proposed", n});
  const std::string who_en =
      ctx.dno ? "a director, supervisor or senior manager" : "a holder of 5% or more";
  const std::string who_zh = ctx.dno ? "董监高" : "持股5%以上股东";
  v.message.en = who_en + " bought " + Num(bought) + " shares in the " + std::to_string(months) +
                 " months before " + Iso(d) + " (latest on " + Iso(latest) + "); selling within " +
                 std::to_string(months) +
                 " months after a purchase is short-swing trading (Securities "
                 "Law Art.44): the whole sale of " +
                 Num(n) + " shares is flagged" + profit_en + "; fine " +
                 ctx.pack.shortswing_fine_min_yuan.ToString() + " to " +
                 ctx.pack.shortswing_fine_max_yuan.ToString() +
                 " yuan (Art.189); a sale is clean from " + Iso(DaysAfter(clean_last, 1));
  v.message.zh = who_zh + "在 " + Iso(d) + " 前" + std::to_string(months) + "个月内买入 " +
                 Num(bought) + " 股（最近一次 " + Iso(latest) + "），买入后" +
                 std::to_string(months) + "个月内卖出构成短线交易（《证券法》第四十四条），" +
                 "整笔卖出 " + Num(n) + " 股均予标记" + profit_zh + "；可处 " +
                 ctx.pack.shortswing_fine_min_yuan.ToString() + " 元至 " +
                 ctx.pack.shortswing_fine_max_yuan.ToString() + " 元罚款（第一百八十九条）；自 " +
                 Iso(DaysAfter(clean_last, 1)) + " 起卖出不构成短线交易";
}

}  // namespace

void JudgeDirectors(const JudgeContext& ctx, Judgement& out) {
  // Next changes (issue 11): the listing year's and the departure's last days, purchases
  // entering or leaving the short-swing period; the D&O windows and the yearly quota are not
  // analysed for their dates and are judged day by day while the holder is a D&O.
  ctx.Stable();
  if (ctx.dno) {
    ctx.ChangesAfter(LockLastDay(ctx.ledger.company().listing_date, ctx.pack.dir_list_months));
    ctx.ChangesEveryDay();
  }
  // The departure the rules use (a supervisor's may be the board's abolition, status.cpp).
  if (const Holder& h = *ctx.holder; (h.roles & kDnoRoles) != 0 && ctx.dno_departed) {
    ctx.ChangesAt(*ctx.dno_departed);
    ctx.ChangesAfter(AfterEventLastDay(*ctx.dno_departed, ctx.pack.dir_leave_months));
  }
  if (ctx.dno) JudgeListingYear(ctx, out);
  JudgeLeaving(ctx, out);
  if (ctx.dno) {
    JudgePeriodicWindows(ctx, out);
    JudgeEventWindows(ctx, out);
    JudgeAnnualQuota(ctx, out);
  }
  if (ctx.dno || ctx.major_by_holding || ctx.declared_major) JudgeShortSwing(ctx, out);
}

}  // namespace reducheck::rules_internal
