// TradingCalendar: the exchange's trading days over a closed range of whole years.
//
// Trading days are Monday-Friday minus the listed weekday closures (weekend make-up working
// days are never trading days). A query outside the covered years returns nullopt: the
// calendar never guesses. Every query is O(1) (precomputed day index). Immutable and
// thread-safe once created.
//
// Years first_year..last_official_year are official (from published notices); the years after
// it are provisional (derived, docs/calendar-format.md). TracedCalendar answers the same queries
// and records which provisional years each answer depended on.
#ifndef REDUCHECK_ENGINE_CALENDAR_H_
#define REDUCHECK_ENGINE_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/provisional_years.h"
#include "reducheck/engine/status.h"
#include "reducheck/engine/types.h"

namespace reducheck {

class TradingCalendar {
 public:
  // `closures` are weekday closures within [first_year, last_year]; a weekend or out-of-range
  // date in it is an error (it signals a typo in the calendar file).
  // Every year official.
  static Result<TradingCalendar> Create(std::string id, int first_year, int last_year,
                                        std::vector<Date> closures);
  // Years after `last_official_year` (first_year - 1 <= last_official_year <= last_year) are
  // provisional; at most ProvisionalYears::kMaxYears of them.
  static Result<TradingCalendar> Create(std::string id, int first_year, int last_year,
                                        std::vector<Date> closures, int last_official_year);

  const std::string& id() const { return id_; }
  Date first_day() const { return first_; }
  Date last_day() const { return last_; }
  bool Covers(Date d) const { return !d.is_special() && d >= first_ && d <= last_; }

  int last_official_year() const { return last_official_year_; }
  // Dec 31 of the last official year (the day before first_day() when no year is official).
  Date last_official_day() const { return first_provisional_ - boost::gregorian::days(1); }
  bool has_provisional() const { return first_provisional_ <= last_; }
  bool IsProvisional(Date d) const { return Covers(d) && d >= first_provisional_; }
  // Records in `out` the provisional years in [a, b] (clipped to the calendar); O(1) and a
  // single comparison when b is official.
  void NoteSpan(Date a, Date b, ProvisionalYears& out) const {
    if (b < first_provisional_ || b.is_special() || a.is_special()) return;
    NoteProvisional(a, b, out);
  }

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
  void NoteProvisional(Date a, Date b, ProvisionalYears& out) const;

  std::string id_;
  Date first_;
  Date last_;
  int last_official_year_ = 0;
  Date first_provisional_;  // Jan 1 after the last official year (> last_ when none)
  std::vector<Date> closures_;
  std::vector<std::int32_t> cum_;         // cum_[i] = trading days in [first_, first_ + i]
  std::vector<std::int32_t> by_ordinal_;  // offset of the k-th trading day (1-based at k-1)
};

// The calendar's queries, each recording in `trace` (when not null) the provisional years the
// answer depended on: the days it counted or skipped over. A query that runs past the calendar's
// end (nullopt) records the years it did count. Cheap to copy; the pass path pays one comparison
// per query when no provisional year is involved.
class TracedCalendar {
 public:
  TracedCalendar(const TradingCalendar& calendar, ProvisionalYears* trace)
      : cal_(&calendar), trace_(trace) {}

  const TradingCalendar& calendar() const { return *cal_; }
  ProvisionalYears* trace() const { return trace_; }
  const std::string& id() const { return cal_->id(); }
  Date first_day() const { return cal_->first_day(); }
  Date last_day() const { return cal_->last_day(); }
  bool Covers(Date d) const { return cal_->Covers(d); }

  bool IsTradingDay(Date d) const {
    Note(d, d);
    return cal_->IsTradingDay(d);
  }
  std::optional<int> TradingDaysBetween(Date a, Date b) const {
    std::optional<int> n = cal_->TradingDaysBetween(a, b);
    if (n) Note(a < b ? a : b, a < b ? b : a);
    return n;
  }
  std::optional<Date> AddTradingDays(Date d, int n) const {
    std::optional<Date> r = cal_->AddTradingDays(d, n);
    if (cal_->Covers(d)) Note(d, r ? *r : cal_->last_day());
    return r;
  }
  std::optional<Date> TradingDayOnOrAfter(Date d) const {
    std::optional<Date> r = cal_->TradingDayOnOrAfter(d);
    if (cal_->Covers(d)) Note(d, r ? *r : cal_->last_day());
    return r;
  }
  std::optional<Date> TradingDayOnOrBefore(Date d) const {
    std::optional<Date> r = cal_->TradingDayOnOrBefore(d);
    if (r) Note(*r, d);
    return r;
  }
  int TradingDayOrdinal(Date d) const {
    if (cal_->Covers(d)) Note(cal_->first_day(), d);
    return cal_->TradingDayOrdinal(d);
  }
  const std::vector<Date>& closures() const { return cal_->closures(); }

 private:
  void Note(Date a, Date b) const {
    if (trace_ != nullptr) cal_->NoteSpan(a, b, *trace_);
  }
  const TradingCalendar* cal_;
  ProvisionalYears* trace_;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_CALENDAR_H_
