// Month arithmetic with the legal counting conventions (spec §10, A18, A29).
//
// boost's add_months / month_iterator snap month-end dates to month end (2025-04-30 + 1 month =
// 2025-05-31); the Civil Code's "corresponding day" does not, so the arithmetic is done by hand.
#include "reducheck/engine/date_math.h"

#include <algorithm>

namespace reducheck {
namespace {

struct YearMonth {
  int year;
  int month;  // 1..12
};

// The month `months` after (year, month); months may be negative.
YearMonth ShiftMonth(int year, int month, int months) {
  const long long index = static_cast<long long>(year) * 12 + (month - 1) + months;
  long long y = index / 12;
  long long m = index % 12;
  if (m < 0) {  // floor division for negative indices
    m += 12;
    y -= 1;
  }
  return {static_cast<int>(y), static_cast<int>(m) + 1};
}

int EndOfMonthDay(YearMonth ym) {
  return boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(ym.year), static_cast<unsigned short>(ym.month));
}

Date MakeDate(YearMonth ym, int day) {
  return Date(static_cast<unsigned short>(ym.year), static_cast<unsigned short>(ym.month),
              static_cast<unsigned short>(day));
}

}  // namespace

Date AddMonthsClipped(Date d, int months) {
  const auto ymd = d.year_month_day();
  const YearMonth target = ShiftMonth(ymd.year, ymd.month, months);
  const int day = std::min(static_cast<int>(ymd.day), EndOfMonthDay(target));
  return MakeDate(target, day);
}

Date LockLastDay(Date start, int months) {
  const auto ymd = start.year_month_day();
  const YearMonth target = ShiftMonth(ymd.year, ymd.month, months);
  const int eom = EndOfMonthDay(target);
  if (static_cast<int>(ymd.day) > eom) {
    // No corresponding day (2024-02-29 + 12 months): locked through month end, tradable on the
    // first day of the next month.
    return MakeDate(target, eom);
  }
  // Tradable on the corresponding day, so the last locked day is the day before it.
  return MakeDate(target, ymd.day) - boost::gregorian::days(1);
}

Date AfterEventLastDay(Date start, int months) {
  // Civil Code Art.201: the event day is not counted; Art.202: the period ends on the
  // corresponding day of the final month, or that month's last day when there is none.
  return AddMonthsClipped(start, months);
}

}  // namespace reducheck
