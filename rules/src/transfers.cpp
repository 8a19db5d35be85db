// Transfers other than bidding and block trades (spec §3, §8):
//   CAP-AT-5PCT   agreement transfer by a major shareholder or of pre-IPO shares: at least 5% of
//                 total shares to the one transferee, at a price not below the prior close times
//                 the board's floor (90% main board, 80% STAR/ChiNext);
//   CAP-IT        inquiry transfer: STAR/ChiNext only, at least 1% of total shares, price not
//                 below 70% of the 20-trading-day average before the invitation (closes' mean);
//                 a STAR controller not while the annual report is due and undisclosed;
//   EQ5-AGREEMENT a transfer touching a 5% multiple is not blocked but owes the equity change
//                 report and a trading freeze; no such transfer while an earlier freeze runs;
// plus EQ5-1PCT notices and the transferee's 6-month lock (LOCK-RECV-6M obligation).
// One order = one transfer to one transferee; the order date is the signing (AT) or
// invitation (IT) date. Caps and PRE-15TD do not apply to these methods (caps.cpp,
// pre_announcement.cpp judge exchange trades only).
#include <algorithm>
#include <string>

#include "eq5_grid.h"
#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {
namespace {

const DatedPrice* CloseOn(const Company& co, Date d) {
  const auto& closes = co.closes;
  auto it = std::lower_bound(closes.begin(), closes.end(), d,
                             [](const DatedPrice& p, Date x) { return p.date < x; });
  return (it != closes.end() && it->date == d) ? &*it : nullptr;
}

// The trading day before d, nullopt when the calendar does not cover it.
std::optional<Date> PrevTradingDay(const JudgeContext& ctx, Date d) {
  const Date p = DaysBefore(d, 1);
  if (!ctx.calendar.Covers(p)) return std::nullopt;
  return ctx.calendar.TradingDayOnOrBefore(p);
}

// The block-trade price-range lower bound used for agreement transfers: prior close x (1 -
// limit), rounded half up to the fen as the exchanges compute daily price limits (四舍五入).
Money BoundHalfUpToFen(Money prior_close, std::int32_t bp) {
  const Int128 den = static_cast<Int128>(10000) * 100;  // bp scale, units per fen
  const Int128 num = static_cast<Int128>(prior_close.units()) * bp;
  const Int128 fen = (num + den / 2) / den;
  return Money::FromUnits(static_cast<std::int64_t>(fen * 100));
}

// sum * bp / (10000 * count), rounded UP to the whole fen: a price equal to the floor passes,
// and no price below the exact floor does.
Money FloorToFen(Int128 sum_units, std::int32_t bp, std::int32_t count) {
  const Int128 den = static_cast<Int128>(10000) * 100 * count;  // bp scale, units per fen
  const Int128 num = sum_units * bp;
  const Int128 fen = (num + den - 1) / den;
  return Money::FromUnits(static_cast<std::int64_t>(fen * 100));
}

// n >= bp of total ("不低于" includes the bound): n * 10000 >= bp * total.
bool AtLeastBp(Shares n, std::int32_t bp, Shares total) {
  return static_cast<Int128>(n) * 10000 >= static_cast<Int128>(bp) * total;
}
// The fewest shares meeting AtLeastBp: ceil(bp * total / 10000).
Shares MinShares(std::int32_t bp, Shares total) {
  return static_cast<Shares>((static_cast<Int128>(bp) * total + 9999) / 10000);
}

std::string Yuan(Money m) { return m.ToString(m.units() % 100 == 0 ? 2 : 4); }

// Pre-IPO shares (特定股份): ipo_original lots and pre-IPO shares received by agreement transfer.
bool HasPreIpoShares(const Holder& h) {
  for (const Lot& l : h.lots) {
    if (l.source == Source::kIpoOriginal) return true;
    if (l.source == Source::kAgreementTransferPurchase && l.acquired_from &&
        *l.acquired_from == AcquiredFrom::kPreIpoHolder) {
      return true;
    }
  }
  return false;
}

// LOCK-RECV-6M on the transferee's side. The lock runs 6 months from the registration of the
// transfer (过户), which the order does not give: no end date.
void TransfereeLocked(const JudgeContext& ctx, Judgement& out) {
  out.obligations.push_back(
      {"transferee_locked", Refs(ctx).lock_recv, std::nullopt, std::nullopt, 0});
}

// Joins the reasons of a failed transfer rule.
void Append(std::string& s, const std::string& part, const char* sep) {
  if (!s.empty()) s += sep;
  s += part;
}

// ---------------------------------------------------------------------------------------------
// CAP-AT-5PCT

void JudgeAgreementTransfer(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const RulePack& pack = ctx.pack;
  const Company& co = ctx.ledger.company();
  const bool pre_ipo = HasPreIpoShares(*ctx.holder);
  // The rule binds major shareholders (incl. the tails) and pre-IPO shares; the order does not
  // say which lots it transfers, so a holder with pre-IPO shares is deemed to transfer them.
  if (!ctx.major && !pre_ipo) return;
  TransfereeLocked(ctx, out);

  const Shares n = ctx.order.shares;
  const Shares total = ctx.total_shares;
  const bool size_ok = AtLeastBp(n, pack.at_min_bp, total);

  // Price floor: the lower bound of the block-trade range on the signing date, i.e. the close
  // of the trading day before it times the board's floor. BSE: not in the spec; the main-board
  // 90% decides a pass, anything below it is unknown.
  const bool growth = co.board == Board::kStar || co.board == Board::kChinext;
  const bool bse = co.board == Board::kBse;
  const std::int32_t floor_bp = growth ? pack.at_floor_growth_bp : pack.at_floor_main_bp;
  const std::optional<Date> prior_day = PrevTradingDay(ctx, ctx.date);
  const DatedPrice* prior = prior_day ? CloseOn(co, *prior_day) : nullptr;
  bool price_low = false;
  Money floor;
  if (!ctx.order.price) {
    AddUnknown(out, R.cap_at,
               "the order has no price; an agreement transfer may not be priced below " +
                   BpText(floor_bp) + " of the prior close",
               "订单未给出价格；协议转让价格不得低于前一交易日收盘价的 " + BpText(floor_bp));
  } else if (!prior_day) {
    AddUnknown(out, R.cap_at,
               "the trading calendar does not cover the trading day before " + Iso(ctx.date) +
                   ", whose close sets the price floor",
               "交易日历未覆盖 " + Iso(ctx.date) + " 的前一交易日，无法确定价格下限");
  } else if (prior == nullptr) {
    AddUnknown(out, R.cap_at,
               "no close for " + Iso(*prior_day) + " (the trading day before the signing date " +
                   Iso(ctx.date) + "), which sets the price floor",
               "缺少 " + Iso(*prior_day) + "（签署日 " + Iso(ctx.date) +
                   " 的前一交易日）的收盘价，无法确定价格下限");
  } else {
    floor = BoundHalfUpToFen(prior->price, floor_bp);
    if (*ctx.order.price < floor) {
      if (bse) {
        AddUnknown(out, R.cap_at,
                   "the price " + Yuan(*ctx.order.price) + " is below " + BpText(floor_bp) +
                       " of the prior close (" + Yuan(floor) +
                       "), the main-board floor; the BSE floor is not in the rule set",
                   "转让价格 " + Yuan(*ctx.order.price) + " 元低于前一交易日收盘价的 " +
                       BpText(floor_bp) + "（" + Yuan(floor) +
                       " 元，主板标准）；北交所价格下限未纳入规则库");
      } else {
        price_low = true;
      }
    }
  }

  if (size_ok && !price_low) {
    AddLimit(out, R.cap_at, ctx.holding);  // any larger transfer is bounded by the holding only
    return;
  }
  // A size breach is not cured by transferring fewer shares, nor a price breach at this price.
  AddLimit(out, R.cap_at, 0);
  Violation& v = AddViolation(out, R.cap_at, n);
  if (!ctx.options.explain) return;
  const Shares min = MinShares(pack.at_min_bp, total);
  v.facts = {{"proposed", n},
             {"proposed_ratio", Ratio{n, total}},
             {"min_pct", BpText(pack.at_min_bp)},
             {"min_shares", min},
             {"total_shares", total},
             {"size_ok", size_ok},
             {"applies_because", std::string(ctx.major ? "major_shareholder" : "pre_ipo_shares")}};
  if (prior != nullptr && ctx.order.price) {
    v.facts.push_back({"price", *ctx.order.price});
    v.facts.push_back({"prior_close_date", *prior_day});
    v.facts.push_back({"prior_close", prior->price});
    v.facts.push_back({"floor_pct", BpText(floor_bp)});
    v.facts.push_back({"price_floor", floor});
    v.facts.push_back({"price_ok", !price_low});
  }
  std::string en, zh;
  if (!size_ok) {
    Append(en,
           "the agreement transfer of " + Num(n) + " shares is " + Pct(n, total) +
               " of the total share capital, below the minimum of " + BpText(pack.at_min_bp) +
               " (" + Num(min) + " shares) to a single transferee; a smaller transfer fails too",
           "; ");
    Append(zh,
           "协议转让 " + Num(n) + " 股，占总股本 " + Pct(n, total) + "，低于单个受让方不低于 " +
               BpText(pack.at_min_bp) + "（" + Num(min) + " 股）的要求",
           "；");
  }
  if (price_low) {
    Append(en,
           "the price " + Yuan(*ctx.order.price) + " is below the floor of " + Yuan(floor) + " (" +
               BpText(floor_bp) + " of the close of " + Yuan(prior->price) + " on " +
               Iso(*prior_day) +
               ", the trading day before signing, rounded half up to the fen as "
               "the exchange rounds price limits)",
           "; ");
    Append(zh,
           "转让价格 " + Yuan(*ctx.order.price) + " 元低于价格下限 " + Yuan(floor) +
               " 元（签署日前一交易日 " + Iso(*prior_day) + " 收盘价 " + Yuan(prior->price) +
               " 元的 " + BpText(floor_bp) + "，向上取整至分）",
           "；");
  }
  v.message.en = std::move(en);
  v.message.zh = std::move(zh);
}

// ---------------------------------------------------------------------------------------------
// CAP-IT

void JudgeInquiryTransfer(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const RulePack& pack = ctx.pack;
  const Company& co = ctx.ledger.company();
  const Date d = ctx.date;
  const Shares n = ctx.order.shares;
  const Shares total = ctx.total_shares;
  TransfereeLocked(ctx, out);

  // Availability: STAR (2020) and ChiNext (2023); elsewhere unverified.
  if (co.board != Board::kStar && co.board != Board::kChinext) {
    const std::string board(Name(co.board));
    AddUnknown(out, R.cap_it,
               "inquiry transfers are verified for STAR and ChiNext only; whether they are "
               "available on the " +
                   board + " board is not in the rule set",
               "询价转让仅确认适用于科创板和创业板；" + board + " 板块是否可用未纳入规则库");
  }

  const bool size_ok = AtLeastBp(n, pack.it_min_bp, total);

  // Price floor: 70% of the average price of the 20 trading days before the invitation. Only
  // closes are known: their mean stands for the average trading price (an approximation).
  const std::int32_t days = pack.it_lookback_trading_days;
  bool price_low = false;
  bool priced = false;  // the floor could be computed
  Money floor;
  Int128 sum = 0;
  std::optional<Date> first, last = PrevTradingDay(ctx, d);
  if (!ctx.order.price) {
    AddUnknown(out, R.cap_it,
               "the order has no price; an inquiry transfer may not be priced below " +
                   BpText(pack.it_floor_bp) + " of the " + std::to_string(days) +
                   "-trading-day average",
               "订单未给出价格；询价转让价格不得低于前 " + std::to_string(days) +
                   " 个交易日均价的 " + BpText(pack.it_floor_bp));
  } else {
    int missing = 0;
    bool covered = true;
    std::optional<Date> t = last;
    for (int i = 0; i < days; ++i) {
      if (!t) {
        covered = false;
        break;
      }
      first = t;
      if (const DatedPrice* p = CloseOn(co, *t)) {
        sum += p->price.units();
      } else {
        ++missing;
      }
      if (i + 1 < days) t = PrevTradingDay(ctx, *t);
    }
    if (!covered) {
      AddUnknown(out, R.cap_it,
                 "the trading calendar does not cover the " + std::to_string(days) +
                     " trading days before " + Iso(d) + " that set the price floor",
                 "交易日历未覆盖 " + Iso(d) + " 前 " + std::to_string(days) +
                     " 个交易日，无法确定价格下限");
    } else if (missing > 0) {
      std::string dates;
      for (std::optional<Date> u = last; u && *u >= *first; u = PrevTradingDay(ctx, *u)) {
        if (CloseOn(co, *u) == nullptr) Append(dates, Iso(*u), ", ");
      }
      AddUnknown(
          out, R.cap_it,
          "no close for " + dates + " (the " + std::to_string(days) + " trading days " +
              Iso(*first) + " to " + Iso(*last) + " before the invitation set the price floor)",
          "缺少 " + dates + " 的收盘价（询价转让价格下限按认购邀请书发送日前 " +
              std::to_string(days) + " 个交易日 " + Iso(*first) + " 至 " + Iso(*last) + " 计算）");
    } else {
      floor = FloorToFen(sum, pack.it_floor_bp, days);
      priced = true;
      price_low = *ctx.order.price < floor;
    }
  }

  // STAR: a controlling shareholder may not transfer while the last fiscal year's annual report
  // is due but not yet disclosed (read: from the year end until the day it is published).
  bool annual_due = false;
  const PeriodicReport* annual = nullptr;
  const int fiscal_year = static_cast<int>(d.year()) - 1;
  if (co.board == Board::kStar && ctx.controlling) {
    const std::string period = std::to_string(fiscal_year);
    for (const PeriodicReport& r : co.reports) {
      if (r.kind == ReportKind::kAnnual && r.period == period) annual = &r;
    }
    if (annual == nullptr) {
      AddUnknown(out, R.cap_it,
                 "company.reports has no annual report for " + period +
                     "; on STAR a controlling shareholder may not make an inquiry transfer while "
                     "the annual report is due and not yet disclosed",
                 "company.reports 缺少 " + period +
                     " 年度报告；科创板控股股东、实际控制人在年度报告披露前不得询价转让");
    } else {
      annual_due = annual->date >= d;
    }
  }

  if (size_ok && !price_low && !annual_due) {
    AddLimit(out, R.cap_it, ctx.holding);
    return;
  }
  AddLimit(out, R.cap_it, 0);
  Violation& v = AddViolation(out, R.cap_it, n);
  if (!ctx.options.explain) return;
  const Shares min = MinShares(pack.it_min_bp, total);
  v.facts = {{"proposed", n},
             {"proposed_ratio", Ratio{n, total}},
             {"min_pct", BpText(pack.it_min_bp)},
             {"min_shares", min},
             {"total_shares", total},
             {"size_ok", size_ok}};
  if (priced) {
    v.facts.push_back({"price", *ctx.order.price});
    v.facts.push_back({"lookback", DateRange{*first, *last}});
    v.facts.push_back({"average_measure",
                       std::string("mean of the closes (approximates the average trading price)")});
    v.facts.push_back({"closes_sum", Money::FromUnits(static_cast<std::int64_t>(sum))});
    v.facts.push_back({"floor_pct", BpText(pack.it_floor_bp)});
    v.facts.push_back({"price_floor", floor});
    v.facts.push_back({"price_ok", !price_low});
  }
  if (annual_due) {
    v.facts.push_back({"annual_report_published", annual->date});
  }
  std::string en, zh;
  if (!size_ok) {
    Append(en,
           "the inquiry transfer of " + Num(n) + " shares is " + Pct(n, total) +
               " of the total share capital, below the minimum of " + BpText(pack.it_min_bp) +
               " (" + Num(min) + " shares); a smaller transfer fails too",
           "; ");
    Append(zh,
           "询价转让 " + Num(n) + " 股，占总股本 " + Pct(n, total) + "，低于 " +
               BpText(pack.it_min_bp) + "（" + Num(min) + " 股）的最低要求",
           "；");
  }
  if (price_low) {
    const std::string n_days = std::to_string(days);
    Append(en,
           "the price " + Yuan(*ctx.order.price) + " is below the floor of " + Yuan(floor) + " (" +
               BpText(pack.it_floor_bp) + " of the mean close of the " + n_days + " trading days " +
               Iso(*first) + " to " + Iso(*last) +
               ", standing for the average trading price; rounded up to the fen)",
           "; ");
    Append(zh,
           "转让价格 " + Yuan(*ctx.order.price) + " 元低于价格下限 " + Yuan(floor) + " 元（" +
               Iso(*first) + " 至 " + Iso(*last) + " 共 " + n_days + " 个交易日收盘价均值的 " +
               BpText(pack.it_floor_bp) + "，以收盘价均值近似交易均价，向上取整至分）",
           "；");
  }
  if (annual_due) {
    Append(en,
           "on STAR a controlling shareholder may not make an inquiry transfer before the " +
               std::to_string(fiscal_year) + " annual report is disclosed (" + Iso(annual->date) +
               ")",
           "; ");
    Append(zh,
           "科创板控股股东、实际控制人在 " + std::to_string(fiscal_year) + " 年度报告披露（" +
               Iso(annual->date) + "）前不得询价转让",
           "；");
  }
  v.message.en = std::move(en);
  v.message.zh = std::move(zh);
}

// ---------------------------------------------------------------------------------------------
// EQ5-AGREEMENT and EQ5-1PCT for transfers outside exchange trading

// The rule whose touch started a freeze (for the facts only).
std::string_view FreezeRuleId(const JudgeContext& ctx, const GridTouch& t) {
  const RuleRefs& R = Refs(ctx);
  if (t.from_below_first) return R.eq5_first->id;
  for (const HoldingEvent& e : ctx.ledger.GroupEvents(ctx.group)) {
    if (e.date != t.date || e.purchase != t.upward) continue;
    if (e.method == Method::kAgreementTransfer || e.method == Method::kInquiryTransfer) {
      return R.eq5_agreement->id;
    }
  }
  return R.eq5_mult->id;
}

void JudgeTransferThresholds(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Shares n = ctx.order.shares;
  const Shares total = ctx.total_shares;
  const std::int32_t step = ctx.pack.eq5_step_bp;

  // 1. No transfer while a freeze left by an earlier touch runs (same freeze as EQ5-MULT).
  if (const ActiveFreeze f = FindActiveFreeze(ctx); f.touch) {
    const GridTouch& t = *f.touch;
    AddLimit(out, R.eq5_agreement, 0);
    Violation& v = AddViolation(out, R.eq5_agreement, n);
    if (!ctx.options.explain) return;
    const std::string method_en = MethodEn(ctx.order.method);
    const std::string method_zh = MethodZh(ctx.order.method);
    v.facts = {{"threshold_touched", BpText(t.multiple_bp)},
               {"touched_on", t.date},
               {"direction", std::string(t.upward ? "up" : "down")},
               {"freeze_started_by", std::string(FreezeRuleId(ctx, t))}};
    if (f.report) {
      v.facts.push_back({"report_published", *f.report});
      v.facts.push_back({"frozen_through", *f.until});
      v.message.en = "no " + method_en + " while trading is frozen: the group's holding touched " +
                     BpText(t.multiple_bp) + " on " + Iso(t.date) +
                     "; the equity change report was published on " + Iso(*f.report) +
                     " and the freeze runs through " + Iso(*f.until);
      v.message.zh = "处于禁止交易期，不得" + method_zh + "：一致行动人合计持股于 " + Iso(t.date) +
                     " 触及 " + BpText(t.multiple_bp) + "，权益变动报告书于 " + Iso(*f.report) +
                     " 公告，" + Iso(*f.until) + " 前（含当日）不得买卖";
    } else {
      v.facts.push_back({"report_published", std::string("none on file")});
      v.message.en = "no " + method_en + " while trading is frozen: the group's holding touched " +
                     BpText(t.multiple_bp) + " on " + Iso(t.date) +
                     " and no equity change report is on file; the freeze ends only " +
                     std::to_string(ctx.pack.eq5_freeze_days_after_report) +
                     " days after the report is published";
      v.message.zh = "处于禁止交易期，不得" + method_zh + "：一致行动人合计持股于 " + Iso(t.date) +
                     " 触及 " + BpText(t.multiple_bp) + "，尚无权益变动报告书公告记录；须公告后满" +
                     std::to_string(ctx.pack.eq5_freeze_days_after_report) + "日方可交易";
    }
    return;
  }

  // 2. The transfer's own touches: not blocked (the shares move in one transfer), but the
  //    equity change report is due and trading freezes until after it. One report covers the
  //    whole change; threshold_bp names the last multiple touched.
  const Shares g = ctx.group_holding;
  const Shares after = g - n;
  const SalePath path = PathFrom(g, total, step);
  if (path.touched != 0 && n >= path.to_touch) {
    std::int32_t last = path.touched;
    while (last - step >= step && BpOf(last - step, total) >= after) last -= step;
    out.obligations.push_back({"equity_change_report", R.eq5_agreement,
                               AddFreezeDays(ctx, ctx.date, ctx.pack.eq5_report_days), std::nullopt,
                               last});
    out.obligations.push_back(
        {"trading_freeze", R.eq5_agreement, std::nullopt, std::nullopt, last});
  }
  // 3. EQ5-1PCT notices, as for exchange trades.
  Add1PctNotices(ctx, path, g, after, out);
}

}  // namespace

void JudgeTransfers(const JudgeContext& ctx, Judgement& out) {
  // Next changes (issue 11): exchange trades are not judged here; transfers (prior closes,
  // tails) are judged day by day.
  ctx.Stable();
  if (ctx.order.method == Method::kAgreementTransfer ||
      ctx.order.method == Method::kInquiryTransfer) {
    ctx.ChangesEveryDay();
  }
  switch (ctx.order.method) {
    case Method::kAgreementTransfer:
      JudgeAgreementTransfer(ctx, out);
      break;
    case Method::kInquiryTransfer:
      JudgeInquiryTransfer(ctx, out);
      break;
    default:
      return;
  }
  JudgeTransferThresholds(ctx, out);
}

}  // namespace reducheck::rules_internal
