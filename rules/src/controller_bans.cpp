// Controller bans on centralized bidding and block trades (spec §5; A4, A5, A13, A17):
// CTRL-BREAK-IPO (破发, Measures Art.11), CTRL-BREAK-NAV (破净) and CTRL-DIV (分红不达标)
// (Measures Art.10), after the SSE/SZSE notices of 2023-09-26 (S5).
//
// Who (issue 15, defect 5; status.cpp): CTRL-BREAK-IPO binds ctx.controlling_at_ipo (the
// controlling shareholder / actual controller at the IPO, after it lost control too, and by pack
// its concert parties: Art.11); CTRL-BREAK-NAV and CTRL-DIV bind ctx.controlling (the current
// controlling shareholder / actual controller and by pack its concert parties: Art.10). Which
// shares: every source except `secondary_bidding` (MARKET_CB); IPO-subscribed and public-offering
// shares are covered (spec §1). The shares an order is deemed to sell follow share_split.cpp
// (A2/A28): capped free shares up to the cap quota left, then the exempt free shares, then capped
// shares beyond the quota, then locked lots; among the exempt free shares the non-market ones
// (IPO-subscribed, public offering,
// ...) are deemed sold before market-bought ones (conservative). Only the market-bought part
// of an order escapes the ban.
//
// Anchor (A4): the publication date of the real plan the sale falls under
// (CoveringPlanPublished); in the earliest-date search, the assumed new plan's date; with no
// plan, the judgement date. The lookback is the `ctrl_lookback_trading_days` trading days
// strictly before the anchor, so a condition arising after a valid plan was published does
// not ban sales under that plan (the "plan disclosed before the condition arose" exception).
#include <algorithm>
#include <string_view>

#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {
namespace {

enum class AnchorKind { kPlan, kNewPlan, kJudgementDate };

struct Anchor {
  Date date;
  AnchorKind kind = AnchorKind::kJudgementDate;
};

// In the earliest-date search's "with a new plan" pass, a sale the new plan's timing allows
// is made under it (the holder chooses the plan), so its publication date anchors.
Anchor ChooseAnchor(const JudgeContext& ctx) {
  const std::optional<Date>& h = ctx.options.hypothetical_plan_published;
  if (h && *h <= ctx.date) {
    const std::optional<int> between = ctx.calendar.TradingDaysBetween(*h, ctx.date);
    if (between && *between >= ctx.pack.pre_announce_trading_days) {
      return {*h, AnchorKind::kNewPlan};
    }
  }
  if (std::optional<Date> p = CoveringPlanPublished(ctx)) return {*p, AnchorKind::kPlan};
  if (h && *h <= ctx.date) return {*h, AnchorKind::kNewPlan};
  return {ctx.date, AnchorKind::kJudgementDate};
}

// The part of the order the bans reach, and the most shares sellable while a ban holds.
struct CtrlShares {
  Shares market_free = 0;  // free secondary_bidding shares
  Shares breach = 0;       // shares of the order deemed not market-bought
  Shares headroom = 0;     // largest order deemed entirely market-bought
};

bool MarketLotLocked(const JudgeContext& ctx, const Lot& lot) {
  // Market-bought lots are locked only by the holder's own undertakings (locks.cpp).
  if (lot.lockup_until && ctx.date <= *lot.lockup_until) return true;
  for (const Commitment& c : ctx.holder->commitments) {
    if (c.kind != CommitmentKind::kNoSale) continue;
    if (!c.lots.empty() && std::find(c.lots.begin(), c.lots.end(), lot.id) == c.lots.end()) {
      continue;
    }
    if (!c.until || ctx.date <= *c.until) return true;
  }
  return false;
}

CtrlShares SplitForBans(const JudgeContext& ctx) {
  CtrlShares r;
  for (const Lot& lot : ctx.holder->lots) {
    if (lot.source == Source::kSecondaryBidding && !MarketLotLocked(ctx, lot)) {
      r.market_free += lot.shares;
    }
  }
  const ShareSplit& s = ctx.split;
  const Shares quota = std::max<Shares>(ctx.has_cap ? ctx.quota_left : 0, 0);
  const Shares other_exempt = std::max<Shares>(0, s.exempt_free - r.market_free);
  const Shares first = std::min(s.capped_free, quota);
  const Shares n = ctx.order.shares;
  Shares rest = n - std::min(n, first);
  rest -= std::min(rest, other_exempt);
  r.breach = n - std::min(rest, r.market_free);
  r.headroom = (first > 0 || other_exempt > 0) ? 0 : r.market_free;
  return r;
}

const DatedPrice* CloseOn(const Company& co, Date d) {
  auto it = std::lower_bound(co.closes.begin(), co.closes.end(), d,
                             [](const DatedPrice& p, Date x) { return p.date < x; });
  return (it != co.closes.end() && it->date == d) ? &*it : nullptr;
}

// The lookback: N trading days strictly before the anchor.
struct Lookback {
  bool covered = false;  // the calendar covers all N days
  Date first, last;
  int missing = 0;                     // trading days without a close
  const DatedPrice* lowest = nullptr;  // lowest close found (earliest on ties)
};

// Walks the lookback newest to oldest: f(trading day) for each day.
template <typename F>
bool WalkLookback(const JudgeContext& ctx, Date anchor, F&& f) {
  std::optional<Date> t = ctx.calendar.Covers(anchor)
                              ? ctx.calendar.TradingDayOnOrBefore(DaysBefore(anchor, 1))
                              : std::nullopt;
  for (int i = 0; i < ctx.pack.ctrl_lookback_trading_days; ++i) {
    if (!t) return false;
    f(*t);
    if (i + 1 < ctx.pack.ctrl_lookback_trading_days) {
      t = ctx.calendar.TradingDayOnOrBefore(DaysBefore(*t, 1));
    }
  }
  return true;
}

Lookback ScanCloses(const JudgeContext& ctx, Date anchor) {
  const Company& co = ctx.ledger.company();
  Lookback lb;
  bool any = false;
  lb.covered = WalkLookback(ctx, anchor, [&](Date t) {
    if (!any) lb.last = t;
    any = true;
    lb.first = t;
    const DatedPrice* p = CloseOn(co, t);
    if (p == nullptr) {
      ++lb.missing;
    } else if (lb.lowest == nullptr || p->price <= lb.lowest->price) {
      lb.lowest = p;
    }
  });
  return lb;
}

std::string Price(Money m) { return m.ToString(m.units() % 100 == 0 ? 2 : 4); }

std::string MissingCloses(const JudgeContext& ctx, Date anchor) {
  std::string s;
  const Company& co = ctx.ledger.company();
  WalkLookback(ctx, anchor, [&](Date t) {
    if (CloseOn(co, t) == nullptr) s = Iso(t) + (s.empty() ? "" : ", ") + s;
  });
  return s;
}

int DaysBelow(const JudgeContext& ctx, Date anchor, Money threshold) {
  int k = 0;
  const Company& co = ctx.ledger.company();
  WalkLookback(ctx, anchor, [&](Date t) {
    const DatedPrice* p = CloseOn(co, t);
    if (p != nullptr && p->price < threshold) ++k;
  });
  return k;
}

const char* AnchorEn(AnchorKind k) {
  switch (k) {
    case AnchorKind::kPlan:
      return "the covering reduction plan's publication";
    case AnchorKind::kNewPlan:
      return "the publication of the new reduction plan assumed";
    case AnchorKind::kJudgementDate:
      return "the sale date (no valid reduction plan covers it)";
  }
  return "";
}
const char* AnchorZh(AnchorKind k) {
  switch (k) {
    case AnchorKind::kPlan:
      return "所适用减持计划的披露日";
    case AnchorKind::kNewPlan:
      return "假设的新减持计划披露日";
    case AnchorKind::kJudgementDate:
      return "减持日（无有效减持计划覆盖）";
  }
  return "";
}
const char* AnchorFact(AnchorKind k) {
  switch (k) {
    case AnchorKind::kPlan:
      return "plan_published";
    case AnchorKind::kNewPlan:
      return "new_plan_assumed";
    case AnchorKind::kJudgementDate:
      return "sale_date";
  }
  return "";
}

// Whether fiscal year y's annual report was out before the anchor: its listed publication
// date when company.reports has it; otherwise the statutory deadline (within four months of
// the year end, i.e. by April 30 of y + 1); before the deadline it may or may not be out.
enum class Out { kYes, kNo, kMaybe };

int PeriodYear(std::string_view period) {
  if (period.size() != 4) return -1;
  int y = 0;
  for (char c : period) {
    if (c < '0' || c > '9') return -1;
    y = y * 10 + (c - '0');
  }
  return y;
}

Out AnnualReportOut(const Company& co, int y, Date anchor) {
  for (const PeriodicReport& r : co.reports) {
    if (r.kind == ReportKind::kAnnual && PeriodYear(r.period) == y) {
      return r.date < anchor ? Out::kYes : Out::kNo;
    }
  }
  if (anchor > Date(static_cast<unsigned short>(y + 1), 4, 30)) return Out::kYes;
  return Out::kMaybe;
}

// Whether the financial report for the period ending on `end` was out before `anchor` (CTRL-
// BREAK-NAV, issue 15 defect 6): the annual report for a December 31, the semi-annual report
// for a June 30, the quarterly report for a March 31 or September 30 (a quarterly report listed
// for June 30 or December 31 counts too). Listed in company.reports: its date decides (the
// earliest when several are listed). Not listed: not out before the period ends, out once the
// statutory deadline has passed (annual: April 30 of the next year; semi-annual: August 31;
// Q1: April 30; Q3: October 31), undetermined in between. Forecasts and flash reports are not
// financial reports. Any other day is no reporting period end: never out.
struct PeriodReport {
  Out out = Out::kNo;
  Date due;
};

// "2025" / "2025H1" / "2025Q3" without building a string: the year and the part after it.
bool PeriodIs(const std::string& period, int year, std::string_view part) {
  if (period.size() != 4 + part.size()) return false;
  const std::string_view p(period);
  return PeriodYear(p.substr(0, 4)) == year && p.substr(4) == part;
}

// Allocation-free (it runs on the pass path of a controller's check).
PeriodReport FinancialReportOut(const Company& co, Date end, Date anchor) {
  PeriodReport pr;
  const int y = static_cast<int>(end.year());
  const auto us = [](int v) { return static_cast<unsigned short>(v); };
  const int m = end.month();
  if (end.day() != end.end_of_month().day() || (m != 3 && m != 6 && m != 9 && m != 12)) return pr;
  pr.due = m == 12  ? Date(us(y + 1), 4, 30)
           : m == 6 ? Date(us(y), 8, 31)
           : m == 3 ? Date(us(y), 4, 30)
                    : Date(us(y), 10, 31);
  const char quarter[2] = {'Q', static_cast<char>('0' + m / 3)};
  std::optional<Date> listed;
  for (const PeriodicReport& r : co.reports) {
    const bool fits =
        (r.kind == ReportKind::kAnnual && m == 12 && PeriodIs(r.period, y, "")) ||
        (r.kind == ReportKind::kSemiannual && m == 6 && PeriodIs(r.period, y, "H1")) ||
        (r.kind == ReportKind::kQuarterly && PeriodIs(r.period, y, std::string_view(quarter, 2)));
    if (fits && (!listed || r.date < *listed)) listed = r.date;
  }
  if (listed) {
    pr.out = *listed < anchor ? Out::kYes : Out::kNo;
  } else if (end >= anchor) {
    pr.out = Out::kNo;
  } else {
    pr.out = anchor > pr.due ? Out::kYes : Out::kMaybe;
  }
  return pr;
}

// The report of a period end, for messages: "annual report for 2025" / "2025 年年度报告".
std::string PeriodReportEn(Date end) {
  const std::string ys = std::to_string(static_cast<int>(end.year()));
  switch (end.month()) {
    case 12:
      return "annual report for " + ys;
    case 6:
      return "semi-annual report for " + ys + "H1";
    case 3:
      return "quarterly report for " + ys + "Q1";
    default:
      return "quarterly report for " + ys + "Q3";
  }
}
std::string PeriodReportZh(Date end) {
  const std::string ys = std::to_string(static_cast<int>(end.year()));
  switch (end.month()) {
    case 12:
      return ys + " 年年度报告";
    case 6:
      return ys + " 年半年度报告";
    case 3:
      return ys + " 年第一季度报告";
    default:
      return ys + " 年第三季度报告";
  }
}

const YearAmount* FindYear(const std::vector<YearAmount>& v, int y) {
  for (const YearAmount& a : v) {
    if (a.year == y) return &a;
  }
  return nullptr;
}

// CTRL-DIV over the fiscal years last-(N-1) .. last.
struct DivWindow {
  int last = 0;
  int years = 0;
  bool missing = false;
  Money dividends;         // cumulative cash dividends
  Money profit;            // sum of the profitable years' net profits
  int profitable = 0;      // number of profitable years
  bool triggered = false;  // not all years loss-making
  bool fails = false;
};

DivWindow EvaluateDiv(const JudgeContext& ctx, int last) {
  const Company& co = ctx.ledger.company();
  DivWindow w;
  w.last = last;
  w.years = std::max(1, ctx.pack.ctrl_div_years);
  for (int y = last - w.years + 1; y <= last; ++y) {
    const YearAmount* p = FindYear(co.net_profits, y);
    const YearAmount* d = FindYear(co.cash_dividends, y);
    if (p == nullptr || d == nullptr) {
      w.missing = true;
      continue;
    }
    w.dividends = w.dividends + d->amount;
    if (p->amount > Money()) {
      w.profit = w.profit + p->amount;
      ++w.profitable;
    }
  }
  if (w.missing) return w;
  // A5: the average is over profitable years only; all years loss-making -> not triggered.
  w.triggered = w.profitable > 0;
  if (!w.triggered) return w;
  // dividends < bp/10000 * profit / profitable  <=>  dividends * 10000 * k < bp * profit.
  const Int128 lhs = static_cast<Int128>(w.dividends.units()) * 10000 * w.profitable;
  const Int128 rhs = static_cast<Int128>(ctx.pack.ctrl_div_min_bp) * w.profit.units();
  w.fails = w.dividends <= Money() || lhs < rhs;
  return w;
}

std::string MissingDivYears(const JudgeContext& ctx, const DivWindow& w, bool profits) {
  const Company& co = ctx.ledger.company();
  std::string s;
  for (int y = w.last - w.years + 1; y <= w.last; ++y) {
    if (FindYear(profits ? co.net_profits : co.cash_dividends, y) != nullptr) continue;
    s += (s.empty() ? "" : ", ") + std::to_string(y);
  }
  return s;
}

struct Common {
  const JudgeContext& ctx;
  Anchor anchor;
  CtrlShares shares;
};

void CommonFacts(const Common& c, Violation& v) {
  v.facts.push_back({"anchor", c.anchor.date});
  v.facts.push_back({"anchor_is", std::string(AnchorFact(c.anchor.kind))});
  v.facts.push_back({"proposed", c.ctx.order.shares});
  v.facts.push_back({"market_bought_free_shares", c.shares.market_free});
}

std::string SharesEn(const Common& c) {
  if (c.shares.breach == c.ctx.order.shares) return "";
  return "; only the " + Num(c.ctx.order.shares - c.shares.breach) +
         " shares deemed to come from market-bought (secondary_bidding) lots are outside the ban";
}
std::string SharesZh(const Common& c) {
  if (c.shares.breach == c.ctx.order.shares) return "";
  return "；仅视为来自集中竞价买入批次的 " + Num(c.ctx.order.shares - c.shares.breach) +
         " 股不受此限制";
}

// CTRL-BREAK-IPO and CTRL-BREAK-NAV: any close in the lookback below `threshold`.
void JudgeBelow(const Common& c, const Lookback& lb, const RuleInfo* rule, Money threshold,
                bool ipo, std::optional<Date> nav_period, Judgement& out) {
  const JudgeContext& ctx = c.ctx;
  const bool below = lb.lowest != nullptr && lb.lowest->price < threshold;
  if (!below) {
    if (lb.missing > 0 && c.shares.breach > 0) {
      const std::string what = MissingCloses(ctx, c.anchor.date);
      AddUnknown(
          out, rule,
          "company.closes lacks the close of " + what + " (every close of the " +
              std::to_string(ctx.pack.ctrl_lookback_trading_days) + " trading days before " +
              Iso(c.anchor.date) + ", " + AnchorEn(c.anchor.kind) + ", is needed to test the " +
              (ipo ? "issue price" : "net assets per share") + ")",
          "company.closes 缺少 " + what + " 的收盘价（需要" + AnchorZh(c.anchor.kind) + " " +
              Iso(c.anchor.date) + " 前 " + std::to_string(ctx.pack.ctrl_lookback_trading_days) +
              " 个交易日的全部收盘价以判断" + (ipo ? "是否破发" : "是否破净") + "）");
    }
    return;
  }
  AddLimit(out, rule, c.shares.headroom);
  if (c.shares.breach <= 0) return;
  Violation& v = AddViolation(out, rule, c.shares.breach);
  if (!ctx.options.explain) return;
  const int days = DaysBelow(ctx, c.anchor.date, threshold);
  const std::string n_days = std::to_string(ctx.pack.ctrl_lookback_trading_days);
  CommonFacts(c, v);
  v.facts.push_back({"lookback", DateRange{lb.first, lb.last}});
  v.facts.push_back({ipo ? "issue_price" : "net_assets_per_share", threshold});
  if (nav_period) v.facts.push_back({"nav_period_end", *nav_period});
  v.facts.push_back({"lowest_close", lb.lowest->price});
  v.facts.push_back({"lowest_close_date", lb.lowest->date});
  v.facts.push_back({"days_below", static_cast<std::int64_t>(days)});
  const std::string what_en =
      ipo ? "the issue price of " + Price(threshold) + " yuan"
          : "the net assets per share of " + Price(threshold) + " yuan at " + Iso(*nav_period);
  const std::string what_zh = ipo ? "发行价 " + Price(threshold) + " 元"
                                  : Iso(*nav_period) + " 每股净资产 " + Price(threshold) + " 元";
  v.message.en = std::to_string(days) + " of the " + n_days + " trading days before " +
                 Iso(c.anchor.date) + " (" + AnchorEn(c.anchor.kind) + "), " + Iso(lb.first) +
                 " to " + Iso(lb.last) + ", closed below " + what_en + " (lowest " +
                 Price(lb.lowest->price) + " on " + Iso(lb.lowest->date) + "): " +
                 (ipo && !ctx.controlling
                      ? "a holder that controlled the company at its IPO (or its concert party) "
                        "stays bound after losing control and may not sell by "
                      : "a controlling holder may not sell by ") +
                 MethodEn(ctx.order.method) + SharesEn(c);
  v.message.zh =
      Iso(c.anchor.date) + "（" + AnchorZh(c.anchor.kind) + "）前 " + n_days + " 个交易日（" +
      Iso(lb.first) + " 至 " + Iso(lb.last) + "）中有 " + std::to_string(days) +
      " 个交易日收盘价低于" + what_zh + "（最低 " + Price(lb.lowest->price) + " 元，" +
      Iso(lb.lowest->date) + "），" +
      (ipo && !ctx.controlling
           ? "首次公开发行时的控股股东、实际控制人及其一致行动人（丧失控制地位后仍适用）不得通过"
           : "控股股东、实际控制人及其一致行动人不得通过") +
      MethodZh(ctx.order.method) + "减持" + SharesZh(c);
}

void ReportDiv(const Common& c, const DivWindow& w, Judgement& out) {
  const JudgeContext& ctx = c.ctx;
  const RuleInfo* rule = Refs(ctx).ctrl_div;
  AddLimit(out, rule, c.shares.headroom);
  if (c.shares.breach <= 0) return;
  Violation& v = AddViolation(out, rule, c.shares.breach);
  if (!ctx.options.explain) return;
  const int first = w.last - w.years + 1;
  const std::string years = std::to_string(first) + "-" + std::to_string(w.last);
  // Average and required amounts, rounded down to 0.0001 yuan (display only).
  const Money average = Money::FromUnits(w.profit.units() / w.profitable);
  const Money required = Money::FromUnits(static_cast<std::int64_t>(
      static_cast<Int128>(w.profit.units()) * ctx.pack.ctrl_div_min_bp / 10000 / w.profitable));
  CommonFacts(c, v);
  v.facts.push_back({"fiscal_years", years});
  v.facts.push_back({"cash_dividends_total", w.dividends});
  v.facts.push_back({"profitable_years", static_cast<std::int64_t>(w.profitable)});
  v.facts.push_back({"average_net_profit", average});
  v.facts.push_back({"required_dividends", required});
  v.facts.push_back({"min_pct", BpText(ctx.pack.ctrl_div_min_bp)});
  const std::string loss_en =
      w.profitable < w.years ? " (loss years left out of the average, A5)" : "";
  const std::string loss_zh = w.profitable < w.years ? "（亏损年度不计入平均值）" : "";
  if (w.dividends <= Money()) {
    v.message.en = "no cash dividend was paid for fiscal years " + years + ", the latest " +
                   std::to_string(w.years) + " with annual reports out before " +
                   Iso(c.anchor.date) + " (" + AnchorEn(c.anchor.kind) +
                   "): a controlling holder may not sell by " + MethodEn(ctx.order.method) +
                   SharesEn(c);
    v.message.zh = Iso(c.anchor.date) + "（" + AnchorZh(c.anchor.kind) + "）前已披露年报的最近 " +
                   std::to_string(w.years) + " 个会计年度（" + years +
                   "）未进行现金分红，控股股东、实际控制人及其一致行动人不得通过" +
                   MethodZh(ctx.order.method) + "减持" + SharesZh(c);
    return;
  }
  v.message.en = "cash dividends for fiscal years " + years + " total " + w.dividends.ToString() +
                 " yuan, below " + BpText(ctx.pack.ctrl_div_min_bp) +
                 " of the average annual net profit of " + average.ToString() + " yuan" + loss_en +
                 ", i.e. " + required.ToString() + " yuan (latest " + std::to_string(w.years) +
                 " fiscal years with annual reports out before " + Iso(c.anchor.date) + ", " +
                 AnchorEn(c.anchor.kind) + "): a controlling holder may not sell by " +
                 MethodEn(ctx.order.method) + SharesEn(c);
  v.message.zh = Iso(c.anchor.date) + "（" + AnchorZh(c.anchor.kind) + "）前已披露年报的最近 " +
                 std::to_string(w.years) + " 个会计年度（" + years + "）累计现金分红 " +
                 w.dividends.ToString() + " 元，低于年均净利润 " + average.ToString() + " 元" +
                 loss_zh + "的 " + BpText(ctx.pack.ctrl_div_min_bp) + "（" + required.ToString() +
                 " 元），控股股东、实际控制人及其一致行动人不得通过" + MethodZh(ctx.order.method) +
                 "减持" + SharesZh(c);
}

void JudgeDiv(const Common& c, Judgement& out) {
  const JudgeContext& ctx = c.ctx;
  const RuleInfo* rule = Refs(ctx).ctrl_div;
  const int y = static_cast<int>(c.anchor.date.year());
  const Out prev = AnnualReportOut(ctx.ledger.company(), y - 1, c.anchor.date);
  // The latest fiscal year with an annual report out before the anchor: y-1 or y-2; when
  // that cannot be told (before April 30, report not listed) both windows are tested and
  // either failing fails (conservative).
  DivWindow windows[2];
  int count = 0;
  if (prev != Out::kNo) windows[count++] = EvaluateDiv(ctx, y - 1);
  if (prev != Out::kYes) windows[count++] = EvaluateDiv(ctx, y - 2);
  for (int i = 0; i < count; ++i) {
    if (windows[i].fails) {
      ReportDiv(c, windows[i], out);
      return;
    }
  }
  if (c.shares.breach <= 0) return;
  for (int i = 0; i < count; ++i) {
    const DivWindow& w = windows[i];
    if (!w.missing) continue;
    const std::string profits = MissingDivYears(ctx, w, true);
    const std::string divs = MissingDivYears(ctx, w, false);
    std::string en, zh;
    if (!profits.empty()) {
      en += "company.net_profits for " + profits;
      zh += "company.net_profits（" + profits + " 年度）";
    }
    if (!divs.empty()) {
      en += (en.empty() ? "" : " and ") + std::string("company.cash_dividends for ") + divs;
      zh += (zh.empty() ? "" : "与") + std::string("company.cash_dividends（") + divs + " 年度）";
    }
    const std::string years = std::to_string(w.last - w.years + 1) + "-" + std::to_string(w.last);
    std::string why_en = " (fiscal years " + years + ", the latest " + std::to_string(w.years) +
                         " with annual reports out before " + Iso(c.anchor.date) + ", " +
                         AnchorEn(c.anchor.kind);
    std::string why_zh = std::string("（") + AnchorZh(c.anchor.kind) + " " + Iso(c.anchor.date) +
                         " 前已披露年报的最近 " + std::to_string(w.years) + " 个会计年度 " + years;
    if (prev == Out::kMaybe && w.last == y - 1) {
      why_en += "; if the " + std::to_string(y - 1) +
                " annual report was not yet published, list it in company.reports with its date";
      why_zh +=
          "；若 " + std::to_string(y - 1) + " 年年报尚未披露，请在 company.reports 中列出其披露日";
    }
    AddUnknown(out, rule, "missing " + en + why_en + ")", "缺少 " + zh + why_zh + "）");
    return;
  }
}

}  // namespace

void JudgeControllerBans(const JudgeContext& ctx, Judgement& out) {
  // Arts 10-11 name centralized bidding and block trades only: agreement and inquiry
  // transfers stay possible (A13).
  // Next changes (issue 11): the bans' anchors, look-backs and reports are not analysed for
  // their dates: a holder they bind is judged day by day; one they cannot bind never changes.
  ctx.Stable();
  if (!ctx.exchange_trade() || !(ctx.controlling || ctx.controlling_at_ipo)) return;
  // A holding of market-bought shares only is outside the bans (spec §1).
  bool subject = false;
  for (const Lot& lot : ctx.holder->lots) subject |= lot.source != Source::kSecondaryBidding;
  if (!subject) return;
  ctx.ChangesEveryDay();
  const CtrlShares shares = SplitForBans(ctx);
  const RuleRefs& R = Refs(ctx);
  const Company& co = ctx.ledger.company();
  const Common c{ctx, ChooseAnchor(ctx), shares};
  const Lookback lb = ScanCloses(ctx, c.anchor.date);

  if (!lb.covered) {
    if (shares.breach > 0) {
      const std::string n_days = std::to_string(ctx.pack.ctrl_lookback_trading_days);
      for (const RuleInfo* r : {R.ctrl_ipo, R.ctrl_nav}) {
        if (r == R.ctrl_ipo ? !ctx.controlling_at_ipo : !ctx.controlling) continue;
        AddUnknown(out, r,
                   "the trading calendar does not cover the " + n_days + " trading days before " +
                       Iso(c.anchor.date) + " (" + AnchorEn(c.anchor.kind) + ")",
                   "交易日历未覆盖" + std::string(AnchorZh(c.anchor.kind)) + " " +
                       Iso(c.anchor.date) + " 前 " + n_days + " 个交易日");
      }
    }
  } else {
    // CTRL-BREAK-IPO (Art.11).
    if (!ctx.controlling_at_ipo) {
      // Not the IPO controller (nor its concert party): Art.11 does not bind.
    } else if (co.issue_price) {
      JudgeBelow(c, lb, R.ctrl_ipo, *co.issue_price, true, std::nullopt, out);
    } else if (shares.breach > 0) {
      AddUnknown(out, R.ctrl_ipo,
                 "company.issue_price is needed to test the controller's below-issue-price ban",
                 "需要 company.issue_price 以判断控股股东破发不得减持");
    }
    if (ctx.controlling) {
      // CTRL-BREAK-NAV (Art.10): the net assets per share "of the latest fiscal year or the
      // latest period" whose financial report was disclosed before the anchor (issue 15, defect
      // 6): among the values from the latest fiscal year end whose annual report was out before
      // the anchor onwards, only those whose own report was out count; the highest binds
      // (either reading of "最近一个会计年度或者最近一期"). The fiscal-year-end value must be on
      // file unless a value already fails. A value whose report may or may not have been out
      // (not listed, deadline not passed) and that would fail makes the rule unknown.
      const int y = static_cast<int>(c.anchor.date.year());
      const int fy = AnnualReportOut(co, y - 1, c.anchor.date) == Out::kYes ? y - 1 : y - 2;
      const Date fy_end(static_cast<unsigned short>(fy), 12, 31);
      const PeriodValue* nav = nullptr;    // highest value whose report was out
      const PeriodValue* maybe = nullptr;  // highest value whose report may have been out
      bool fy_given = false;
      for (const PeriodValue& p : co.net_assets_per_share) {
        if (p.period_end < fy_end || p.period_end >= c.anchor.date) continue;
        const Out o = FinancialReportOut(co, p.period_end, c.anchor.date).out;
        if (o == Out::kNo) continue;  // not yet published: not the comparison
        if (o == Out::kMaybe) {
          if (maybe == nullptr || p.value > maybe->value) maybe = &p;
          continue;
        }
        fy_given |= p.period_end == fy_end;
        if (nav == nullptr || p.value > nav->value) nav = &p;
      }
      const auto below = [&](const PeriodValue* v) {
        return v != nullptr && lb.lowest != nullptr && lb.lowest->price < v->value;
      };
      if (nav != nullptr && (fy_given || below(nav))) {
        if (!below(nav) && below(maybe) && shares.breach > 0) {
          const PeriodReport pr = FinancialReportOut(co, maybe->period_end, c.anchor.date);
          AddUnknown(out, R.ctrl_nav,
                     "company.reports does not list the " + PeriodReportEn(maybe->period_end) +
                         " (due by " + Iso(pr.due) + "): if it was published before " +
                         Iso(c.anchor.date) + " (" + AnchorEn(c.anchor.kind) +
                         "), its net assets per share of " + Price(maybe->value) + " yuan at " +
                         Iso(maybe->period_end) + " are the comparison and the close of " +
                         Price(lb.lowest->price) + " on " + Iso(lb.lowest->date) + " is below them",
                     "company.reports 未列出" + PeriodReportZh(maybe->period_end) + "（应于 " +
                         Iso(pr.due) + " 前披露）：若其于" + AnchorZh(c.anchor.kind) + " " +
                         Iso(c.anchor.date) + " 前已披露，则以 " + Iso(maybe->period_end) +
                         " 每股净资产 " + Price(maybe->value) + " 元为准，" + Iso(lb.lowest->date) +
                         " 收盘价 " + Price(lb.lowest->price) + " 元低于该值");
        } else {
          JudgeBelow(c, lb, R.ctrl_nav, nav->value, false, nav->period_end, out);
        }
      } else if (shares.breach > 0) {
        AddUnknown(out, R.ctrl_nav,
                   "company.net_assets_per_share lacks the value at " + Iso(fy_end) +
                       " (the latest fiscal year end whose annual report was out before " +
                       Iso(c.anchor.date) + ", " + AnchorEn(c.anchor.kind) + ")",
                   "company.net_assets_per_share 缺少 " + Iso(fy_end) + " 的每股净资产（" +
                       AnchorZh(c.anchor.kind) + " " + Iso(c.anchor.date) +
                       " 前已披露年报的最近会计年度末）");
      }
    }
  }
  // CTRL-DIV (Art.10).
  if (ctx.controlling) JudgeDiv(c, out);
}

}  // namespace reducheck::rules_internal
