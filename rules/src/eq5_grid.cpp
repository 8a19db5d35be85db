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

namespace {

// The freeze a trigger on t leaves: (report, until); until nullopt with a report = upper bound
// applied; no report = open-ended.
struct FreezeEnd {
  std::optional<Date> report;
  std::optional<Date> until;
};
FreezeEnd FreezeAfter(const JudgeContext& ctx, Date t) {
  const std::optional<Date> report = FirstReportOnOrAfter(ctx, t);
  std::optional<Date> until =
      report ? AddFreezeDays(ctx, *report, ctx.pack.eq5_freeze_days_after_report) : std::nullopt;
  if (report && !until) {
    // The calendar does not cover the report's days (e.g. a report from before 2021): take
    // an upper bound. A few trading days never span more than 20 calendar days, even across
    // the longest exchange closure; a later end can only make the freeze longer (conservative).
    until = DaysAfter(*report, 20);
  }
  return {report, until};
}

// |a/ta - b/tb| >= step/10000, exactly.
bool MovedBy(Shares a, Shares ta, Shares b, Shares tb, std::int32_t step) {
  Int128 d = static_cast<Int128>(a) * tb - static_cast<Int128>(b) * ta;
  if (d < 0) d = -d;
  return d * 10000 >= static_cast<Int128>(step) * ta * tb;
}

// The largest holding h with h/total <= base/base_total - k/10000 (-1: none).
Shares LevelBelow(Shares base, Shares base_total, std::int32_t k, Shares total) {
  const Int128 num = static_cast<Int128>(base) * 10000 - static_cast<Int128>(k) * base_total;
  if (num < 0) return -1;
  return static_cast<Shares>(num * total / (static_cast<Int128>(base_total) * 10000));
}

}  // namespace

Amplitude WalkAmplitude(const JudgeContext& ctx) {
  Amplitude a;
  const auto events = ctx.ledger.GroupEvents(ctx.group);
  const ShareCapital& cap = ctx.ledger.capital();
  const std::int32_t step = ctx.pack.eq5_step_bp;
  const Shares now = ctx.group_holding;
  // The holding at the end of day d (events are in date order).
  auto holding_on = [&](Date d) {
    Shares h = events.empty() ? now : events.front().before;
    for (const HoldingEvent& e : events) {
      if (e.date > d) break;
      h = e.after;
    }
    return h;
  };
  a.base = events.empty() ? now : events.front().before;
  a.base_date = events.empty() ? ctx.date : events.front().date;
  a.base_total = cap.TotalInCurrentUnits(a.base_date);
  // Reports of the group reset the base to the holding on their publication day.
  auto apply_reports = [&](Date from, Date to) {  // reports published in [from, to]
    std::optional<Date> last;
    for (std::int32_t m : ctx.ledger.GroupMembers(ctx.group)) {
      for (std::int32_t idx :
           ctx.ledger.HolderAnnouncements(m, AnnouncementKind::kEquityChangeReport)) {
        const Date p = ctx.ledger.announcement(idx).published;
        if (p >= from && p <= to && (!last || p > *last)) last = p;
      }
    }
    if (!last) return;
    a.base = holding_on(*last);
    a.base_date = *last;
    a.base_total = cap.TotalInCurrentUnits(*last);
  };
  Date prev = Date(boost::gregorian::min_date_time);
  for (const HoldingEvent& e : events) {
    if (e.date > ctx.date) break;
    if (e.date > prev) apply_reports(prev, e.date - boost::gregorian::days(1));
    prev = e.date;
    const Shares total = cap.TotalInCurrentUnits(e.date);
    const Shares five = e.purchase ? CeilBp(step, total) : BpOf(step, total);
    const bool five_touched =
        e.purchase ? (e.before < five && e.after >= five) : (e.before > five && e.after <= five);
    if (!five_touched && !MovedBy(e.after, total, a.base, a.base_total, step)) continue;
    GridTouch t;
    t.date = e.date;
    t.multiple_bp = static_cast<std::int32_t>(static_cast<Int128>(e.after) * 10000 / total);
    t.upward = e.purchase;
    t.from_below_first = e.purchase && five_touched;
    a.base = e.after;
    a.base_total = total;
    a.base_date = e.date;
    if (a.freeze) continue;  // the earliest covering freeze decides
    const FreezeEnd f = FreezeAfter(ctx, e.date);
    if (f.until && ctx.date > *f.until) continue;
    a.freeze = t;
    a.report = f.report;
    a.until = f.until;
  }
  apply_reports(prev, ctx.date);
  return a;
}

Shares AmplitudeSaleLevel(const Amplitude& a, Shares g, Shares total, std::int32_t step_bp,
                          std::int32_t major_bp) {
  Shares level = LevelBelow(a.base, a.base_total, step_bp, total);
  const Shares five = BpOf(major_bp, total);
  if (g > five) level = std::max(level, five);
  return level;
}

void AddAmplitude1PctNotices(const JudgeContext& ctx, const Amplitude& a, Shares g, Shares after,
                             Judgement& out) {
  const std::int32_t step = ctx.pack.eq5_step_bp;
  const std::int32_t one = ctx.pack.eq1_step_bp;
  if (one == 0) return;
  const Shares five = BpOf(ctx.pack.major_holder_bp, ctx.total_shares);
  for (std::int32_t k = one; k < step; k += one) {
    const Shares at = LevelBelow(a.base, a.base_total, k, ctx.total_shares);
    if (at < 0 || at <= five) break;
    if (at >= g) continue;
    if (at < after) break;
    out.obligations.push_back(
        {"report_1pct_change", Refs(ctx).eq5_1pct,
         ctx.calendar.AddTradingDays(ctx.date, ctx.pack.obligation_1pct_next_trading_days),
         std::nullopt,
         static_cast<std::int32_t>(static_cast<Int128>(at) * 10000 / ctx.total_shares)});
  }
}

ActiveFreeze FindActiveFreeze(const JudgeContext& ctx) {
  if (ctx.pack.eq5_reading == rules::Eq5Reading::kAmplitude) {
    const Amplitude a = WalkAmplitude(ctx);
    return ActiveFreeze{a.freeze, a.report, a.until};
  }
  for (const GridTouch& t : ctx.ledger.GroupTouches(ctx.group)) {
    if (t.date > ctx.date) break;
    const FreezeEnd f = FreezeAfter(ctx, t.date);
    if (f.until && ctx.date > *f.until) continue;
    return ActiveFreeze{t, f.report, f.until};
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
  if (one == 0) return;  // no 1% notice (Securities Law before 2020-03-01)
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
