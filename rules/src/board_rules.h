// Board specifics of spec §2 shared by the lot locks (locks.cpp) and the yearly quotas
// (board_quotas.cpp): LOCK-UNPROF (issuers unprofitable at listing), LOCK-CTP-STAR (STAR core
// technical staff). LOCK-BSE-12M is a lot lock only (locks.cpp). docs/rules.md states every
// reading chosen here. Allocation-free.
#ifndef REDUCHECK_RULES_BOARD_RULES_H_
#define REDUCHECK_RULES_BOARD_RULES_H_

#include <optional>
#include <string_view>

#include "judge_context.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::rules_internal {

inline constexpr RoleSet kBoardDnoRoles = static_cast<RoleSet>(Role::kDirector) |
                                          static_cast<RoleSet>(Role::kSupervisor) |
                                          static_cast<RoleSet>(Role::kSeniorManager);
// LOCK-BSE-12M: holders of at least 10% of the shares before listing (S9, partial/unverified).
inline constexpr std::int64_t kBseLargeHolderBp = 1000;
// LOCK-UNPROF: the 2%-a-year quota runs in the 2 fiscal years after the lock (years 4 and 5).
inline constexpr int kUnprofQuotaYears = 2;

// ---- LOCK-UNPROF ---------------------------------------------------------------------------

inline bool UnprofBoard(Board b) {
  return b == Board::kStar || b == Board::kChinext || b == Board::kBse;
}

// Who is bound: controllers (ctx.lock_controller: controlling shareholder, actual controller,
// controlling_at_ipo, and their concert parties by pack) on every board; on STAR and ChiNext
// also anyone with a D&O role, in office or not ("continues if they leave"), and core
// technical staff.
inline bool UnprofBinds(const JudgeContext& ctx) {
  if (ctx.lock_controller) return true;
  if (ctx.ledger.company().board == Board::kBse) return false;
  const RoleSet roles = ctx.holder->roles;
  return (roles & kBoardDnoRoles) != 0 || HasRole(roles, Role::kCoreTechnicalStaff);
}

inline int UnprofLockYears(const RulePack& pack, Board b) {
  return b == Board::kBse ? pack.unprof_lock_fiscal_years_bse : pack.unprof_lock_fiscal_years;
}

// Last locked day: 31 December of the N-th full fiscal year after listing. The listing year
// is never a full fiscal year from the listing date (the exchanges are closed on 1 January),
// so listing in 2023 with N = 3 locks fiscal years 2024-2026, through 2026-12-31.
inline Date UnprofLockLastDay(const Company& co, int years) {
  return Date(static_cast<unsigned short>(co.listing_date.year() + years), 12, 31);
}

// The quota years (fiscal years N+1 and N+2; STAR/ChiNext controllers only) end on this day.
inline Date UnprofQuotaLastDay(const Company& co, int years) {
  return UnprofLockLastDay(co, years + kUnprofQuotaYears);
}

// Last day on which LOCK-UNPROF can bind this holder at all (lock or quota).
inline Date UnprofReachLastDay(const JudgeContext& ctx) {
  const Company& co = ctx.ledger.company();
  const int years = UnprofLockYears(ctx.pack, co.board);
  const bool quota = ctx.lock_controller && co.board != Board::kBse;
  return quota ? UnprofQuotaLastDay(co, years) : UnprofLockLastDay(co, years);
}

// "2025" names fiscal year 2025 (contract: annual report periods).
inline bool PeriodIsYear(std::string_view period, int year) {
  if (period.size() != 4) return false;
  int v = 0;
  for (char c : period) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return v == year;
}

// Whether the company's profitability has ended the LOCK-UNPROF restrictions by `d`: a fiscal
// year from the listing year on with net profit > 0 (company.net_profits) whose annual report
// (company.reports, kind annual, period "<year>") was disclosed before d; free from the day
// after the disclosure (spec, unverified). A profitable year whose report date is missing,
// when its report could already be out (d after that year's end), makes the state unknown
// unless another year already released the shares. A year absent from net_profits is not
// shown profitable: the restrictions stay.
struct UnprofRelease {
  enum class State { kNotReleased, kReleased, kUnknown };
  State state = State::kNotReleased;
  int year = 0;    // kReleased: the profitable year; kUnknown: the year without a report date
  Date free_from;  // kReleased
};

inline UnprofRelease UnprofReleaseOn(const Company& co, Date d) {
  UnprofRelease r;
  const int listing_year = co.listing_date.year();
  for (const YearAmount& p : co.net_profits) {
    if (p.year < listing_year || p.amount.units() <= 0) continue;
    const PeriodicReport* report = nullptr;
    for (const PeriodicReport& rep : co.reports) {
      if (rep.kind == ReportKind::kAnnual && PeriodIsYear(rep.period, p.year)) {
        report = &rep;
        break;
      }
    }
    if (report != nullptr) {
      const Date free_from = DaysAfter(report->date, 1);
      if (d >= free_from &&
          (r.state != UnprofRelease::State::kReleased || free_from < r.free_from)) {
        r.state = UnprofRelease::State::kReleased;
        r.year = p.year;
        r.free_from = free_from;
      }
    } else if (r.state == UnprofRelease::State::kNotReleased &&
               d > Date(static_cast<unsigned short>(p.year), 12, 31)) {
      r.state = UnprofRelease::State::kUnknown;
      r.year = p.year;
    }
  }
  return r;
}

// ---- LOCK-CTP-STAR -------------------------------------------------------------------------

inline bool CtpBinds(const JudgeContext& ctx) {
  return ctx.ledger.company().board == Board::kStar &&
         HasRole(ctx.holder->roles, Role::kCoreTechnicalStaff);
}

// Last day of the 12-month lock from listing (unlock practice, A18).
inline Date CtpLockLastDay(const JudgeContext& ctx) {
  return LockLastDay(ctx.ledger.company().listing_date, ctx.pack.ctp_lock_months);
}

// The 6 months after departure (Civil Code counting, A18), when d falls in them: the
// departure day itself is locked too (the person has left on that day).
// The end of the core technical staff member's own lock of its pre-IPO shares, from which the
// 4 quota years count (conservative reading of STAR Listing Rules 2.4.5): the 12-month lock,
// or for a controller (LOCK-CTRL-36M) the 36-month one.
inline Date CtpOwnLockLastDay(const JudgeContext& ctx) {
  Date last = CtpLockLastDay(ctx);
  if (ctx.lock_controller && ctx.ledger.company().board != Board::kBse) {
    last =
        std::max(last, LockLastDay(ctx.ledger.company().listing_date, ctx.pack.lock_ctrl_months));
  }
  return last;
}

inline std::optional<Date> CtpLeaveLastDay(const JudgeContext& ctx) {
  const Holder& h = *ctx.holder;
  if (!h.departed || *h.departed > ctx.date) return std::nullopt;
  const Date last = AfterEventLastDay(*h.departed, ctx.pack.ctp_leave_months);
  if (ctx.date > last) return std::nullopt;
  return last;
}

inline Shares IpoOriginalShares(const Holder& h) {
  Shares s = 0;
  for (const Lot& l : h.lots) {
    if (l.source == Source::kIpoOriginal) s += l.shares;
  }
  return s;
}

}  // namespace reducheck::rules_internal

#endif  // REDUCHECK_RULES_BOARD_RULES_H_
