// The 5% slow-walk rule (spec §8): EQ5-FIRST and EQ5-MULT freezes from history, the order's own
// touch of a 5% multiple (刻度说, CSRC Opinion No.19), and EQ5-1PCT notices.
#include <algorithm>

#include "eq5_grid.h"
#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {
namespace {

// The order's own path under the amplitude reading (幅度说, pack eq5_reading: amplitude; before
// CSRC Opinion No.19 of 2025-01-10): the sale triggers when the holding reaches the base minus
// 5 points (or 5%, when higher); selling exactly to that level is allowed, beyond is in breach.
void JudgeAmplitudeSale(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const Shares n = ctx.order.shares;
  const Shares total = ctx.total_shares;
  const Shares g = ctx.group_holding;
  const Shares after = g - n;
  const Amplitude a = WalkAmplitude(ctx);
  if (g > BpOf(ctx.pack.major_holder_bp, total)) {
    const Shares level =
        AmplitudeSaleLevel(a, g, total, ctx.pack.eq5_step_bp, ctx.pack.major_holder_bp);
    const Shares to_touch = std::max<Shares>(0, g - level);
    const std::int32_t level_bp =
        static_cast<std::int32_t>(static_cast<Int128>(std::max<Shares>(level, 0)) * 10000 / total);
    AddLimit(out, R.eq5_mult, to_touch);
    if (n >= to_touch) {
      out.obligations.push_back({"equity_change_report", R.eq5_mult,
                                 AddFreezeDays(ctx, ctx.date, ctx.pack.eq5_report_days),
                                 std::nullopt, level_bp});
      out.obligations.push_back(
          {"trading_freeze", R.eq5_mult, std::nullopt, std::nullopt, level_bp});
    }
    if (n > to_touch) {
      Violation& v = AddViolation(out, R.eq5_mult, n - to_touch);
      if (ctx.options.explain) {
        v.facts = {{"reading", std::string("amplitude")},
                   {"holding_before", Ratio{g, total}},
                   {"holding_after", Ratio{after, total}},
                   {"base_holding", Ratio{a.base, a.base_total}},
                   {"base_date", a.base_date},
                   {"level", Ratio{level, total}},
                   {"shares_to_touch", to_touch},
                   {"proposed", n}};
        v.message.en =
            "under the cumulative-amplitude reading in force on this date (before CSRC "
            "Opinion No.19 of 2025-01-10), the sale takes the group's holding from " +
            Pct(g, total) + " to " + Pct(after, total) + "; after " + Num(to_touch) +
            " shares it reaches " + Pct(level, total) + ", 5 percentage points below " +
            Pct(a.base, a.base_total) + " (the holding of " + Iso(a.base_date) +
            ", the last report or the start of the history on file) or the 5% "
            "threshold; trading must stop there until " +
            std::to_string(ctx.pack.eq5_freeze_days_after_report) +
            " days after the equity change report is published, so " + Num(n - to_touch) +
            " shares are in breach";
        v.message.zh =
            "按本日适用的累计变动幅度口径（2025-01-10《证券期货法律适用意见第19号》之前），"
            "本次卖出使一致行动人合计持股由 " +
            Pct(g, total) + " 降至 " + Pct(after, total) + "，卖出 " + Num(to_touch) +
            " 股时持股降至 " + Pct(level, total) + "，较 " + Iso(a.base_date) + " 的 " +
            Pct(a.base, a.base_total) +
            "（最近一次报告或现有记录起点）减少5个百分点或触及5%，须立即停止交易，至权益变动"
            "报告书公告后" +
            std::to_string(ctx.pack.eq5_freeze_days_after_report) + "日内不得买卖；超出的 " +
            Num(n - to_touch) + " 股违规";
      }
    }
  }
  AddAmplitude1PctNotices(ctx, a, g, after, out);
}

}  // namespace

void JudgeThresholds(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  ctx.Stable();
  if (!ctx.exchange_trade()) return;
  const Shares n = ctx.order.shares;
  const Shares total = ctx.total_shares;
  const std::int32_t step = ctx.pack.eq5_step_bp;

  // 1. Freezes left by earlier touches: from the fact date until the report is published plus
  //    3 days (A6: trading days by default). No report on file: the freeze has not ended.
  //    (Shared with EQ5-AGREEMENT: eq5_grid.h.)
  const ActiveFreeze freeze = FindActiveFreeze(ctx);
  if (ctx.change != nullptr && ctx.pack.eq5_reading == rules::Eq5Reading::kAmplitude) {
    // The amplitude reading depends on every trade and report of the group: judged day by day
    // (only the packs before 2025-01-10 read it).
    ctx.ChangesEveryDay();
  } else if (ctx.change != nullptr) {
    // Next changes (issue 11): the freeze's end (none: frozen until a report is on file, which
    // a later date does not change), a later touch starting one. The sale path is fixed by
    // the holding and the capital (ComputeStatus reports its actions).
    ctx.ChangesAfter(freeze.until);
    for (const GridTouch& t : ctx.ledger.GroupTouches(ctx.group)) {
      if (t.date > ctx.date) {
        ctx.ChangesAt(t.date);
        break;
      }
    }
  }
  if (const ActiveFreeze& f = freeze; f.touch) {
    const GridTouch& t = *f.touch;
    const std::optional<Date>& report = f.report;
    const std::optional<Date>& until = f.until;
    const RuleInfo* rule = t.from_below_first ? R.eq5_first : R.eq5_mult;
    AddLimit(out, rule, 0);
    Violation& v = AddViolation(out, rule, n);
    if (!ctx.options.explain) return;
    v.facts = {{"threshold_touched", BpText(t.multiple_bp)},
               {"touched_on", t.date},
               {"direction", std::string(t.upward ? "up" : "down")}};
    if (report) {
      v.facts.push_back({"report_published", *report});
      v.facts.push_back({"frozen_through", *until});
      v.message.en = "trading is frozen: the group's holding touched " + BpText(t.multiple_bp) +
                     " on " + Iso(t.date) + "; the equity change report was published on " +
                     Iso(*report) + " and no trading is allowed through " + Iso(*until);
      v.message.zh = "处于禁止交易期：一致行动人合计持股于 " + Iso(t.date) + " 触及 " +
                     BpText(t.multiple_bp) + "，权益变动报告书于 " + Iso(*report) + " 公告，" +
                     Iso(*until) + " 前（含当日）不得买卖";
    } else {
      v.facts.push_back({"report_published", std::string("none on file")});
      v.message.en = "trading is frozen: the group's holding touched " + BpText(t.multiple_bp) +
                     " on " + Iso(t.date) +
                     " and no equity change report is on file; trading may "
                     "resume only after the report is published and " +
                     std::to_string(ctx.pack.eq5_freeze_days_after_report) + " more days pass";
      v.message.zh = "处于禁止交易期：一致行动人合计持股于 " + Iso(t.date) + " 触及 " +
                     BpText(t.multiple_bp) + "，尚无权益变动报告书公告记录；须公告后满" +
                     std::to_string(ctx.pack.eq5_freeze_days_after_report) + "日方可交易";
    }
    return;
  }

  if (ctx.pack.eq5_reading == rules::Eq5Reading::kAmplitude) {
    JudgeAmplitudeSale(ctx, out);
    return;
  }

  // 2. This order's own path: from the group holding g down to g - n.
  const Shares g = ctx.group_holding;
  const Shares after = g - n;
  // The multiple of the step this sale would touch first (none when at or below 5%).
  const SalePath path = PathFrom(g, total, step);
  const std::int32_t touched = path.touched;
  if (touched != 0) {
    const Shares to_touch = path.to_touch;  // selling exactly this lands on the multiple: allowed
    AddLimit(out, R.eq5_mult, to_touch);
    if (n >= to_touch) {
      out.obligations.push_back({"equity_change_report", R.eq5_mult,
                                 AddFreezeDays(ctx, ctx.date, ctx.pack.eq5_report_days),
                                 std::nullopt, touched});
      out.obligations.push_back(
          {"trading_freeze", R.eq5_mult, std::nullopt, std::nullopt, touched});
    }
    if (n > to_touch) {
      Violation& v = AddViolation(out, R.eq5_mult, n - to_touch);
      if (ctx.options.explain) {
        v.facts = {{"holding_before", Ratio{g, total}},
                   {"holding_after", Ratio{after, total}},
                   {"threshold_touched", BpText(touched)},
                   {"shares_to_touch", to_touch},
                   {"proposed", n}};
        v.message.en = "the sale takes the group's holding from " + Pct(g, total) + " to " +
                       Pct(after, total) + ", touching " + BpText(touched) + " after " +
                       Num(to_touch) + " shares; trading must stop there until " +
                       std::to_string(ctx.pack.eq5_freeze_days_after_report) +
                       " days after the equity change report is published, so " +
                       Num(n - to_touch) + " shares are in breach";
        v.message.zh = "本次卖出使一致行动人合计持股由 " + Pct(g, total) + " 降至 " +
                       Pct(after, total) + "，卖出 " + Num(to_touch) + " 股时触及 " +
                       BpText(touched) + "，须立即停止交易，至权益变动报告书公告后" +
                       std::to_string(ctx.pack.eq5_freeze_days_after_report) +
                       "日内不得买卖；超出的 " + Num(n - to_touch) + " 股违规";
      }
    }
  }

  // 3. EQ5-1PCT: each 1% multiple above 5% touched (other than 5% multiples) → next-day notice.
  Add1PctNotices(ctx, path, g, after, out);
}

}  // namespace reducheck::rules_internal
