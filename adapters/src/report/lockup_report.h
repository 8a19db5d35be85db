// The lock-up calendar for IPO counsel (`reducheck lockup`, issue 4 item 3).
//
// BuildLockupReport asks the rule pack in force on each date (Evaluator::PackFor) when every lot
// of every holder unlocks, which rules lock it until when, what the quotas allow after it
// unlocks, and how many shares become sellable on each date. It only reads the engine's public
// API (RuleSet::LotLocks, RuleSet::Judge); the renderers turn the report into text, CSV,
// Markdown or one self-contained HTML file with an SVG timeline. Pure functions: no I/O.
#ifndef REDUCHECK_ADAPTERS_REPORT_LOCKUP_REPORT_H_
#define REDUCHECK_ADAPTERS_REPORT_LOCKUP_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/engine/provisional_years.h"
#include "reducheck/engine/rule_info.h"
#include "reducheck/engine/status.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {

// One rule that locked a lot, as seen by the walk: locking on `first_seen` (the as-of date or
// the day after an earlier lock ended) through `last_locked_day` inclusive. `open_ended`: the
// lock still holds on the trading calendar's last day (its real end is later or has no date);
// `last_locked_day` is then the calendar's last day.
struct LockSpan {
  const RuleInfo* rule = nullptr;
  Date first_seen;
  Date last_locked_day;
  bool open_ended = false;
};

// How a lot's walk ended.
enum class UnlockState : std::uint8_t {
  kFreeOnAsOf,      // not locked on the as-of date
  kUnlocks,         // locked; tradable from `unlock_date`
  kUndecided,       // a lock could not be decided (missing input): see `undecided`
  kBeyondCalendar,  // still locked past the trading calendar's last day (or open-ended)
  kError,           // the engine could not evaluate a date (no pack in force): see `note`
};

// LOCK-EXT-6M for a holder with an `extend_if_below_issue_price` commitment.
enum class ExtensionState : std::uint8_t {
  kNone,          // no such commitment, or not a pre-IPO lot
  kTriggered,     // the extension locks the lot (a LockSpan names LOCK-EXT-6M)
  kNotTriggered,  // the walk looked past the base lock and the extension did not lock it
  kUndecided,     // LOCK-EXT-6M could not be decided (closes or issue price missing)
  kNotEvaluated,  // the lot was already free on the as-of date: the walk did not look
};

struct LotUnlock {
  std::int32_t holder = -1;  // index into ledger.holders()
  std::int32_t lot = -1;     // index into holder.lots
  std::string holder_id;
  std::string holder_name;
  std::string lot_id;
  Shares shares = 0;
  Source source = Source::kOther;
  UnlockState state = UnlockState::kFreeOnAsOf;
  // kUnlocks: the first trading day on which the lot is free. kFreeOnAsOf: the as-of date.
  std::optional<Date> unlock_date;
  // kBeyondCalendar / kUndecided: the date the walk stopped on (the day after the last locked
  // day it could see, or the date whose lock was undecided).
  std::optional<Date> stopped_on;
  // kBeyondCalendar: the lock's own last day when it is a known date at or after the calendar's
  // last day (an anniversary: IPO + 12/36 months, a placement lock); nullopt when the lock has no
  // end date (open-ended) and the walk stopped on the calendar's last day.
  std::optional<Date> lock_ends;
  // Provisional calendar years the walk counted a day in (as-of .. unlock/stop date): the row's
  // calendar caveat.
  ProvisionalYears calendar_provisional;
  std::vector<LockSpan> locks;  // every rule met on the walk, in the order found
  const RuleInfo* undecided = nullptr;
  ExtensionState extension = ExtensionState::kNone;
  std::int32_t extension_months = 0;
  std::string note;  // kError: the engine's message
};

// Headroom of one quota rule for one holder on one date, from RuleSet::Judge on a probe order of
// the holder's whole holding (no price). `method` is the probe's method.
struct QuotaRow {
  std::int32_t holder = -1;
  Date date;
  std::string why;  // "as-of", "unlock L1", "quota year 2", "new year"
  Method method = Method::kCentralizedBidding;
  const RuleInfo* rule = nullptr;
  Shares headroom = 0;
  Shares holding = 0;
};

// Quota step dates to mark on the timeline (directors' 1 January, STAR core staff quota years).
struct QuotaStep {
  std::int32_t holder = -1;
  Date date;
  std::string why;
};

// Shares that become sellable (unlocked; quotas not applied) on one date, across all holders.
struct SellableStep {
  Date date;
  Shares newly = 0;
  Shares cumulative = 0;
  std::vector<std::int32_t> lots;  // indices into LockupReport::lots
};

// A rule pack the report may apply: in force on the as-of date or later within the calendar.
struct PackInForce {
  std::string id;
  Date from;
  std::optional<Date> to;  // last day in force; nullopt: open-ended
};

// One holder at a glance (the report's summary, before the per-lot detail).
struct HolderSummary {
  std::int32_t holder = -1;
  Shares held = 0;
  Shares free_on_as_of = 0;            // lots not locked on the as-of date
  std::optional<Date> first_sellable;  // the earliest date any of its shares is unlocked
  Shares first_sellable_shares = 0;    // shares unlocked by that date (cumulative)
  std::optional<Date> all_unlocked;    // the date the last lot unlocks; nullopt: not in view
  const RuleInfo* binding = nullptr;   // the lock that ends last (sets all_unlocked)
  Shares not_in_view = 0;              // undecided or locked beyond the calendar
  // Cumulative unlocked shares on each date a lot of this holder unlocks (as-of date first).
  std::vector<std::pair<Date, Shares>> by_date;
};

struct LockupReport {
  // Provenance, for the header: filled by the caller (the report itself reads no clock).
  std::string generated_at;  // UTC, "2026-12-04T17:30:00Z"
  std::string tool;          // "reducheck 0.1.0"
  std::vector<PackInForce> packs;
  // "official" (every covered year from a published notice) or "official+provisional" (years
  // after calendar_last_official are provisional: derived, no notice yet).
  std::string calendar_status = "official";
  Date calendar_last_official;
  std::vector<HolderSummary> summaries;  // holder order

  Date as_of;
  std::string company_code;
  std::string company_name;
  Board board = Board::kMain;
  Date listing_date;
  Shares total_shares = 0;
  Date calendar_first;
  Date calendar_last;
  std::string calendar_id;
  std::string pack_on_as_of;
  std::vector<std::string> holder_ids;    // by holder index
  std::vector<std::string> holder_names;  // by holder index
  std::vector<LotUnlock> lots;            // holder order, then lot order
  std::vector<QuotaRow> quotas;           // holder order, then date, method, rule id
  std::vector<QuotaStep> quota_steps;
  std::vector<SellableStep> sellable;  // date order; the first is the as-of date
  Shares never_within_calendar = 0;    // shares locked beyond the calendar or undecided
};

// Walks every lot from `as_of`. `pinned_pack`: the scenario's rule_pack (empty: the pack in force
// on each date). Non-ok: `as_of` outside the calendar, or no pack in force on `as_of`.
Result<LockupReport> BuildLockupReport(const Evaluator& evaluator, const Ledger& ledger, Date as_of,
                                       std::string_view pinned_pack = {});

// Shares of holder `holder` still locked (or undecided, or locked beyond the calendar) on `d`.
Shares LockedOn(const LockupReport& report, std::int32_t holder, Date d);

// Renderers (lockup_render.cpp). Deterministic; text/CSV/Markdown are compared as goldens.
std::string RenderLockupText(const LockupReport& report, Lang lang);
// CSV (RFC 4180, header row): one row per lot: holder,holder_name,lot,shares,source,state,
// unlock_date,locks,extension,provisional_calendar_years. `locks` is "RULE@last_locked_day;..."
// (open-ended: "RULE@open"); the last column is the calendar caveat ("2027;2028" or empty).
std::string RenderLockupCsv(const LockupReport& report);
std::string RenderLockupMarkdown(const LockupReport& report, Lang lang);
// One self-contained HTML page (inline CSS and SVG, no script, no external resource), with a
// print layout (@media print, A4 landscape) for `--pdf`.
std::string RenderLockupHtml(const LockupReport& report, Lang lang);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_REPORT_LOCKUP_REPORT_H_
