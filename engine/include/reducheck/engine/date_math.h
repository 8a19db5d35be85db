// Calendar arithmetic used by the rules, with the legal counting conventions (spec §10).
#ifndef REDUCHECK_ENGINE_DATE_MATH_H_
#define REDUCHECK_ENGINE_DATE_MATH_H_

#include <string>

#include "reducheck/engine/types.h"

namespace reducheck {

// The corresponding day `months` later, clipped to month end when the day does not exist
// (2024-01-31 + 1 = 2024-02-29). Civil Code Art.202. months may be negative.
Date AddMonthsClipped(Date d, int months);

// Last locked day of a lock "N months from `start`" counted in unlock practice (spec §10, A18):
// tradable on the corresponding day, so the last locked day is the day before it. When the
// corresponding day does not exist (listing 2024-02-29 + 12), the lock runs through month end.
Date LockLastDay(Date start, int months);

// Last day of a period "N months after event `start`" (Civil Code Arts 201-202: the event day
// is not counted; the period ends on the corresponding day, month end if none). No holiday
// roll-over: the spec's examples (A29, EX-10, EX-12) end prohibitions on the plain date.
Date AfterEventLastDay(Date start, int months);

// "YYYY-MM-DD".
std::string ToIso(Date d);

// First day of the calendar year of d, and the day `days` calendar days before d.
inline Date DaysBefore(Date d, int days) { return d - boost::gregorian::days(days); }
inline Date DaysAfter(Date d, int days) { return d + boost::gregorian::days(days); }

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_DATE_MATH_H_
