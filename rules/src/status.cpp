// Holder status on the judgement date (spec §1, A25, A30, CAP-POST5-90D).
#include <algorithm>

#include "families.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {
namespace {

constexpr RoleSet kMajorRoles = static_cast<RoleSet>(Role::kControllingShareholder) |
                                static_cast<RoleSet>(Role::kActualController) |
                                static_cast<RoleSet>(Role::kMajorShareholder);
constexpr RoleSet kControllerRoles = static_cast<RoleSet>(Role::kControllingShareholder) |
                                     static_cast<RoleSet>(Role::kActualController);
constexpr RoleSet kDnoRoles = static_cast<RoleSet>(Role::kDirector) |
                              static_cast<RoleSet>(Role::kSupervisor) |
                              static_cast<RoleSet>(Role::kSeniorManager);

// Three notions of "controller" (issue 15, defect 5):
//  - now: a controlling shareholder or actual controller today (roles). Measures Arts 8 and 10
//    (BAN-CO-*, CTRL-BREAK-NAV, CTRL-DIV) and the other rules that bind the current controller.
//  - at the IPO: Measures Art.11 (CTRL-BREAK-IPO) binds the controlling shareholder / actual
//    controller at the IPO and keeps binding it after it loses control: `controlling_at_ipo:
//    true`; when the flag is not given, a current controller is presumed to have controlled at
//    the IPO (conservative) and `controlling_at_ipo: false` says it took control later.
//  - for lock-ups (LOCK-CTRL-36M, LOCK-BSE-12M, LOCK-UNPROF, LOCK-PP-18M): either, as before —
//    the IPO controller's lock follows it, and a later controller is locked too (conservative).
bool ControllerNow(const Holder& h) { return (h.roles & kControllerRoles) != 0; }
bool ControllerAtIpo(const Holder& h) { return h.controlling_at_ipo.value_or(ControllerNow(h)); }
bool ControllerForLocks(const Holder& h) {
  return ControllerNow(h) || h.controlling_at_ipo.value_or(false);
}

// D&O duties last while in office and, after leaving, for the pack's months after departure;
// after an early departure, until that many months after the original term end (spec §7,
// DIR-25PCT "early departure"; A25 treats supervisors alike).
enum class DnoStatus { kNo, kYes, kUndetermined };

// A supervisor's office ends when its company abolishes the supervisory board (2023 Company Law;
// CSRC transition ending 2026-01-01). What binds it afterwards is the pack's reading
// (supervisor_abolition_is_departure): the abolition is its departure (conservative: the
// post-departure rules apply), or it is free from that day.
struct Office {
  std::optional<Date> departed;
  std::optional<Date> term_end;
  std::optional<Date> released;  // not bound at all from this day (abolition, flag false)
};
Office OfficeOf(const Holder& h, const Company& co, const RulePack& pack) {
  Office o{h.departed, h.term_end, std::nullopt};
  const bool supervisor_only = (h.roles & kDnoRoles) == static_cast<RoleSet>(Role::kSupervisor);
  const std::optional<Date>& abolished = co.supervisory_board_abolished;
  if (!supervisor_only || !abolished || (h.departed && *h.departed <= *abolished)) return o;
  if (pack.supervisor_abolition_is_departure) {
    // The office, and so the term, ends with the board: not an early departure.
    o.departed = abolished;
    o.term_end = abolished;
  } else {
    o.released = abolished;
  }
  return o;
}

DnoStatus Dno(const JudgeContext& ctx, const Holder& h, const Office& o, const RulePack& pack,
              Date date) {
  if ((h.roles & kDnoRoles) == 0) return DnoStatus::kNo;
  if (o.released) ctx.ChangesAt(*o.released);
  if (o.released && date >= *o.released) return DnoStatus::kNo;
  if (!o.departed) return DnoStatus::kYes;
  Date until = AfterEventLastDay(*o.departed, pack.dno_after_departure_months);
  ctx.ChangesAfter(until);
  if (o.term_end) ctx.ChangesAfter(AfterEventLastDay(*o.term_end, pack.dno_after_departure_months));
  if (date <= until) return DnoStatus::kYes;
  // After the months following the departure, only an early departure keeps the duties; with
  // no term_end whether it was early cannot be told (issue 15, defect 4).
  if (!o.term_end) return DnoStatus::kUndetermined;
  if (*o.departed < *o.term_end) {
    until = std::max(until, AfterEventLastDay(*o.term_end, pack.dno_after_departure_months));
  }
  return date <= until ? DnoStatus::kYes : DnoStatus::kNo;
}

}  // namespace

void ComputeStatus(JudgeContext& ctx) {
  const RulePack& pack = ctx.pack;
  const Holder& h = *ctx.holder;
  // ">= 5%" ("以上" includes 5%, Civil Code Art.1259): holding * 10000 >= 500 * total.
  auto at_least_major_of = [&](Shares s, Shares total) {
    return static_cast<Int128>(s) * 10000 >= static_cast<Int128>(pack.major_holder_bp) * total;
  };
  auto at_least_major = [&](Shares s) { return at_least_major_of(s, ctx.total_shares); };
  ctx.declared_major = (h.roles & kMajorRoles) != 0;
  ctx.major_by_holding = at_least_major(ctx.group_holding);
  // Next changes: the capital of the day (the 5% test and every share of the total the rules
  // take) changes with a corporate action; the group's holding timeline with a later trade.
  ctx.Stable();
  if (ctx.change != nullptr) {
    ctx.ChangesAt(ctx.ledger.capital().NextActionAfter(ctx.date));
    const auto events = ctx.ledger.GroupEvents(ctx.group);
    const auto later = std::upper_bound(events.begin(), events.end(), ctx.date,
                                        [](Date d, const HoldingEvent& e) { return d < e.date; });
    if (later != events.end()) ctx.ChangesAt(later->date);
  }
  if (!ctx.declared_major && !ctx.major_by_holding) {
    // CAP-POST5-90D: the group fell from >= 5% to < 5% on f; major-shareholder rules apply
    // through f + 90 days (Civil Code counting, A18; EX-12).
    // After a fall by agreement transfer the tail is at_tail_months instead (A22).
    const auto events = ctx.ledger.GroupEvents(ctx.group);
    auto it = std::upper_bound(events.begin(), events.end(), ctx.date,
                               [](Date d, const HoldingEvent& e) { return d < e.date; });
    const Date earliest = std::min(DaysBefore(ctx.date, pack.post5_tail_days),
                                   AddMonthsClipped(ctx.date, -pack.at_tail_months));
    while (it != events.begin()) {
      --it;
      if (it->date < earliest) break;
      // Against the capital of the sale's day (current units, like the holding events).
      const Shares then = ctx.ledger.capital().TotalInCurrentUnits(it->date);
      if (it->purchase || !at_least_major_of(it->before, then) ||
          at_least_major_of(it->after, then)) {
        continue;
      }
      const Date tail_last = it->method == Method::kAgreementTransfer
                                 ? AfterEventLastDay(it->date, pack.at_tail_months)
                                 : DaysAfter(it->date, pack.post5_tail_days);
      ctx.ChangesAfter(tail_last);
      if (ctx.date <= tail_last) {
        ctx.in_post5_tail = true;
        ctx.post5_fell_on = it->date;
      }
      break;  // the latest fall decides
    }
  }
  ctx.major = ctx.declared_major || ctx.major_by_holding || ctx.in_post5_tail;
  const Office office = OfficeOf(h, ctx.ledger.company(), pack);
  ctx.dno_departed = office.departed;
  ctx.supervisor_abolition_unknown =
      (h.roles & kDnoRoles) == static_cast<RoleSet>(Role::kSupervisor) && !h.departed &&
      !ctx.ledger.company().supervisory_board_abolished && pack.supervisor_abolition_is_departure &&
      ctx.date >= pack.supervisor_transition_end &&
      ctx.date <=
          AfterEventLastDay(DaysBefore(pack.supervisor_transition_end, 1), pack.dir_leave_months);
  if (ctx.supervisor_abolition_unknown) {
    ctx.ChangesAfter(
        AfterEventLastDay(DaysBefore(pack.supervisor_transition_end, 1), pack.dir_leave_months));
  } else if ((h.roles & kDnoRoles) == static_cast<RoleSet>(Role::kSupervisor) && !h.departed &&
             !ctx.ledger.company().supervisory_board_abolished) {
    ctx.ChangesAt(pack.supervisor_transition_end);
  }
  const DnoStatus dno = Dno(ctx, h, office, pack, ctx.date);
  ctx.dno = dno == DnoStatus::kYes;
  ctx.dno_undetermined = dno == DnoStatus::kUndetermined;
  // Each notion binds the holder itself and, by pack (lock_ctrl_includes_concert_parties), the
  // members of its concert group ("及其一致行动人").
  auto bound = [&](bool (*is)(const Holder&)) {
    if (is(h)) return true;
    if (!pack.lock_ctrl_includes_concert_parties) return false;
    for (std::int32_t m : ctx.ledger.GroupMembers(ctx.group)) {
      if (is(ctx.ledger.holder(m))) return true;
    }
    return false;
  };
  ctx.controlling = bound(&ControllerNow);
  ctx.controlling_at_ipo = bound(&ControllerAtIpo);
  ctx.lock_controller = bound(&ControllerForLocks);
}

}  // namespace reducheck::rules_internal
