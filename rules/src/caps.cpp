// CAP-CB-1PCT and CAP-BT-2PCT (spec §3): rolling-window quotas shared by the concert group,
// capped sources deducted first (A2), CAP-POST5-90D named when the tail is why they apply.
//
// CAP-VC (CSRC Special Provisions on VC fund shareholders, 2018 and 2020 revision; SSE/SZSE
// implementing rules): a qualifying VC fund selling pre-IPO shares by centralized bidding or
// block trade keeps the 1% / 2% caps, but over a window that shortens with its investment
// period to the listing: under 36 months the ordinary caps; 36-48 months any 60 days; 48-60
// months any 30 days; 60 months or more no ratio limit (bidding, from the 2020 revision).
// The relief replaces the ordinary quota only when every capped share of the holder is a
// pre-IPO share and the fund acts alone (no concert party): otherwise the ordinary caps bind
// all of them (conservative; docs/rules.md "CAP-VC").
#include <algorithm>

#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::rules_internal {

namespace {

struct CapWindowQuota {
  Date window_first;
  Shares cap = 0;
  Shares cap_base = 0;
  Shares sold = 0;
};

// Whole months from `from` to `to` (Civil Code Arts 201-202: N months after `from` end on the
// corresponding day, or the month's last day when there is none): 2015-03-01 to 2018-03-01 is
// 36 months, to 2018-02-28 35.
std::int32_t WholeMonths(Date from, Date to) {
  if (to <= from) return 0;
  const auto a = from.year_month_day();
  const auto b = to.year_month_day();
  std::int32_t m = (static_cast<std::int32_t>(b.year) - static_cast<std::int32_t>(a.year)) * 12 +
                   (static_cast<std::int32_t>(b.month) - static_cast<std::int32_t>(a.month));
  while (m > 0 && AfterEventLastDay(from, m) > to) --m;
  return m;
}

// CAP-VC's reverse link for the order's holder (ctx.vc_*): whether the fund's pre-IPO shares
// take its window instead of the ordinary one, and which.
void ComputeVc(JudgeContext& ctx) {
  const Holder& h = *ctx.holder;
  if (!h.vc_invested_on) return;
  const RulePack& pack = ctx.pack;
  ctx.vc_months = WholeMonths(*h.vc_invested_on, ctx.ledger.company().listing_date);
  if (!Refs(ctx).cap_vc_applied) {
    ctx.vc_not_applied = "the rule pack does not apply CAP-VC on this date";
    return;
  }
  if (ctx.vc_months < 36) {
    ctx.vc_not_applied = "investment period to the listing under 36 months";
    return;
  }
  if (ctx.ledger.GroupMembers(ctx.group).size() > 1) {
    ctx.vc_not_applied = "the fund acts in concert: the group's ordinary caps bind";
    return;
  }
  for (const Lot& lot : h.lots) {
    if (lot.source != Source::kIpoOriginal && IsCappedLot(ctx, lot)) {
      ctx.vc_not_applied = "the holder has capped shares other than pre-IPO shares";
      return;
    }
  }
  ctx.vc_cap = true;
  ctx.vc_window_days = ctx.vc_months >= 48 ? pack.vc_window_days_48_60 : pack.vc_window_days_36_48;
  const bool cb = ctx.order.method == Method::kCentralizedBidding;
  if (ctx.vc_months >= 60 && (cb || pack.vc_bt_unlimited)) {
    if (ctx.date >= pack.vc_unlimited_from) {
      ctx.vc_window_days = 0;
    } else {
      ctx.ChangesAt(pack.vc_unlimited_from);
    }
  }
}

// The cap of the order's method (bp of the total) in the window ending on `date` (pack's
// cap_window; the strict reading takes the window with less left; CAP-VC: the fund's window).
CapWindowQuota QuotaOn(const JudgeContext& ctx, std::int32_t bp, Date date) {
  const Method m = ctx.order.method;
  // A1: any consecutive N calendar days ending on the sale date; or the Measures' three
  // months; strict = the tighter of both.
  // The cap is a share of the total share capital; when it changed inside the window
  // (company.corporate_actions: an issuance, a cancellation) the smallest total of the window
  // is the base (conservative). Past sales and totals are in current units (the ledger
  // restates them across bonus issues and splits), so a bonus inside the window scales both.
  auto quota = [&](Date first) {
    CapWindowQuota q;
    q.window_first = first;
    q.cap_base = ctx.ledger.capital().MinTotalInCurrentUnits(first, date);
    q.cap = BpOf(bp, q.cap_base);
    q.sold = ctx.ledger.GroupSold(ctx.group, m, first, date);
    return q;
  };
  if (ctx.vc_cap) {
    if (ctx.vc_window_days > 0) return quota(DaysBefore(date, ctx.vc_window_days - 1));
    // No ratio limit: every capped share is within the quota, whatever was sold before.
    CapWindowQuota q;
    q.window_first = date;
    q.cap_base = ctx.ledger.capital().TotalInCurrentUnits(date);
    q.cap = ctx.holding;
    return q;
  }
  auto rolling_first = [&] { return DaysBefore(date, ctx.pack.cap_window_days - 1); };
  auto months_first = [&] { return DaysAfter(AddMonthsClipped(date, -3), 1); };
  switch (ctx.pack.cap_window) {
    case rules::CapWindow::kRolling90Days:
      return quota(rolling_first());
    case rules::CapWindow::kThreeMonths:
      return quota(months_first());
    case rules::CapWindow::kStrict:
      break;
  }
  const CapWindowQuota a = quota(rolling_first());
  const CapWindowQuota b = quota(months_first());
  // The window with less left; its figures (the cap base of the last window computed, as
  // before: ctx.cap_base is that of the chosen window).
  return a.cap - a.sold <= b.cap - b.sold ? a : b;
}

std::int32_t CapBp(const JudgeContext& ctx) {
  return ctx.order.method == Method::kCentralizedBidding ? ctx.pack.cb_cap_bp : ctx.pack.bt_cap_bp;
}

}  // namespace

void ComputeCapQuota(JudgeContext& ctx) {
  const RuleRefs& R = Refs(ctx);
  // The quota's own changes are reported by the families that read it (ReportQuotaFlip).
  ctx.Stable();
  const Method m = ctx.order.method;
  if (m != Method::kCentralizedBidding && m != Method::kBlockTrade) return;
  if (ctx.split.capped_free + ctx.split.capped_locked == 0) return;  // nothing capped to sell
  const bool cb = m == Method::kCentralizedBidding;
  ctx.has_cap = true;
  ComputeVc(ctx);
  ctx.cap_rule = ctx.vc_cap ? R.cap_vc : cb ? R.cap_cb : R.cap_bt;
  const CapWindowQuota q = QuotaOn(ctx, CapBp(ctx), ctx.date);
  ctx.window_first = q.window_first;
  ctx.cap = q.cap;
  ctx.cap_base = q.cap_base;
  ctx.sold_in_window = q.sold;
  ctx.quota_left = std::max<Shares>(0, ctx.cap - ctx.sold_in_window);
  if (ctx.change != nullptr) {
    // Until a later sale by the method enters the window or the capital changes, sales only
    // leave the window (and a smaller total only leaves the base): the quota only grows.
    Date until = NeverChanges();
    const Date tomorrow = DaysAfter(ctx.date, 1);
    if (const auto next_sale = ctx.ledger.GroupSaleOnOrAfter(ctx.group, m, tomorrow)) {
      until = std::min(until, *next_sale);
    }
    if (const auto action = ctx.ledger.capital().NextActionAfter(ctx.date)) {
      until = std::min(until, *action);
    }
    ctx.quota_monotone_until = until;
  }
}

Shares QuotaLeftOn(const JudgeContext& ctx, Date date) {
  const CapWindowQuota q = QuotaOn(ctx, CapBp(ctx), date);
  return std::max<Shares>(0, q.cap - q.sold);
}

Date QuotaSearchEnd(const JudgeContext& ctx) {
  // Windows are at most max(cap_window_days, 3 months) long: a week after that, every sale
  // dated on or before ctx.date has left and the quota stays as it is until
  // quota_monotone_until.
  const Date all_left =
      DaysAfter(ctx.date, std::max<std::int32_t>(ctx.pack.cap_window_days, 92) + 7);
  return std::min(all_left, ctx.quota_monotone_until);
}

void JudgeCaps(const JudgeContext& ctx, Judgement& out) {
  // A block-trade buyer of a major shareholder's (or of pre-IPO) shares may not sell them for
  // 6 months (LOCK-RECV-6M on the buyer's side): an obligation to tell the counterparty.
  if (ctx.order.method == Method::kBlockTrade &&
      (ctx.major || CappedPart(ctx.split, ctx.quota_left, ctx.order.shares) > 0)) {
    out.obligations.push_back({"transferee_locked", Refs(ctx).lock_recv, std::nullopt,
                               AfterEventLastDay(ctx.date, ctx.pack.lock_recv_months), 0});
  }
  const Shares n = ctx.order.shares;
  // CAP-*: violated while the capped part of the order exceeds the quota; monotone in the
  // quota (more quota moves shares into the first, capped slot one for one at most).
  ReportQuotaFlip(ctx, [&](Shares q) { return CappedPart(ctx.split, q, n) > q; });
  if (!ctx.has_cap) return;
  if (ctx.vc_cap && ctx.vc_window_days == 0) return;  // CAP-VC, 60 months or more: no limit
  AddLimit(out, ctx.cap_rule, MaxWithCappedAtMost(ctx.split, ctx.quota_left, ctx.quota_left));
  const Shares capped = CappedPart(ctx.split, ctx.quota_left, n);
  if (capped <= ctx.quota_left) return;
  Violation& v = AddViolation(out, ctx.cap_rule, capped - ctx.quota_left);
  if (!ctx.options.explain) return;
  const bool cb = ctx.order.method == Method::kCentralizedBidding;
  const std::int32_t bp = cb ? ctx.pack.cb_cap_bp : ctx.pack.bt_cap_bp;
  v.facts = {{"window", DateRange{ctx.window_first, ctx.date}},
             {"sold_in_window", ctx.sold_in_window},
             {"cap", ctx.cap},
             {"cap_pct", BpText(bp)},
             {"quota_left", ctx.quota_left},
             {"exempt_shares_available", ctx.split.exempt_free},
             {"capped_shares_in_order", capped},
             {"proposed", n},
             {"total_shares", ctx.cap_base}};
  if (ctx.ledger.GroupMembers(ctx.group).size() > 1) {
    v.facts.push_back({"aggregated_over_concert_group", ctx.holder->concert_group});
  }
  if (ctx.in_post5_tail) {
    v.facts.push_back({"applies_because", std::string(Refs(ctx).cap_post5->id)});
    v.facts.push_back({"fell_below_5pct_on", *ctx.post5_fell_on});
  }
  const Holder& h = *ctx.holder;
  if (h.vc_invested_on) {
    v.facts.push_back({"vc_invested_on", *h.vc_invested_on});
    v.facts.push_back({"listing_date", ctx.ledger.company().listing_date});
    v.facts.push_back({"vc_investment_months", static_cast<std::int64_t>(ctx.vc_months)});
    if (ctx.vc_cap) {
      v.facts.push_back({"vc_window_days", static_cast<std::int64_t>(ctx.vc_window_days)});
    } else if (ctx.vc_not_applied != nullptr) {
      v.facts.push_back({"vc_reverse_link_not_applied", std::string(ctx.vc_not_applied)});
    }
  }
  if (ctx.vc_cap) {
    const std::string months = std::to_string(ctx.vc_months);
    const std::string days = std::to_string(ctx.vc_window_days);
    v.message.en = "VC fund reverse link (investment period " + months +
                   " months to the listing: any " + days + " consecutive days): selling " + Num(n) +
                   " shares by " + MethodEn(ctx.order.method) + " would put " + Num(capped) +
                   " pre-IPO shares against a quota of " + Num(ctx.quota_left) +
                   " left in the window " + Iso(ctx.window_first) + " to " + Iso(ctx.date) +
                   " (cap " + BpText(bp) + " of " + Num(ctx.cap_base) + " = " + Num(ctx.cap) +
                   ", already sold " + Num(ctx.sold_in_window) + "); " +
                   Num(capped - ctx.quota_left) + " shares exceed it";
    v.message.zh = "创业投资基金反向挂钩（截至上市日投资期限 " + months + " 个月：任意连续 " +
                   days + " 日）：以" + MethodZh(ctx.order.method) + "卖出 " + Num(n) +
                   " 股，其中首发前股份 " + Num(capped) + " 股，超过 " + Iso(ctx.window_first) +
                   " 至 " + Iso(ctx.date) + " 期间剩余额度 " + Num(ctx.quota_left) +
                   " 股（上限为总股本 " + Num(ctx.cap_base) + " 股的 " + BpText(bp) + "，即 " +
                   Num(ctx.cap) + " 股，已减持 " + Num(ctx.sold_in_window) + " 股）；超出 " +
                   Num(capped - ctx.quota_left) + " 股";
    return;
  }
  v.message.en = "selling " + Num(n) + " shares by " + MethodEn(ctx.order.method) + " would put " +
                 Num(capped) + " capped shares against a quota of " + Num(ctx.quota_left) +
                 " left in the window " + Iso(ctx.window_first) + " to " + Iso(ctx.date) +
                 " (cap " + BpText(bp) + " of " + Num(ctx.cap_base) + " = " + Num(ctx.cap) +
                 ", already sold " + Num(ctx.sold_in_window) + "); " +
                 Num(capped - ctx.quota_left) + " shares exceed it";
  v.message.zh = "以" + MethodZh(ctx.order.method) + "卖出 " + Num(n) +
                 " 股，其中受比例限制的股份 " + Num(capped) + " 股，超过 " + Iso(ctx.window_first) +
                 " 至 " + Iso(ctx.date) + " 期间剩余额度 " + Num(ctx.quota_left) +
                 " 股（上限为总股本 " + Num(ctx.cap_base) + " 股的 " + BpText(bp) + "，即 " +
                 Num(ctx.cap) + " 股，已减持 " + Num(ctx.sold_in_window) + " 股）；超出 " +
                 Num(capped - ctx.quota_left) + " 股";
}

}  // namespace reducheck::rules_internal
