// TradingCalendar: the exchange's trading days over a closed range of whole years.
//
// Trading days are Monday-Friday minus the listed weekday closures (weekend make-up working
// days are never trading days). A query outside the covered years returns nullopt: the
// calendar never guesses. Every query is O(1) (precomputed day index). Immutable and
// thread-safe once created.
#ifndef REDUCHECK_ENGINE_CALENDAR_H_
#define REDUCHECK_ENGINE_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/status.h"
#include "reducheck/engine/types.h"

namespace reducheck {

class TradingCalendar {
 public:
  // `closures` are weekday closures within [first_year, last_year]; a weekend or out-of-range
  // date in it is an error (it signals a typo in the calendar file).
  static Result<TradingCalendar> Create(std::string id, int first_year, int last_year,
                                        std::vector<Date> closures);

  const std::string& id() const { return id_; }
  Date first_day() const { return first_; }
  Date last_day() const { return last_; }
  bool Covers(Date d) const { return !d.is_special() && d >= first_ && d <= last_; }

  // REQUIRES: Covers(d).
  bool IsTradingDay(Date d) const;
  // Trading days strictly between a and b (0 when b <= a + 1). nullopt unless both covered.
  std::optional<int> TradingDaysBetween(Date a, Date b) const;
  // The n-th trading day after d (n >= 1), or d itself for n == 0 when d trades.
  std::optional<Date> AddTradingDays(Date d, int n) const;
  // First trading day >= d / <= d.
  std::optional<Date> TradingDayOnOrAfter(Date d) const;
  std::optional<Date> TradingDayOnOrBefore(Date d) const;
  // Number of trading days in [first_day, d] (d covered).
  int TradingDayOrdinal(Date d) const;

  const std::vector<Date>& closures() const { return closures_; }

 private:
  TradingCalendar() = default;
  int Offset(Date d) const { return static_cast<int>((d - first_).days()); }

  std::string id_;
  Date first_;
  Date last_;
  std::vector<Date> closures_;
  std::vector<std::int32_t> cum_;         // cum_[i] = trading days in [first_, first_ + i]
  std::vector<std::int32_t> by_ordinal_;  // offset of the k-th trading day (1-based at k-1)
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_CALENDAR_H_
