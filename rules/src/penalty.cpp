// Penalty exposure of a failing order (spec §9 PEN-DRAFT, PEN-STAT; A12; contract §2).
//
// Per category present among the violations: the shares in breach (the largest breach among
// that category's violations: several rules can be broken by the same shares), their value
// at the order price, the circumstance (lighter: < 2% of total shares or < RMB 40M; heavier:
// > 5% and > RMB 500M; else general), and the draft's fine band for it. Categories 1-3: a share
// of the amount; category 4: a multiple of the gain estimate, or fixed amounts without one or
// below RMB 1M; category 5 (short-swing): RMB 100k-1M (Securities Law Art.189). Fines under
// Art.186 cannot exceed the value traded in breach (A12); category-4 draft figures are shown
// beside that statutory maximum.
#include <algorithm>

#include "explain.h"
#include "families.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {
namespace {

Money PctOf(Money amount, std::int32_t bp) {
  return Money::FromUnits(
      static_cast<std::int64_t>(static_cast<Int128>(amount.units()) * bp / 10000));
}
Money Times(Money amount, std::int32_t k) {
  return Money::FromUnits(static_cast<std::int64_t>(static_cast<Int128>(amount.units()) * k));
}
int Severity(Category c) {  // lead order: 1, 2, 3, 4 (draft: heaviest first), then 5
  return c == Category::kShortSwing ? 5 : static_cast<int>(c);
}

PenaltyEstimate Assess(const JudgeContext& ctx, Category cat, Shares breach) {
  const RulePack& pack = ctx.pack;
  PenaltyEstimate p;
  p.category = cat;
  p.shares_in_breach = breach;
  if (ctx.order.price) p.sale_amount = ctx.order.price->Times(breach);
  const Int128 qty = static_cast<Int128>(breach) * 10000;
  const Int128 total = ctx.total_shares;
  const bool small_qty = qty < pack.pen_lighter_qty_bp * total;
  const bool big_qty = qty > pack.pen_heavier_qty_bp * total;
  if (p.sale_amount) {
    const Money a = *p.sale_amount;
    p.circumstance = (small_qty || a < pack.pen_lighter_amount_yuan) ? "lighter"
                     : (big_qty && a > pack.pen_heavier_amount_yuan) ? "heavier"
                                                                     : "general";
    p.statutory_max = a;
  } else {
    p.circumstance = small_qty ? "lighter" : "undetermined";
  }
  const int band = p.circumstance == "lighter" ? 0 : p.circumstance == "general" ? 1 : 2;
  const bool undetermined = p.circumstance == "undetermined";

  if (cat == Category::kShortSwing) {
    p.basis = "fixed_amount";
    p.draft = false;
    p.circumstance = "not_applicable";
    p.statutory_max.reset();  // Art.186 (value traded) does not govern short-swing: Art.189 does
    p.fine_min = pack.shortswing_fine_min_yuan;
    p.fine_max = pack.shortswing_fine_max_yuan;
    p.note.en = "Securities Law Art.189: warning and a fine of " + p.fine_min->ToString() + " to " +
                p.fine_max->ToString() +
                " yuan; the short-swing profit goes to the company (Art.44)";
    p.note.zh = "《证券法》第一百八十九条：警告并处 " + p.fine_min->ToString() + " 至 " +
                p.fine_max->ToString() + " 元罚款；短线交易收益归公司所有（第四十四条）";
    return p;
  }
  if (cat == Category::kStopTrading) {
    const auto& f =
        pack.pen_cat4_fixed_yuan;  // [lighter max, general min, general max, heavier max]
    const auto& m = pack.pen_cat4_multiple;
    const bool use_gain =
        ctx.order.gain_estimate && *ctx.order.gain_estimate >= pack.pen_cat4_small_gain_yuan;
    if (use_gain) {
      p.basis = "gain_multiple";
      const int lo = undetermined ? 1 : band;
      const int hi = undetermined ? 2 : band;
      p.multiple_min = m[static_cast<size_t>(lo)];
      p.multiple_max = m[static_cast<size_t>(hi) + 1];
      p.fine_min = Times(*ctx.order.gain_estimate, *p.multiple_min);
      p.fine_max = Times(*ctx.order.gain_estimate, *p.multiple_max);
    } else {
      p.basis = "fixed_amount";
      const Money lows[3] = {Money::FromYuan(0), f[1], f[2]};
      const Money highs[3] = {f[0], f[2], f[3]};
      p.fine_min = lows[undetermined ? 1 : band];
      p.fine_max = highs[undetermined ? 2 : band];
    }
    p.note.en = "draft penalty rules (unverified): failure to stop trading at a 5% multiple; " +
                std::string(use_gain ? "fine as a multiple of the estimated gain"
                                     : "fixed fine (no gain estimate, or a gain below " +
                                           pack.pen_cat4_small_gain_yuan.ToString() + " yuan)") +
                (p.statutory_max ? "; Securities Law Art.186 caps a fine at the value traded in "
                                   "breach, " +
                                       p.statutory_max->ToString() + " yuan"
                                 : "");
    p.note.zh = "征求意见稿（未核实）：触及5%刻度未停止交易；" +
                std::string(use_gain ? "按违法所得的倍数处罚"
                                     : "按固定金额处罚（无违法所得估计或低于 " +
                                           pack.pen_cat4_small_gain_yuan.ToString() + " 元）") +
                (p.statutory_max ? "；《证券法》第一百八十六条罚款上限为违规交易金额 " +
                                       p.statutory_max->ToString() + " 元"
                                 : "");
    return p;
  }
  const auto& tiers = cat == Category::kRestrictedOriginalShares ? pack.pen_cat1_bp
                      : cat == Category::kRestrictedPeriodOther  ? pack.pen_cat2_bp
                                                                 : pack.pen_cat3_bp;
  p.basis = "sale_amount_pct";
  const int lo = undetermined ? 1 : band;
  const int hi = undetermined ? 2 : band;
  p.rate_min_bp = tiers[static_cast<size_t>(lo)];
  p.rate_max_bp = std::min(tiers[static_cast<size_t>(hi) + 1], 10000);  // A12: at most 100%
  if (p.sale_amount) {
    p.fine_min = PctOf(*p.sale_amount, *p.rate_min_bp);
    p.fine_max = PctOf(*p.sale_amount, *p.rate_max_bp);
  }
  p.note.en = "draft penalty rules (unverified): fine of " + BpText(*p.rate_min_bp) + " to " +
              BpText(*p.rate_max_bp) + " of the amount sold in breach (" +
              std::string(p.circumstance) +
              " circumstance); Securities Law Art.186 caps a fine "
              "at the value traded in breach" +
              (p.sale_amount ? "" : "; the order has no price, so no amount can be computed");
  p.note.zh = "征求意见稿（未核实）：按违规减持金额的 " + BpText(*p.rate_min_bp) + " 至 " +
              BpText(*p.rate_max_bp) + " 处罚；《证券法》第一百八十六条罚款不超过违规交易金额" +
              (p.sale_amount ? "" : "；订单未给出价格，无法计算金额");
  return p;
}

}  // namespace

void AssessPenalties(const JudgeContext& ctx, Judgement& out) {
  Shares by_cat[6] = {};
  for (const Violation& v : out.violations) {
    const auto c = static_cast<size_t>(v.category);
    if (c == 0 || c > 5) continue;
    by_cat[c] = std::max(by_cat[c], v.shares_in_breach);
  }
  for (int c = 1; c <= 5; ++c) {
    if (by_cat[c] > 0) out.penalties.push_back(Assess(ctx, static_cast<Category>(c), by_cat[c]));
  }
  std::stable_sort(out.penalties.begin(), out.penalties.end(),
                   [](const PenaltyEstimate& a, const PenaltyEstimate& b) {
                     return Severity(a.category) < Severity(b.category);
                   });
}

}  // namespace reducheck::rules_internal
