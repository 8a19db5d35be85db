// CAP-PP-50PCT (2017 regime; SSE/SZSE 2017 implementing rules): a holder selling shares of a
// private placement (非公开发行) by centralized bidding within pp_release_months after their lock
// expired may sell at most pp_release_max_bp of that placement's shares in that period. Off when
// the pack's pp_release_max_bp is 0 (the 2024 Measures dropped it). Binds only placements
// completed before pp_release_issued_before (the 2020-02-14 refinancing reform exempted later
// ones from the reduction rules).
//
// Approximations (docs/rules.md): past sales carry no source tag, so the placement's size is
// estimated as the holder's unlocked placement lots still inside their release window plus all
// of the holder's bidding sales since the earliest of those unlock days (every such sale is
// counted as a placement sale: the stricter reading); several placements in their windows are
// pooled. The order's placement part follows A2: placement shares first up to the headroom,
// then the holder's other free shares, then placement shares beyond the headroom.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/rules/rule_catalog.h"

namespace reducheck::rules_internal {
namespace {

constexpr RoleSet kStrategic = static_cast<RoleSet>(Role::kStrategicInvestor);

}  // namespace

void JudgePpRelease(const JudgeContext& ctx, Judgement& out) {
  const RulePack& pack = ctx.pack;
  ctx.Stable();
  if (pack.pp_release_max_bp <= 0 || ctx.order.method != Method::kCentralizedBidding) return;
  const RuleInfo* rule = Refs(ctx).cap_pp_release;
  const Holder& h = *ctx.holder;
  const Date d = ctx.date;
  // Same lock as LOCK-PP-6M / LOCK-PP-18M (locks.cpp): the later of the declared and the
  // statutory lock.
  const bool long_lock = ctx.lock_controller || (h.roles & kStrategic) != 0;
  const std::int32_t lock_months = long_lock ? pack.lock_pp_ctrl_months : pack.lock_pp_months;

  Shares in_window = 0;  // unlocked placement shares inside their release window
  std::optional<Date> first_unlock;
  Date window_last = d;
  for (const Lot& lot : h.lots) {
    if (lot.source != Source::kPrivatePlacement) continue;
    std::optional<Date> lock_last = lot.lockup_until;
    if (lot.acquired) {
      const Date stat = LockLastDay(*lot.acquired, lock_months);
      lock_last = lock_last ? std::max(*lock_last, stat) : stat;
    }
    ctx.ChangesAfter(lock_last);
    if (!lock_last || d <= *lock_last) continue;  // locked or undecidable: LOCK-PP-* reports it
    const Date unlock = DaysAfter(*lock_last, 1);
    const Date last = LockLastDay(unlock, pack.pp_release_months);
    ctx.ChangesAfter(last);
    if (d > last) continue;  // release window over
    if (!lot.acquired) {
      AddUnknown(out, rule,
                 "lot " + lot.id +
                     ": `acquired` (completion of the issuance) is needed to tell "
                     "whether the " +
                     BpText(pack.pp_release_max_bp) +
                     " release limit binds this placement "
                     "(it binds placements completed before " +
                     Iso(pack.pp_release_issued_before) + ")",
                 "批次 " + lot.id +
                     "：需要 acquired（发行结束日）以判断该次非公开发行股份是否适用解除限售后" +
                     std::to_string(pack.pp_release_months) + "个月内减持不超过" +
                     BpText(pack.pp_release_max_bp) + "的规定（适用于 " +
                     Iso(pack.pp_release_issued_before) + " 前完成的发行）");
      continue;
    }
    if (*lot.acquired >= pack.pp_release_issued_before) continue;
    in_window += lot.shares;
    if (!first_unlock || unlock < *first_unlock) first_unlock = unlock;
    window_last = std::max(window_last, last);
  }
  if (in_window == 0) return;
  // A later sale by bidding changes the sold count.
  ctx.ChangesAt(ctx.ledger.HolderSaleOnOrAfter(ctx.holder_index, Method::kCentralizedBidding,
                                               DaysAfter(d, 1)));

  const Shares sold =
      ctx.ledger.HolderSold(ctx.holder_index, Method::kCentralizedBidding, *first_unlock, d);
  const Shares placement = in_window + sold;
  const Shares allowed = BpOf(pack.pp_release_max_bp, placement);  // rounds down (A23)
  const Shares headroom = std::max<Shares>(0, allowed - sold);
  const Shares pp_free = std::min(in_window, ctx.split.free());
  ShareSplit s;
  s.capped_free = pp_free;
  s.exempt_free = ctx.split.free() - pp_free;
  s.exempt_locked = ctx.split.total() - ctx.split.free();
  const Shares n = ctx.order.shares;
  AddLimit(out, rule, MaxWithCappedAtMost(s, headroom, headroom));
  const Shares part = CappedPart(s, headroom, n);
  if (part <= headroom) return;

  Violation& v = AddViolation(out, rule, part - headroom);
  if (!ctx.options.explain) return;
  v.facts = {{"release_window", DateRange{*first_unlock, window_last}},
             {"placement_shares_held", in_window},
             {"bidding_sold_since_unlock", sold},
             {"placement_shares_estimate", placement},
             {"max_pct", BpText(pack.pp_release_max_bp)},
             {"allowed_in_window", allowed},
             {"headroom", headroom},
             {"other_free_shares", s.exempt_free},
             {"placement_shares_in_order", part},
             {"proposed", n},
             {"issued_before", pack.pp_release_issued_before}};
  v.message.en = "selling " + Num(n) + " shares by centralized bidding would sell " + Num(part) +
                 " shares of private placements unlocked on " + Iso(*first_unlock) +
                 " (release window to " + Iso(window_last) + "), against " + Num(headroom) +
                 " left of the " + BpText(pack.pp_release_max_bp) +
                 " limit: the placement is about " + Num(placement) + " shares (" + Num(in_window) +
                 " still held + " + Num(sold) + " sold by bidding since unlock), " +
                 BpText(pack.pp_release_max_bp) + " = " + Num(allowed) + "; " +
                 Num(part - headroom) + " shares exceed it";
  v.message.zh = "以集中竞价交易卖出 " + Num(n) + " 股，其中非公开发行股份 " + Num(part) + " 股（" +
                 Iso(*first_unlock) + " 解除限售，解除限售后" +
                 std::to_string(pack.pp_release_months) + "个月内，至 " + Iso(window_last) +
                 "），超过剩余额度 " + Num(headroom) + " 股：该次发行股份约 " + Num(placement) +
                 " 股（仍持有 " + Num(in_window) + " 股 + 解除限售后已集中竞价减持 " + Num(sold) +
                 " 股），" + BpText(pack.pp_release_max_bp) + " 即 " + Num(allowed) + " 股；超出 " +
                 Num(part - headroom) + " 股";
}

}  // namespace reducheck::rules_internal
