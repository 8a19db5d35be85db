// LOCK-COMMIT price floors and quantity limits (spec §2 LOCK-COMMIT; Measures Art.4(2):
// commitments bind like rules). no_sale commitments are lot locks (locks.cpp).
#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::rules_internal {

void JudgeCommitments(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Shares n = ctx.order.shares;
  ctx.Stable();
  for (const Commitment& c : ctx.holder->commitments) {
    ctx.ChangesAfter(c.until);
    if (c.until && ctx.date > *c.until) continue;
    if (c.kind == CommitmentKind::kPriceFloor && c.price) {
      if (!ctx.order.price) {
        AddUnknown(out, R.lock_commit,
                   "the order has no price; the holder committed not to sell below " +
                       c.price->ToString() + " yuan",
                   "订单未给出价格；持有人承诺不低于 " + c.price->ToString() + " 元减持");
        continue;
      }
      if (*ctx.order.price >= *c.price) continue;
      AddLimit(out, R.lock_commit, 0);
      Violation& v = AddViolation(out, R.lock_commit, n);
      if (!ctx.options.explain) continue;
      v.facts = {{"price", *ctx.order.price}, {"committed_floor", *c.price}};
      if (c.until) v.facts.push_back({"commitment_until", *c.until});
      v.message.en = "the order price " + ctx.order.price->ToString() +
                     " is below the committed floor of " + c.price->ToString() + " yuan";
      v.message.zh = "订单价格 " + ctx.order.price->ToString() + " 元低于承诺的最低减持价格 " +
                     c.price->ToString() + " 元";
    } else if (c.kind == CommitmentKind::kMaxPerPeriod && c.pct_bp && c.days) {
      const Shares limit = BpOf(*c.pct_bp, ctx.total_shares);
      const Date first = DaysBefore(ctx.date, *c.days - 1);
      const Shares sold = ctx.ledger.HolderSold(ctx.holder_index, std::nullopt, first, ctx.date);
      if (ctx.change != nullptr) {
        // The window's earliest sale leaves it first; a later sale enters it.
        const auto oldest = ctx.ledger.HolderSaleOnOrAfter(ctx.holder_index, std::nullopt, first);
        if (oldest && *oldest <= ctx.date) ctx.ChangesAt(DaysAfter(*oldest, *c.days));
        ctx.ChangesAt(
            ctx.ledger.HolderSaleOnOrAfter(ctx.holder_index, std::nullopt, DaysAfter(ctx.date, 1)));
      }
      const Shares left = limit > sold ? limit - sold : 0;
      AddLimit(out, R.lock_commit, left);
      if (n <= left) continue;
      Violation& v = AddViolation(out, R.lock_commit, n - left);
      if (!ctx.options.explain) continue;
      v.facts = {{"window", DateRange{first, ctx.date}},
                 {"committed_max", limit},
                 {"committed_pct", BpText(*c.pct_bp)},
                 {"sold_in_window", sold},
                 {"proposed", n}};
      v.message.en = "the holder committed to sell at most " + BpText(*c.pct_bp) + " (" +
                     Num(limit) + " shares) in any " + std::to_string(*c.days) + " days; " +
                     Num(sold) + " already sold since " + Iso(first) + ", so " + Num(n - left) +
                     " shares exceed the commitment";
      v.message.zh = "持有人承诺任意" + std::to_string(*c.days) + "日内减持不超过 " +
                     BpText(*c.pct_bp) + "（" + Num(limit) + " 股）；自 " + Iso(first) +
                     " 起已减持 " + Num(sold) + " 股，超出承诺 " + Num(n - left) + " 股";
    }
  }
}

}  // namespace reducheck::rules_internal
