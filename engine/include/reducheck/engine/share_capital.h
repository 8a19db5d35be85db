// ShareCapital: the company's total share capital over time and the restatement of share counts
// across bonus issues, capitalisations and splits (company.corporate_actions; protocol decision
// 2: modelled once, here). Built from the current total (company.total_shares, after every
// action) and the actions; answers the total on a date, and the factor by which a share count
// of one date becomes a share count of a later date.
//
// "Current units": share counts after every listed action. Lots and total_shares are in current
// units; history's trades are in the units of their own dates (what actually traded). The
// Ledger restates trades into current units with this class.
//
// Immutable once built; every query is allocation-free (a few dozen actions at most).
#ifndef REDUCHECK_ENGINE_SHARE_CAPITAL_H_
#define REDUCHECK_ENGINE_SHARE_CAPITAL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "reducheck/engine/company.h"
#include "reducheck/engine/status.h"
#include "reducheck/engine/types.h"

namespace reducheck {

// A restatement factor num/den (> 0), reduced. Shares of one date times the factor are the same
// holding in the shares of a later date.
struct Factor {
  std::int64_t num = 1;
  std::int64_t den = 1;
  bool is_one() const { return num == den; }
};

enum class Round : std::uint8_t { kDown, kUp, kNearest };

// A problem with the corporate actions, naming the action (index into the input list).
struct CapitalProblem {
  std::int32_t action = -1;  // -1: not one action's (e.g. the current total itself)
  std::string message;
};

class ShareCapital {
 public:
  // Checks and indexes the actions: positive numbers; a split shares its date with no other
  // bonus, conversion or split; the total stays positive before every action and a cancellation
  // never exceeds it; the product of the factors stays exact in 64 bits.
  static std::optional<CapitalProblem> Check(Shares current_total,
                                             std::span<const CorporateAction> actions);
  static Result<ShareCapital> Build(Shares current_total, std::span<const CorporateAction> actions);
  ShareCapital() = default;  // no actions, total 0 (an empty scenario)

  Shares current_total() const { return current_total_; }
  bool has_actions() const { return !steps_.empty(); }
  // The latest date of a bonus, conversion or split (holdings change), if any.
  std::optional<Date> LastProRata() const { return last_pro_rata_; }

  // The total share capital at the close of d, in d's own units (as issued on that day).
  Shares TotalOn(Date d) const;
  // The same total in current units (after every listed action; equal to TotalOn(d) when no
  // bonus, conversion or split is dated after d).
  Shares TotalInCurrentUnits(Date d) const;
  // The smallest TotalInCurrentUnits over the days [from, to].
  Shares MinTotalInCurrentUnits(Date from, Date to) const;

  // The first date after d on which an action changes the capital, if any (the earliest-date
  // search: totals are the same on every day before it).
  std::optional<Date> NextActionAfter(Date d) const;

  // The product of the pro-rata factors of actions dated in (from, to]; 1 when none. from <= to.
  Factor FactorBetween(Date from, Date to) const;
  // n shares as of `from` restated as of `to` (either order), rounded as asked.
  Shares Restate(Shares n, Date from, Date to, Round r) const;
  // n shares as of `from` in current units.
  Shares ToCurrentUnits(Shares n, Date from, Round r) const;

 private:
  // Fills *this from the inputs; the first problem found, if any.
  std::optional<CapitalProblem> Index(Shares current_total,
                                      std::span<const CorporateAction> actions);

  struct Step {  // all actions of one date
    Date date;
    Factor factor;            // pro-rata factor of the date (1 if none)
    Shares delta = 0;         // issued - cancelled, in post-factor shares
    Shares total_before = 0;  // at the close of the day before (own units)
    Shares total_after = 0;   // at the close of `date` (own units)
    Shares cu_before = 0;     // total_before in current units
  };
  std::vector<Step> steps_;  // by date
  Shares current_total_ = 0;
  std::optional<Date> last_pro_rata_;
};

// Factor arithmetic (exact; the caller keeps results within 64 bits).
Factor Multiply(Factor a, Factor b);
// n * f, rounded.
Shares Apply(Shares n, Factor f, Round r);
// "2", "1.3", "37/25": the factor as text for explanations.
std::string FactorText(Factor f);

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_SHARE_CAPITAL_H_
