// Yearly quotas of the board specifics (spec §2), category 3:
//   LOCK-UNPROF   controllers of a STAR/ChiNext issuer unprofitable at listing, in fiscal years
//                 N+1 and N+2 after listing while still unprofitable: at most 2% of total
//                 shares of pre-IPO shares per fiscal year;
//   LOCK-CTP-STAR STAR core technical staff, for 4 years after the 12-month lock: at most 25%
//                 a year of the pre-IPO shares held at listing, unused quota carried forward.
// Also the `unknown`s of LOCK-UNPROF (profitable_at_listing missing; a profitable year whose
// annual report date is missing). The time locks of both rules, and LOCK-BSE-12M, are lot
// locks (locks.cpp). Approximations and readings: docs/rules.md "Board specifics".
#include <algorithm>
#include <string>

#include "board_rules.h"
#include "explain.h"
#include "families.h"

namespace reducheck::rules_internal {
namespace {

// The holder's shares outside the quotas (every source but pre-IPO shares): deemed sold first,
// the reading most favourable to the holder (as the lock engine deems free shares first).
Shares OtherShares(const JudgeContext& ctx) { return ctx.holding - IpoOriginalShares(*ctx.holder); }

void UnprofUnknowns(const JudgeContext& ctx, const UnprofRelease& rel, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Company& co = ctx.ledger.company();
  const Date reach = UnprofReachLastDay(ctx);
  if (!co.profitable_at_listing) {
    const int years = UnprofLockYears(ctx.pack, co.board);
    AddUnknown(
        out, R.lock_unprof,
        "company.profitable_at_listing is missing: on " + std::string(Name(co.board)) +
            " an issuer unprofitable at listing bars this holder's pre-IPO shares for " +
            std::to_string(years) + " full fiscal years after listing (through " +
            Iso(UnprofLockLastDay(co, years)) + ")" +
            (reach > UnprofLockLastDay(co, years)
                 ? " and caps them at 2% of total shares a year through " + Iso(reach)
                 : std::string()),
        "缺少 company.profitable_at_listing：上市时未盈利的公司，该持有人首发前股份自上市起 " +
            std::to_string(years) + " 个完整会计年度内（至 " + Iso(UnprofLockLastDay(co, years)) +
            "）不得减持" +
            (reach > UnprofLockLastDay(co, years)
                 ? "，其后至 " + Iso(reach) + " 每年减持不超过总股本的2%"
                 : std::string()));
    return;
  }
  if (rel.state == UnprofRelease::State::kUnknown) {
    const std::string y = std::to_string(rel.year);
    AddUnknown(out, R.lock_unprof,
               "company.net_profits shows a profit for fiscal year " + y +
                   " but company.reports has no annual report for " + y +
                   ": the day the restrictions on issuers unprofitable at listing end (the day "
                   "after that report) cannot be determined",
               "company.net_profits 显示 " + y + " 年度盈利，但 company.reports 中没有 " + y +
                   " 年年度报告：无法确定未盈利限制的解除日（年报披露后次日）");
  }
}

void JudgeUnprofQuota(const JudgeContext& ctx, Shares ipo_shares, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Company& co = ctx.ledger.company();
  const Date d = ctx.date;
  if (!UnprofBoard(co.board) || ipo_shares <= 0 || !UnprofBinds(ctx)) return;
  if (d > UnprofReachLastDay(ctx)) return;
  const bool missing = !co.profitable_at_listing;
  if (!missing && *co.profitable_at_listing) return;
  const UnprofRelease rel = missing ? UnprofRelease{} : UnprofReleaseOn(co, d);
  if (missing || rel.state == UnprofRelease::State::kUnknown) {
    UnprofUnknowns(ctx, rel, out);
    return;
  }
  if (rel.state == UnprofRelease::State::kReleased) return;
  // The quota: STAR/ChiNext controllers, fiscal years N+1 and N+2 (the lock covers 1..N).
  if (!ctx.lock_controller || co.board == Board::kBse) return;
  const int years = UnprofLockYears(ctx.pack, co.board);
  if (d <= UnprofLockLastDay(co, years)) return;
  const Date year_first(d.year(), 1, 1);
  const Shares cap = BpOf(ctx.pack.unprof_cap_bp, ctx.total_shares);
  // Sales of pre-IPO shares this fiscal year, approximated by all of the holder's sales this
  // calendar year (the history does not record which lots a sale came from; conservative).
  const Shares sold = ctx.ledger.HolderSold(ctx.holder_index, std::nullopt, year_first, d);
  const Shares left = std::max<Shares>(0, cap - sold);
  const Shares other = OtherShares(ctx);
  const Shares headroom = std::min(ctx.holding, left + other);
  AddLimit(out, R.lock_unprof, headroom);
  const Shares n = ctx.order.shares;
  if (n <= headroom) return;
  Violation& v = AddViolation(out, R.lock_unprof, n - headroom);
  v.category = Category::kProcedural;
  if (!ctx.options.explain) return;
  const std::int64_t fiscal_index = d.year() - co.listing_date.year();
  v.facts = {{"listing_date", co.listing_date},
             {"profitable_at_listing", false},
             {"fiscal_year", static_cast<std::int64_t>(d.year())},
             {"fiscal_year_after_listing", fiscal_index},
             {"year_window", DateRange{year_first, d}},
             {"cap", cap},
             {"cap_pct", BpText(ctx.pack.unprof_cap_bp)},
             {"sold_this_year", sold},
             {"other_shares", other},
             {"proposed", n}};
  const std::string fy = std::to_string(d.year());
  v.message.en =
      "the company was unprofitable at listing and no profitable year's annual report "
      "is recorded as disclosed: in fiscal year " +
      fy + " (year " + std::to_string(fiscal_index) +
      " after listing) a controller may sell at most " + BpText(ctx.pack.unprof_cap_bp) +
      " of total shares (" + Num(cap) + ") of pre-IPO shares; " + Num(sold) +
      " already sold since " + Iso(year_first) + " and " + Num(other) +
      " other shares on hand, so " + Num(n - headroom) + " of the " + Num(n) +
      " shares exceed the quota";
  v.message.zh = "公司上市时未盈利且未见已披露的盈利年度年报：" + fy + " 会计年度（上市后第 " +
                 std::to_string(fiscal_index) +
                 " 个会计年度）控股股东、实际控制人减持首发前股份不得超过总股本的 " +
                 BpText(ctx.pack.unprof_cap_bp) + "（" + Num(cap) + " 股）；自 " + Iso(year_first) +
                 " 起已减持 " + Num(sold) + " 股，另持有其他股份 " + Num(other) + " 股，拟卖出 " +
                 Num(n) + " 股中 " + Num(n - headroom) + " 股超出额度";
}

void JudgeCtpQuota(const JudgeContext& ctx, Shares ipo_shares, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const RulePack& pack = ctx.pack;
  const Company& co = ctx.ledger.company();
  const Date d = ctx.date;
  if (!CtpBinds(ctx) || ipo_shares <= 0) return;
  // While a CTP time lock binds (12 months, or 6 months after departure), the lot lock
  // decides (headroom 0 for pre-IPO shares); the quota runs from the end of the holder's own lock
  // (the 12-month lock, or a controller's 36-month one: issue 9).
  const Date expiry = DaysAfter(CtpOwnLockLastDay(ctx), 1);
  if (d < expiry || CtpLeaveLastDay(ctx)) return;
  const Date quota_end = AddMonthsClipped(expiry, 12 * pack.ctp_years);  // first day free of it
  if (d >= quota_end) return;
  // A10: period k = [expiry + 12(k-1) months, expiry + 12k months).
  int k = 1;
  while (k < pack.ctp_years && AddMonthsClipped(expiry, 12 * k) <= d) ++k;
  const Date period_first = AddMonthsClipped(expiry, 12 * (k - 1));
  // Pre-IPO shares held at listing: today's pre-IPO lots plus everything the holder sold since
  // listing (the history does not record which lots a sale came from).
  const Shares sold_since_listing =
      ctx.ledger.HolderSold(ctx.holder_index, std::nullopt, co.listing_date, d);
  const Shares base = ipo_shares + sold_since_listing;
  const Shares allowance =
      std::min(base, BpOf(static_cast<std::int64_t>(k) * pack.ctp_annual_bp, base));
  const Shares sold = ctx.ledger.HolderSold(ctx.holder_index, std::nullopt, expiry, d);
  const Shares left = std::max<Shares>(0, allowance - sold);
  const Shares other = OtherShares(ctx);
  const Shares headroom = std::min(ctx.holding, left + other);
  AddLimit(out, R.lock_ctp, headroom);
  const Shares n = ctx.order.shares;
  if (n <= headroom) return;
  Violation& v = AddViolation(out, R.lock_ctp, n - headroom);
  v.category = Category::kProcedural;
  if (!ctx.options.explain) return;
  const std::string pct = BpText(static_cast<std::int64_t>(k) * pack.ctp_annual_bp);
  v.facts = {{"listing_date", co.listing_date},
             {"lock_expiry", expiry},
             {"quota_year", static_cast<std::int64_t>(k)},
             {"quota_year_window",
              DateRange{period_first, DaysBefore(AddMonthsClipped(expiry, 12 * k), 1)}},
             {"pre_ipo_shares_at_listing", base},
             {"cumulative_allowance", allowance},
             {"cumulative_pct", pct},
             {"sold_since_expiry", sold},
             {"other_shares", other},
             {"proposed", n}};
  v.message.en = "STAR core technical staff: in quota year " + std::to_string(k) +
                 " after the lock expired on " + Iso(expiry) + " at most " + pct +
                 " in total of the " + Num(base) +
                 " pre-IPO shares held at listing may have been sold (" + Num(allowance) + "); " +
                 Num(sold) + " already sold since " + Iso(expiry) + " and " + Num(other) +
                 " other shares on hand, so " + Num(n - headroom) + " of the " + Num(n) +
                 " shares exceed the cumulative 25%-a-year quota";
  v.message.zh = "科创板核心技术人员：限售期于 " + Iso(expiry) + " 届满后的第 " +
                 std::to_string(k) + " 个年度，累计可转让上市时所持首发前股份 " + Num(base) +
                 " 股的 " + pct + "（" + Num(allowance) + " 股）；自 " + Iso(expiry) +
                 " 起已减持 " + Num(sold) + " 股，另持有其他股份 " + Num(other) + " 股，拟卖出 " +
                 Num(n) + " 股中 " + Num(n - headroom) + " 股超出每年25%（可累积）的额度";
}

}  // namespace

void JudgeBoardQuotas(const JudgeContext& ctx, Judgement& out) {
  // Next changes (issue 11): the yearly quotas are judged day by day where they can apply.
  ctx.Stable();
  if (!UnprofBoard(ctx.ledger.company().board)) return;  // both quotas are STAR/ChiNext/BSE only
  const Shares ipo_shares = IpoOriginalShares(*ctx.holder);
  if (ipo_shares <= 0) return;
  ctx.ChangesEveryDay();
  JudgeUnprofQuota(ctx, ipo_shares, out);
  JudgeCtpQuota(ctx, ipo_shares, out);
}

}  // namespace reducheck::rules_internal
