// PRE-15TD and CAP-PLAN (spec §4, A3, A20, A28) and the plan's reporting obligations
// (PRE-DONE-2TD, PRE-PROGRESS, PRE-DO-2TD).
#include <algorithm>

#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::rules_internal {
namespace {

// A plan's quantity in current units (as the sales it is compared with): plans state that a
// bonus issue, capitalisation or split during the interval adjusts the quantity (若有送股、资本
// 公积金转增股本等股份变动事项，减持数量将相应调整), so it is restated from its publication,
// rounded down (issue 15: corporate actions).
Shares PlanMax(const JudgeContext& ctx, const Announcement& a) {
  return ctx.ledger.capital().ToCurrentUnits(a.max_shares.value_or(0), a.published, Round::kDown);
}

// One reduction plan's timing on the judgement date.
struct PlanTiming {
  Date published;
  std::optional<Date> first_allowed;  // first day with N full trading days between (A3)
  Date start;                         // disclosed start, or first_allowed
  Date last;                          // min(window_end, start + 3 months - 1 day)
  int trading_days_between = -1;      // between publication and the judgement date
  bool calendar_gap = false;
  bool valid_on_date = false;
  const char* why = "";  // code for facts when not valid
};

const Announcement kHypothetical{};

PlanTiming Time(const JudgeContext& ctx, Date published, std::optional<Date> window_start,
                std::optional<Date> window_end) {
  PlanTiming t;
  t.published = published;
  const int need = ctx.pack.pre_announce_trading_days;
  if (!ctx.calendar.Covers(published)) {
    t.calendar_gap = true;
    return t;
  }
  t.first_allowed = ctx.calendar.AddTradingDays(published, need + 1);
  t.start = window_start.value_or(t.first_allowed.value_or(published));
  // A controller's plan is shorter from 2023-09-26 (ctrl_plan_max_months).
  const int months = ctx.controlling ? ctx.pack.ctrl_plan_max_months : ctx.pack.plan_max_months;
  t.last = LockLastDay(t.start, months);
  if (window_end) t.last = std::min(t.last, *window_end);
  if (!t.first_allowed || ctx.date < *t.first_allowed) {
    t.why = "fewer_than_required_trading_days";
  } else if (ctx.date < t.start) {
    t.why = "plan_window_not_started";
  } else if (ctx.date > t.last) {
    t.why = window_end && *window_end <= LockLastDay(t.start, months)
                ? "plan_window_over"
                : "beyond_plan_interval_limit";
  } else {
    t.valid_on_date = true;
  }
  // The count is only reported when the plan does not cover the date (facts of PRE-15TD).
  if (!t.valid_on_date) {
    if (auto between = ctx.calendar.TradingDaysBetween(published, ctx.date)) {
      t.trading_days_between = *between;
    }
  }
  return t;
}

// The dates on which a plan's validity changes: its first permitted day, its start and the
// day after its last day (the days between publication and the date only feed the facts).
void ReportTiming(const JudgeContext& ctx, const PlanTiming& t) {
  if (t.calendar_gap) return;
  ctx.ChangesAt(t.first_allowed);
  ctx.ChangesAt(t.start);
  ctx.ChangesAfter(t.last);
}

struct PlanChoice {
  const Announcement* best = nullptr;  // nullptr: no plan valid on the date
  PlanTiming best_t;
  Shares best_left = -1;
  bool best_covers = false;
  PlanTiming latest_t;  // the latest plan published on or before the date (for facts)
  bool have_latest = false;
  bool calendar_gap = false;
};

// The plan a sale on the judgement date would be made under: among the holder's plans valid
// on the date (timing per A3 and S19, ended early by a completion report), one covering the
// method with the most quantity left; plus the assumed plan of the earliest-date search.
PlanChoice ChoosePlan(const JudgeContext& ctx) {
  const auto plans =
      ctx.ledger.HolderAnnouncements(ctx.holder_index, AnnouncementKind::kReductionPlan);
  PlanChoice c;
  auto consider = [&](const Announcement* a, const PlanTiming& t, bool covers, Shares left) {
    if (!t.valid_on_date) return;
    if (c.best == nullptr || (covers && !c.best_covers) ||
        (covers == c.best_covers && left > c.best_left)) {
      c.best = a;
      c.best_t = t;
      c.best_left = left;
      c.best_covers = covers;
    }
  };
  // Next changes (issue 11): a later plan's publication, each plan's first permitted day,
  // start and end, and a later sale by the holder (the quantity sold under a plan).
  for (std::int32_t idx : plans) {
    const Announcement& a = ctx.ledger.announcement(idx);
    if (a.published > ctx.date) {
      ctx.ChangesAt(a.published);
      break;
    }
    // A completion report ends the plan: later sales need a new one (EX-12). Only a report
    // published once this plan's interval has begun can be about it; an earlier one reports
    // on a previous plan (companies often publish it together with the next plan).
    std::optional<Date> end = a.window_end;
    const auto reports =
        ctx.ledger.HolderAnnouncements(ctx.holder_index, AnnouncementKind::kCompletionReport);
    const Date start =
        reports.empty() ? a.published : Time(ctx, a.published, a.window_start, a.window_end).start;
    for (std::int32_t report : reports) {
      const Date p = ctx.ledger.announcement(report).published;
      if (p <= start) continue;
      const Date last_in_plan = DaysBefore(p, 1);
      end = end ? std::min(*end, last_in_plan) : last_in_plan;
      break;
    }
    const PlanTiming t = Time(ctx, a.published, a.window_start, end);
    ReportTiming(ctx, t);
    c.calendar_gap |= t.calendar_gap;
    c.latest_t = t;
    c.have_latest = true;
    if (!t.valid_on_date) continue;
    const bool covers =
        std::find(a.methods.begin(), a.methods.end(), ctx.order.method) != a.methods.end();
    Shares sold = 0;
    for (Method m : a.methods)
      sold += ctx.ledger.HolderSold(ctx.holder_index, m, t.start, ctx.date);
    consider(&a, t, covers, PlanMax(ctx, a) - sold);
  }
  if (!plans.empty()) {
    ctx.ChangesAt(
        ctx.ledger.HolderSaleOnOrAfter(ctx.holder_index, std::nullopt, DaysAfter(ctx.date, 1)));
  }
  if (ctx.options.hypothetical_plan_published) {
    const PlanTiming t =
        Time(ctx, *ctx.options.hypothetical_plan_published, std::nullopt, std::nullopt);
    ReportTiming(ctx, t);
    if (t.valid_on_date) consider(&kHypothetical, t, true, ctx.order.shares);
  }

  return c;
}

}  // namespace

std::optional<Date> CoveringPlanPublished(const JudgeContext& ctx) {
  const PlanChoice c = ChoosePlan(ctx);
  if (c.best == nullptr || c.best == &kHypothetical) return std::nullopt;
  return c.best->published;
}

void JudgePreAnnouncement(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  ctx.Stable();  // what follows reports its dates
  if (!ctx.exchange_trade() || !(ctx.dno || ctx.major)) return;
  const Shares n = ctx.order.shares;
  const Shares quota = ctx.has_cap ? ctx.quota_left : 0;
  // Shares of a sale that need a plan: all of a D&O's; a major shareholder's capped shares,
  // deemed sold first while quota is left (A28).
  auto bound = [&](Shares q) { return ctx.dno ? q : CappedPart(ctx.split, quota, q); };
  auto headroom_for = [&](Shares r) {
    return ctx.dno ? r : MaxWithCappedAtMost(ctx.split, quota, r);
  };
  if (ctx.dno) {
    if (auto due = ctx.calendar.AddTradingDays(ctx.date, 2)) {
      out.obligations.push_back({"dno_change_report", R.pre_do, due, std::nullopt, 0});
    }
  }
  // The 2017 regime (pack flag off) required a plan for bidding sales only; a controlling
  // shareholder's or actual controller's block trades need one from the 2023-09-26 notices
  // (pre_announce_block_trades_controllers; docs/rules.md).
  if (ctx.order.method == Method::kBlockTrade && !ctx.pack.pre_announce_block_trades &&
      !(ctx.controlling && ctx.pack.pre_announce_block_trades_controllers)) {
    return;
  }

  const PlanChoice choice = ChoosePlan(ctx);
  const Announcement* best = choice.best;
  const PlanTiming& best_t = choice.best_t;
  const Shares best_left = choice.best_left;
  const bool best_covers = choice.best_covers;
  const PlanTiming& latest_t = choice.latest_t;
  const bool have_latest = choice.have_latest;
  const bool calendar_gap = choice.calendar_gap;

  // The shares needing a plan grow with the cap quota (more of the order is deemed capped):
  // a test "more than k of them" flips at most once as the quota grows.
  auto report_bound_above = [&](Shares k) {
    if (!ctx.dno) ReportQuotaFlip(ctx, [&](Shares q) { return CappedPart(ctx.split, q, n) > k; });
  };
  if (best == nullptr) {
    if (!calendar_gap) report_bound_above(0);
    if (calendar_gap) {
      AddUnknown(out, R.pre_15td,
                 "a reduction plan was published on a date the trading calendar does not cover; "
                 "its 15 trading days cannot be counted",
                 "减持计划披露日不在交易日历覆盖范围内，无法计算十五个交易日");
      return;
    }
    const Shares b = bound(n);
    AddLimit(out, R.pre_15td, headroom_for(0));
    if (b <= 0) return;
    Violation& v = AddViolation(out, R.pre_15td, b);
    if (!ctx.options.explain) return;
    v.facts = {
        {"proposed", n},
        {"shares_needing_plan", b},
        {"required_trading_days", static_cast<std::int64_t>(ctx.pack.pre_announce_trading_days)},
        {"holder_is",
         std::string(ctx.dno ? "director_supervisor_or_senior_manager" : "major_shareholder")}};
    std::string detail_en = "no reduction plan was published";
    std::string detail_zh = "未披露减持计划";
    if (have_latest) {
      v.facts.push_back({"plan_published", latest_t.published});
      v.facts.push_back({"reason", std::string(latest_t.why)});
      if (latest_t.trading_days_between >= 0) {
        v.facts.push_back(
            {"trading_days_between", static_cast<std::int64_t>(latest_t.trading_days_between)});
      }
      if (latest_t.first_allowed)
        v.facts.push_back({"first_allowed_sale_day", *latest_t.first_allowed});
      v.facts.push_back({"plan_interval", DateRange{latest_t.start, latest_t.last}});
      if (std::string_view(latest_t.why) == "fewer_than_required_trading_days") {
        detail_en = "the plan published on " + Iso(latest_t.published) + " leaves only " +
                    std::to_string(latest_t.trading_days_between) + " trading days before " +
                    Iso(ctx.date) + "; the first permitted sale day is " +
                    (latest_t.first_allowed ? Iso(*latest_t.first_allowed) : "beyond the calendar");
        detail_zh = Iso(latest_t.published) + " 披露的减持计划距 " + Iso(ctx.date) + " 仅间隔 " +
                    std::to_string(latest_t.trading_days_between) + " 个交易日；最早可卖出日为 " +
                    (latest_t.first_allowed ? Iso(*latest_t.first_allowed) : "交易日历之外");
      } else {
        detail_en = "the plan published on " + Iso(latest_t.published) + " covers " +
                    Iso(latest_t.start) + " to " + Iso(latest_t.last) + ", not " + Iso(ctx.date);
        detail_zh = Iso(latest_t.published) + " 披露的减持计划区间为 " + Iso(latest_t.start) +
                    " 至 " + Iso(latest_t.last) + "，不包括 " + Iso(ctx.date);
      }
    }
    if (ctx.in_post5_tail && !ctx.dno) {
      v.facts.push_back({"applies_because", std::string(R.cap_post5->id)});
      v.facts.push_back({"fell_below_5pct_on", *ctx.post5_fell_on});
      detail_en +=
          "; major-shareholder rules still apply within 90 days after falling below 5% on " +
          Iso(*ctx.post5_fell_on) + " (CAP-POST5-90D)";
      detail_zh += "；持股比例于 " + Iso(*ctx.post5_fell_on) +
                   " 降至5%以下后九十日内仍须遵守大股东减持规定（CAP-POST5-90D）";
    }
    v.message.en = Num(b) + " of the shares need a reduction plan announced at least " +
                   std::to_string(ctx.pack.pre_announce_trading_days) +
                   " trading days before the first sale: " + detail_en;
    v.message.zh = "其中 " + Num(b) + " 股须在首次卖出前至少" +
                   std::to_string(ctx.pack.pre_announce_trading_days) +
                   "个交易日预先披露减持计划：" + detail_zh;
    return;
  }

  const Shares b = bound(n);
  const Announcement& plan = *best;
  const bool hypothetical = best == &kHypothetical;
  if (!best_covers) {
    report_bound_above(0);
    AddLimit(out, R.cap_plan, headroom_for(0));
    if (b <= 0) return;
    Violation& v = AddViolation(out, R.cap_plan, b);
    if (!ctx.options.explain) return;
    v.facts = {{"plan_published", best_t.published},
               {"plan_interval", DateRange{best_t.start, best_t.last}},
               {"method", std::string(Name(ctx.order.method))},
               {"proposed", n}};
    v.message.en = "the reduction plan published on " + Iso(best_t.published) +
                   " does not cover sales by " + MethodEn(ctx.order.method);
    v.message.zh =
        Iso(best_t.published) + " 披露的减持计划未包含" + MethodZh(ctx.order.method) + "方式";
    return;
  }
  const Shares left = std::max<Shares>(0, best_left);
  report_bound_above(left);
  AddLimit(out, R.cap_plan, headroom_for(left));
  if (!hypothetical && b > 0) {
    const Shares max_shares = PlanMax(ctx, plan);
    const Shares sold = max_shares - best_left;
    if (b >= left && left > 0) {
      if (auto due = ctx.calendar.AddTradingDays(ctx.date, 2)) {
        out.obligations.push_back({"plan_completion_report", R.pre_done, due, std::nullopt, 0});
      }
    }
    if (sold * 2 < max_shares && (sold + std::min(b, left)) * 2 >= max_shares) {
      out.obligations.push_back(
          {"plan_progress_report", R.pre_progress, std::nullopt, std::nullopt, 0});
    }
  }
  if (b <= left) return;
  Violation& v = AddViolation(out, R.cap_plan, b - left);
  if (!ctx.options.explain) return;
  v.facts = {{"plan_published", best_t.published},
             {"plan_interval", DateRange{best_t.start, best_t.last}},
             {"plan_max_shares", PlanMax(ctx, plan)},
             {"sold_under_plan", PlanMax(ctx, plan) - best_left},
             {"plan_shares_left", left},
             {"proposed", n}};
  v.message.en = "the sale would exceed the reduction plan published on " + Iso(best_t.published) +
                 ": " + Num(left) + " shares are left of " + Num(PlanMax(ctx, plan)) + "; " +
                 Num(b - left) + " shares are beyond the plan";
  v.message.zh = "超出 " + Iso(best_t.published) + " 披露的减持计划：计划数量 " +
                 Num(PlanMax(ctx, plan)) + " 股，剩余 " + Num(left) + " 股；超出 " + Num(b - left) +
                 " 股";
}

}  // namespace reducheck::rules_internal
