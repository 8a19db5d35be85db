// Month arithmetic: Civil Code Arts 201-202 and the unlock practice of rules-cn.md §10 / A18.
#include "reducheck/engine/date_math.h"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

namespace reducheck {
namespace {

Date D(const char* iso) { return boost::gregorian::from_simple_string(iso); }

TEST(DateMathTest, AddMonthsClipped) {
  struct Case {
    const char* from;
    int months;
    const char* expected;
  } const cases[] = {
      {"2024-01-31", 1, "2024-02-29"},  // leap February
      {"2025-01-31", 1, "2025-02-28"},
      {"2025-04-30", 1, "2025-05-30"},  // no month-end snapping (boost add_months gives 05-31)
      {"2025-03-31", 1, "2025-04-30"},
      {"2025-10-10", 3, "2026-01-10"},  // across a year end
      {"2025-11-20", 6, "2026-05-20"},
      {"2024-02-29", 12, "2025-02-28"},
      {"2024-02-29", 48, "2028-02-29"},
      {"2025-03-10", 0, "2025-03-10"},
      {"2025-03-31", -1, "2025-02-28"},  // negative months
      {"2025-01-15", -1, "2024-12-15"},
      {"2025-01-15", -13, "2023-12-15"},
      {"2025-01-15", -12, "2024-01-15"},
      {"2025-12-31", 2, "2026-02-28"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(AddMonthsClipped(D(c.from), c.months), D(c.expected)) << c.from << " + " << c.months;
  }
}

TEST(DateMathTest, LockLastDay) {
  struct Case {
    const char* start;
    int months;
    const char* last_locked;
  } const cases[] = {
      {"2025-03-10", 12, "2026-03-09"},  // EX-01: tradable on the anniversary 2026-03-10
      {"2024-02-29", 12, "2025-02-28"},  // no 2025-02-29: locked through month end, free 03-01
      {"2025-03-10", 36, "2028-03-09"},
      {"2025-01-31", 1, "2025-02-28"},   // no Feb 31: locked through Feb 28
      {"2025-03-31", 1, "2025-04-30"},   // no Apr 31: locked through Apr 30
      {"2025-04-30", 1, "2025-05-29"},   // May 30 exists: tradable May 30
      {"2025-03-01", 12, "2026-02-28"},  // tradable 2026-03-01
      {"2026-01-01", 6, "2026-06-30"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(LockLastDay(D(c.start), c.months), D(c.last_locked)) << c.start << " + " << c.months;
  }
}

TEST(DateMathTest, AfterEventLastDay) {
  struct Case {
    const char* event;
    int months;
    const char* last_day;
  } const cases[] = {
      {"2025-11-03", 6, "2026-05-03"},  // A29: free from 2026-05-04
      {"2025-11-20", 6, "2026-05-20"},  // EX-10: period 2025-11-21..2026-05-20
      {"2025-08-31", 6, "2026-02-28"},  // no Feb 31: month end
      {"2023-08-31", 6, "2024-02-29"},  // leap year month end
      {"2025-04-30", 1, "2025-05-30"},  // corresponding day, not month end
  };
  for (const auto& c : cases) {
    EXPECT_EQ(AfterEventLastDay(D(c.event), c.months), D(c.last_day))
        << c.event << " + " << c.months;
  }
}

TEST(DateMathTest, DaysBeforeAndAfter) {
  EXPECT_EQ(DaysBefore(D("2026-01-15"), 89), D("2025-10-18"));  // EX-04 window start
  EXPECT_EQ(DaysAfter(D("2025-12-01"), 90), D("2026-03-01"));   // EX-12 tail end
}

}  // namespace
}  // namespace reducheck
