// TradingCalendar over the 2024-2026 closures of rules-cn.md §10 (typed in here so the engine
// test needs no file reader; test/adapters/calendar_reader_test.cpp checks the shipped file).
#include "reducheck/engine/calendar.h"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>
#include <vector>

namespace reducheck {
namespace {

Date D(const char* iso) { return boost::gregorian::from_simple_string(iso); }

// Weekday closures of rules-cn.md §10 (S17), one entry per closed weekday.
std::vector<Date> SpecClosures2024To2026() {
  const char* const kDays[] = {
      // 2024: Jan 1; Feb 9, 12-16; Apr 4-5; May 1-3; Jun 10; Sep 16-17; Oct 1-4, 7
      "2024-01-01", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15",
      "2024-02-16", "2024-04-04", "2024-04-05", "2024-05-01", "2024-05-02", "2024-05-03",
      "2024-06-10", "2024-09-16", "2024-09-17", "2024-10-01", "2024-10-02", "2024-10-03",
      "2024-10-04", "2024-10-07",
      // 2025: Jan 1; Jan 28-31, Feb 3-4; Apr 4; May 1-2, 5; Jun 2; Oct 1-3, 6-8
      "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03",
      "2025-02-04", "2025-04-04", "2025-05-01", "2025-05-02", "2025-05-05", "2025-06-02",
      "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08",
      // 2026: Jan 1-2; Feb 16-20, 23; Apr 6; May 1, 4-5; Jun 19; Sep 25; Oct 1-2, 5-7
      "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
      "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05",
      "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06",
      "2026-10-07"};
  std::vector<Date> out;
  for (const char* d : kDays) out.push_back(D(d));
  return out;
}

TradingCalendar SpecCalendar() {
  auto cal = TradingCalendar::Create("spec-2024-2026", 2024, 2026, SpecClosures2024To2026());
  EXPECT_TRUE(cal.ok()) << cal.status().message();
  return std::move(cal).value();
}

class TradingCalendarTest : public ::testing::Test {
 protected:
  TradingCalendar cal_ = SpecCalendar();
};

int TradingDaysInYear(const TradingCalendar& cal, int year) {
  const Date before(static_cast<unsigned short>(year - 1), 12, 31);
  const Date last(static_cast<unsigned short>(year), 12, 31);
  return cal.TradingDayOrdinal(last) - cal.TradingDayOrdinal(before);
}

TEST_F(TradingCalendarTest, CoversWholeYears) {
  EXPECT_EQ(cal_.id(), "spec-2024-2026");
  EXPECT_EQ(cal_.first_day(), D("2024-01-01"));
  EXPECT_EQ(cal_.last_day(), D("2026-12-31"));
  EXPECT_TRUE(cal_.Covers(D("2024-01-01")));
  EXPECT_TRUE(cal_.Covers(D("2026-12-31")));
  EXPECT_FALSE(cal_.Covers(D("2023-12-31")));
  EXPECT_FALSE(cal_.Covers(D("2027-01-01")));
  EXPECT_FALSE(cal_.Covers(Date(boost::gregorian::not_a_date_time)));
  EXPECT_EQ(cal_.closures().size(), 57u);
}

TEST_F(TradingCalendarTest, YearCountsMatchSpec) {
  // rules-cn.md §10: 242, 243, 242 trading days.
  EXPECT_EQ(cal_.TradingDayOrdinal(D("2024-12-31")), 242);
  EXPECT_EQ(cal_.TradingDayOrdinal(D("2025-12-31")) - cal_.TradingDayOrdinal(D("2024-12-31")), 243);
  EXPECT_EQ(TradingDaysInYear(cal_, 2026), 242);
}

TEST_F(TradingCalendarTest, IsTradingDayAroundSpringFestival2026) {
  struct Case {
    const char* day;
    bool trades;
  } const cases[] = {
      {"2026-02-13", true},   // Friday before the holiday
      {"2026-02-14", false},  // make-up working Saturday: not a trading day
      {"2026-02-15", false},  // Sunday
      {"2026-02-16", false}, {"2026-02-17", false}, {"2026-02-18", false}, {"2026-02-19", false},
      {"2026-02-20", false}, {"2026-02-21", false}, {"2026-02-22", false},  // weekend
      {"2026-02-23", false},                                                // Monday, still closed
      {"2026-02-24", true},                                                 // reopens
      {"2026-02-28", false},                                                // make-up Saturday
  };
  for (const auto& c : cases) {
    EXPECT_EQ(cal_.IsTradingDay(D(c.day)), c.trades) << c.day;
  }
}

TEST_F(TradingCalendarTest, IsTradingDayAroundNationalDay2025) {
  EXPECT_TRUE(cal_.IsTradingDay(D("2025-09-30")));
  EXPECT_FALSE(cal_.IsTradingDay(D("2025-09-28")));  // make-up Sunday
  EXPECT_FALSE(cal_.IsTradingDay(D("2025-10-11")));  // make-up Saturday
  for (const char* d : {"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05",
                        "2025-10-06", "2025-10-07", "2025-10-08"}) {
    EXPECT_FALSE(cal_.IsTradingDay(D(d))) << d;
  }
  EXPECT_TRUE(cal_.IsTradingDay(D("2025-10-09")));
  EXPECT_TRUE(cal_.IsTradingDay(D("2025-10-10")));
}

TEST_F(TradingCalendarTest, OutOfRangeIsNotTradingDay) {
  EXPECT_FALSE(cal_.IsTradingDay(D("2027-01-04")));
}

TEST_F(TradingCalendarTest, TradingDaysBetweenIsExclusive) {
  struct Case {
    const char* a;
    const char* b;
    int between;
  } const cases[] = {
      // EX-02 / S19: announced 2025-09-10; Sep 11-12, 15-19, 22-26, 29-30 = 14 (Oct 1-8 closed).
      {"2025-09-10", "2025-10-09", 14},
      {"2025-09-10", "2025-10-10", 15},
      // EX-03: announced 2026-02-06; Feb 9-13 and 24-27 = 9; + Mar 2-6, 9 = 15.
      {"2026-02-06", "2026-03-02", 9},
      {"2026-02-06", "2026-03-10", 15},
      {"2025-09-30", "2025-10-09", 0},                    // only holidays between
      {"2025-10-09", "2025-10-10", 0},                    // adjacent
      {"2025-10-10", "2025-10-10", 0},                    // same day
      {"2025-10-10", "2025-10-09", 0},                    // reversed
      {"2025-10-08", "2025-10-10", 1},                    // Oct 9 only
      {"2024-01-01", "2026-12-31", 242 + 243 + 242 - 1},  // everything but Dec 31 2026
  };
  for (const auto& c : cases) {
    EXPECT_EQ(cal_.TradingDaysBetween(D(c.a), D(c.b)), c.between) << c.a << " .. " << c.b;
  }
}

TEST_F(TradingCalendarTest, TradingDaysBetweenOutOfRangeIsNullopt) {
  EXPECT_EQ(cal_.TradingDaysBetween(D("2023-12-29"), D("2024-01-10")), std::nullopt);
  EXPECT_EQ(cal_.TradingDaysBetween(D("2026-12-01"), D("2027-01-10")), std::nullopt);
}

TEST_F(TradingCalendarTest, AddTradingDaysSkipsHolidays) {
  struct Case {
    const char* from;
    int n;
    const char* expected;
  } const cases[] = {
      {"2025-09-30", 1, "2025-10-09"},   // across National Day
      {"2025-10-01", 1, "2025-10-09"},   // from a closed day
      {"2025-10-04", 2, "2025-10-10"},   // from a weekend inside the holiday
      {"2025-09-10", 15, "2025-10-09"},  // 15th trading day after, itself not a permitted day
      {"2025-09-10", 16, "2025-10-10"},  // first day with 15 full days between (A3)
      {"2026-02-13", 1, "2026-02-24"},   // across Spring Festival 2026
      {"2026-02-14", 1, "2026-02-24"},   // from a make-up Saturday
      {"2026-02-06", 16, "2026-03-10"},  // EX-03 earliest first sale
      {"2025-12-31", 1, "2026-01-05"},   // across a year end and New Year
      {"2026-12-30", 1, "2026-12-31"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(cal_.AddTradingDays(D(c.from), c.n), D(c.expected)) << c.from << " + " << c.n;
  }
}

TEST_F(TradingCalendarTest, AddTradingDaysZeroIsTheDayItselfWhenItTrades) {
  EXPECT_EQ(cal_.AddTradingDays(D("2025-10-09"), 0), D("2025-10-09"));
  EXPECT_EQ(cal_.AddTradingDays(D("2025-10-08"), 0), std::nullopt);
  EXPECT_EQ(cal_.AddTradingDays(D("2025-10-09"), -1), std::nullopt);
}

TEST_F(TradingCalendarTest, AddTradingDaysBeyondCalendarIsNullopt) {
  EXPECT_EQ(cal_.AddTradingDays(D("2026-12-31"), 1), std::nullopt);
  EXPECT_EQ(cal_.AddTradingDays(D("2026-12-30"), 2), std::nullopt);
  EXPECT_EQ(cal_.AddTradingDays(D("2023-12-29"), 1), std::nullopt);  // start not covered
  EXPECT_EQ(cal_.AddTradingDays(D("2024-01-01"), 1000), std::nullopt);
}

TEST_F(TradingCalendarTest, TradingDayOnOrAfterAndBefore) {
  EXPECT_EQ(cal_.TradingDayOnOrAfter(D("2026-02-14")), D("2026-02-24"));
  EXPECT_EQ(cal_.TradingDayOnOrAfter(D("2026-02-24")), D("2026-02-24"));
  EXPECT_EQ(cal_.TradingDayOnOrBefore(D("2026-02-23")), D("2026-02-13"));
  EXPECT_EQ(cal_.TradingDayOnOrBefore(D("2026-02-13")), D("2026-02-13"));
  EXPECT_EQ(cal_.TradingDayOnOrAfter(D("2025-10-01")), D("2025-10-09"));
  EXPECT_EQ(cal_.TradingDayOnOrBefore(D("2025-10-08")), D("2025-09-30"));
  // Edges: 2024-01-01 is closed, 2024-01-02 is the first trading day; 2026-12-31 trades.
  EXPECT_EQ(cal_.TradingDayOnOrBefore(D("2024-01-01")), std::nullopt);
  EXPECT_EQ(cal_.TradingDayOnOrAfter(D("2024-01-01")), D("2024-01-02"));
  EXPECT_EQ(cal_.TradingDayOnOrAfter(D("2027-01-01")), std::nullopt);
  EXPECT_EQ(cal_.TradingDayOnOrBefore(D("2023-12-31")), std::nullopt);
}

TEST_F(TradingCalendarTest, TradingDayOrdinal) {
  EXPECT_EQ(cal_.TradingDayOrdinal(D("2024-01-01")), 0);
  EXPECT_EQ(cal_.TradingDayOrdinal(D("2024-01-02")), 1);
  EXPECT_EQ(cal_.TradingDayOrdinal(D("2024-01-03")), 2);
  EXPECT_EQ(cal_.TradingDayOrdinal(D("2026-12-31")), 242 + 243 + 242);
  // Ordinals and AddTradingDays agree.
  const Date d = D("2025-09-10");
  EXPECT_EQ(cal_.TradingDayOrdinal(*cal_.AddTradingDays(d, 16)), cal_.TradingDayOrdinal(d) + 16);
}

TEST(TradingCalendarCreateTest, RejectsWeekendClosure) {
  auto cal = TradingCalendar::Create("x", 2025, 2025, {D("2025-10-04")});
  ASSERT_FALSE(cal.ok());
  EXPECT_EQ(cal.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(cal.status().message().find("2025-10-04"), std::string::npos);
}

TEST(TradingCalendarCreateTest, RejectsOutOfRangeClosure) {
  auto cal = TradingCalendar::Create("x", 2025, 2025, {D("2026-01-01")});
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.status().message().find("2026-01-01"), std::string::npos);
}

TEST(TradingCalendarCreateTest, RejectsDuplicateClosure) {
  auto cal =
      TradingCalendar::Create("x", 2025, 2025, {D("2025-10-08"), D("2025-10-01"), D("2025-10-08")});
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.status().message().find("2025-10-08"), std::string::npos);
}

TEST(TradingCalendarCreateTest, RejectsBadYearRange) {
  EXPECT_FALSE(TradingCalendar::Create("x", 2026, 2025, {}).ok());
}

TEST(TradingCalendarCreateTest, SortsClosures) {
  auto cal = TradingCalendar::Create("x", 2025, 2025, {D("2025-10-08"), D("2025-01-01")});
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(cal.value().closures().front(), D("2025-01-01"));
  EXPECT_EQ(cal.value().TradingDayOrdinal(D("2025-12-31")), 261 - 2);
}

// 2024-2025 official, 2026 provisional (the same closures; only the status differs).
TradingCalendar MixedCalendar() {
  auto cal = TradingCalendar::Create("mixed", 2024, 2026, SpecClosures2024To2026(), 2025);
  EXPECT_TRUE(cal.ok()) << cal.status().message();
  return std::move(cal).value();
}

std::vector<int> Years(const ProvisionalYears& p) {
  std::vector<int> out;
  p.ForEach([&](int y) { out.push_back(y); });
  return out;
}

TEST(ProvisionalCalendarTest, StatusBoundary) {
  const TradingCalendar cal = MixedCalendar();
  EXPECT_EQ(cal.last_official_year(), 2025);
  EXPECT_EQ(cal.last_official_day(), D("2025-12-31"));
  EXPECT_TRUE(cal.has_provisional());
  EXPECT_FALSE(cal.IsProvisional(D("2025-12-31")));  // the last official day
  EXPECT_TRUE(cal.IsProvisional(D("2026-01-01")));   // the first provisional day
  const TradingCalendar official = SpecCalendar();
  EXPECT_FALSE(official.has_provisional());
  EXPECT_FALSE(official.IsProvisional(D("2026-12-31")));
}

TEST(ProvisionalCalendarTest, BadLastOfficialYear) {
  EXPECT_FALSE(TradingCalendar::Create("x", 2024, 2026, {}, 2027).ok());
  EXPECT_FALSE(TradingCalendar::Create("x", 2024, 2026, {}, 2022).ok());
  EXPECT_TRUE(TradingCalendar::Create("x", 2024, 2026, {}, 2023).ok());   // all provisional
  EXPECT_FALSE(TradingCalendar::Create("x", 2024, 2100, {}, 2023).ok());  // > 64 provisional
}

TEST(ProvisionalCalendarTest, TraceRecordsExactlyTheProvisionalDaysCounted) {
  const TradingCalendar cal = MixedCalendar();
  ProvisionalYears trace;
  const TracedCalendar t(cal, &trace);
  // Counting inside official years records nothing.
  EXPECT_EQ(t.AddTradingDays(D("2025-12-01"), 15), D("2025-12-22"));
  EXPECT_EQ(t.TradingDaysBetween(D("2025-01-02"), D("2025-12-31")),
            cal.TradingDaysBetween(D("2025-01-02"), D("2025-12-31")));
  EXPECT_TRUE(t.IsTradingDay(D("2025-12-31")));
  EXPECT_TRUE(trace.empty());
  // The last official day is 2025-12-31: 15 trading days from 2025-12-15 cross into 2026.
  EXPECT_EQ(t.AddTradingDays(D("2025-12-15"), 15), D("2026-01-07"));
  EXPECT_EQ(Years(trace), std::vector<int>{2026});
  trace.Clear();
  // A query on the first provisional day.
  EXPECT_FALSE(t.IsTradingDay(D("2026-01-01")));
  EXPECT_EQ(Years(trace), std::vector<int>{2026});
  trace.Clear();
  EXPECT_EQ(t.TradingDayOnOrBefore(D("2026-01-04")), D("2025-12-31"));  // skipped 2026 days
  EXPECT_EQ(Years(trace), std::vector<int>{2026});
  // No trace pointer: nothing recorded, same answers.
  const TracedCalendar silent(cal, nullptr);
  EXPECT_EQ(silent.AddTradingDays(D("2025-12-15"), 15), D("2026-01-07"));
}

TEST(ProvisionalCalendarTest, RunningPastTheEndStillRecords) {
  const TradingCalendar cal = MixedCalendar();
  ProvisionalYears trace;
  const TracedCalendar t(cal, &trace);
  EXPECT_EQ(t.AddTradingDays(D("2025-12-30"), 400), std::nullopt);
  EXPECT_EQ(Years(trace), std::vector<int>{2026});
}

TEST(ProvisionalYearsTest, SeveralYears) {
  auto cal = TradingCalendar::Create("y", 2024, 2030, {}, 2026);
  ASSERT_TRUE(cal.ok());
  ProvisionalYears p;
  cal.value().NoteSpan(D("2025-06-01"), D("2028-02-01"), p);
  EXPECT_EQ(Years(p), (std::vector<int>{2027, 2028}));
  EXPECT_TRUE(p.Contains(2027));
  EXPECT_FALSE(p.Contains(2026));
  EXPECT_FALSE(p.Contains(2029));
}

}  // namespace
}  // namespace reducheck
