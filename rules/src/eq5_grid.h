// The 5% grid shared by the slow-walk rules: freezes left by earlier touches and the path of a
// sale over the grid. Used by threshold.cpp (EQ5-FIRST, EQ5-MULT, EQ5-1PCT on exchange trades)
// and transfers.cpp (EQ5-AGREEMENT, EQ5-1PCT on agreement and inquiry transfers).
// Internal to rules/. Nothing here allocates.
#ifndef REDUCHECK_RULES_EQ5_GRID_H_
#define REDUCHECK_RULES_EQ5_GRID_H_

#include <optional>

#include "judge_context.h"
#include "reducheck/engine/rule_set.h"

namespace reducheck::rules_internal {

// `days` after d: trading days by default (A6), calendar days when the pack says so.
std::optional<Date> AddFreezeDays(const JudgeContext& ctx, Date d, int days);

// First equity change report by any member of the group published on or after `from`.
std::optional<Date> FirstReportOnOrAfter(const JudgeContext& ctx, Date from);

// A freeze left by an earlier touch of the group that still covers ctx.date: from the fact
// date until the report is published plus eq5_freeze_days_after_report days. No report on
// file: the freeze has not ended (until = nullopt).
struct ActiveFreeze {
  // nullopt: no freeze covers the date. Under the amplitude reading (pack eq5_reading) the
  // trigger is a trade that moved the holding eq5_step from the last base (see Amplitude
  // below); multiple_bp is then the holding it reached, rounded down to a basis point.
  std::optional<GridTouch> touch;
  std::optional<Date> report;
  std::optional<Date> until;
};
// The earliest touch (or amplitude trigger) on or before ctx.date whose freeze still runs.
ActiveFreeze FindActiveFreeze(const JudgeContext& ctx);

// The amplitude reading (幅度说, Eq5Reading::kAmplitude; before 2025-01-10). Walking the
// group's trades up to ctx.date: the base is the holding before the first trade on file, reset
// by each equity change report of the group (the holding on its publication day) and by each
// trigger. A trade triggers when the holding after it, against that day's capital, differs from
// the base (against the base day's capital) by at least eq5_step, or when it touches 5% (the
// first multiple: reaching or leaving the 5% holder status, as under the touch reading).
struct Amplitude {
  Shares base = 0;        // the base holding (current units) ...
  Shares base_total = 1;  // ... and the total share capital of the base's day
  Date base_date;
  std::optional<GridTouch> freeze;  // the earliest trigger whose freeze covers ctx.date
  std::optional<Date> report;
  std::optional<Date> until;
};
Amplitude WalkAmplitude(const JudgeContext& ctx);

// Under the amplitude reading: the largest holding after a sale at which the sale triggers
// (the level base - step, or 5% when that is higher), -1 when no sale reaches a level.
Shares AmplitudeSaleLevel(const Amplitude& a, Shares g, Shares total, std::int32_t step_bp,
                          std::int32_t major_bp);

// A sale from the group's holding g down the grid of `step` bp of `total` shares.
struct SalePath {
  std::int32_t below_bp = 0;  // largest k (bp) with BpOf(k, total) < g
  std::int32_t touched = 0;   // first multiple of step the sale touches (0: none, g <= step)
  Shares to_touch = 0;        // shares that bring the holding exactly onto `touched`
};
SalePath PathFrom(Shares g, Shares total, std::int32_t step);

// EQ5-1PCT: a `report_1pct_change` obligation for every multiple of 1% above 5% (other than
// the 5% multiples) touched on the way from g down to `after`.
void Add1PctNotices(const JudgeContext& ctx, const SalePath& path, Shares g, Shares after,
                    Judgement& out);
// The same under the amplitude reading: every 1 point of change from the base (above 5%, other
// than the 5-point level) the sale reaches.
void AddAmplitude1PctNotices(const JudgeContext& ctx, const Amplitude& a, Shares g, Shares after,
                             Judgement& out);

}  // namespace reducheck::rules_internal

#endif  // REDUCHECK_RULES_EQ5_GRID_H_
