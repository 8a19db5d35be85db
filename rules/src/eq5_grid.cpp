#include "eq5_grid.h"

#include <algorithm>

#include "families.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {

std::optional<Date> AddFreezeDays(const JudgeContext& ctx, Date d, int days) {
  if (ctx.pack.eq5_days_are_trading_days) return ctx.calendar.AddTradingDays(d, days);
  return DaysAfter(d, days);
}

std::optional<Date> FirstReportOnOrAfter(const JudgeContext& ctx, Date from) {
  std::optional<Date> best;
  for (std::int32_t m : ctx.ledger.GroupMembers(ctx.group)) {
    for (std::int32_t idx :
         ctx.ledger.HolderAnnouncements(m, AnnouncementKind::kEquityChangeReport)) {
      const Date p = ctx.ledger.announcement(idx).published;
      if (p >= from && (!best || p < *best)) best = p;
      if (p >= from) break;  // sorted by publication date
    }
  }
  return best;
}

ActiveFreeze FindActiveFreeze(const JudgeContext& ctx) {
  for (const GridTouch& t : ctx.ledger.GroupTouches(ctx.group)) {
    if (t.date > ctx.date) break;
    const std::optional<Date> report = FirstReportOnOrAfter(ctx, t.date);
    std::optional<Date> until =
        report ? AddFreezeDays(ctx, *report, ctx.pack.eq5_freeze_days_after_report) : std::nullopt;
    if (report && !until) {
      // The calendar does not cover the report's days (e.g. a report from before 2021): take
      // an upper bound. A few trading days never span more than 20 calendar days, even across
      // the longest exchange closure; a later end can only make the freeze longer (conservative).
      until = DaysAfter(*report, 20);
    }
    if (until && ctx.date > *until) continue;
    return ActiveFreeze{&t, report, until};
  }
  return ActiveFreeze{};
}

SalePath PathFrom(Shares g, Shares total, std::int32_t step) {
  SalePath p;
  // Largest k (in bp) with BpOf(k) < g: floor(k * total / 10000) < g  <=>  k < g * 10000 / total.
  p.below_bp = static_cast<std::int32_t>(
      std::min<Int128>(10000, (static_cast<Int128>(g) * 10000 + total - 1) / total - 1));
  p.touched = p.below_bp >= step ? (p.below_bp / step) * step : 0;
  if (p.touched != 0) p.to_touch = g - BpOf(p.touched, total);
  return p;
}

void Add1PctNotices(const JudgeContext& ctx, const SalePath& path, Shares g, Shares after,
                    Judgement& out) {
  const std::int32_t step = ctx.pack.eq5_step_bp;
  const std::int32_t one = ctx.pack.eq1_step_bp;
  for (std::int32_t k = (path.below_bp / one) * one; k > step; k -= one) {
    if (k % step == 0) continue;
    const Shares at = BpOf(k, ctx.total_shares);
    if (at >= g) continue;
    if (at < after) break;
    out.obligations.push_back(
        {"report_1pct_change", Refs(ctx).eq5_1pct,
         ctx.calendar.AddTradingDays(ctx.date, ctx.pack.obligation_1pct_next_trading_days),
         std::nullopt, k});
  }
}

}  // namespace reducheck::rules_internal
