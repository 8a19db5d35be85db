// Calendar YAML reader, and the shipped rules/calendars/cn-a-share.yaml against rules-cn.md §10.
#include "reducheck/adapters/calendar_reader.h"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <set>
#include <string>
#include <vector>

namespace reducheck::adapters {
namespace {

Date D(const char* iso) { return boost::gregorian::from_simple_string(iso); }

const std::string kShipped = std::string(REDUCHECK_RULES_DIR) + "/calendars/cn-a-share.yaml";

std::string Describe(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) {
    out += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.field +
           ": " + d.message + "\n";
  }
  return out;
}

int TradingDaysInYear(const TradingCalendar& cal, int year) {
  const Date first(static_cast<unsigned short>(year), 1, 1);
  const Date last(static_cast<unsigned short>(year), 12, 31);
  return cal.TradingDayOrdinal(last) - cal.TradingDayOrdinal(first) +
         (cal.IsTradingDay(first) ? 1 : 0);
}

class ShippedCalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CalendarLoad load = ReadCalendarFile(kShipped);
    ASSERT_TRUE(load.problems.empty()) << Describe(load.problems);
    ASSERT_TRUE(load.calendar.has_value());
    cal_.emplace(std::move(*load.calendar));
  }
  std::optional<TradingCalendar> cal_;
};

TEST_F(ShippedCalendarTest, LoadsWithNoProblems) {
  EXPECT_EQ(cal_->id(), "cn-a-share-2017-2031");
  EXPECT_EQ(cal_->first_day(), D("2017-01-01"));
  EXPECT_EQ(cal_->last_day(), D("2031-12-31"));
  EXPECT_EQ(cal_->last_official_year(), 2026);
  EXPECT_EQ(cal_->last_official_day(), D("2026-12-31"));
  EXPECT_FALSE(cal_->IsProvisional(D("2026-12-31")));
  EXPECT_TRUE(cal_->IsProvisional(D("2027-01-01")));
  EXPECT_TRUE(cal_->IsProvisional(D("2031-12-31")));
  EXPECT_FALSE(cal_->IsProvisional(D("2032-01-01")));  // not covered at all
  EXPECT_FALSE(cal_->Covers(D("2032-01-01")));
}

TEST_F(ShippedCalendarTest, OfficialYears2017To2020FollowTheStateCouncilNotices) {
  // Weekdays minus weekday closures (docs/calendar-format.md cites each notice).
  EXPECT_EQ(TradingDaysInYear(*cal_, 2017), 260 - 16);  // 244
  EXPECT_EQ(TradingDaysInYear(*cal_, 2018), 261 - 18);  // 243 (Dec 31 closed for New Year 2019)
  EXPECT_EQ(TradingDaysInYear(*cal_, 2019), 261 - 17);  // 244 (Labour Day May 1-4 as changed)
  EXPECT_EQ(TradingDaysInYear(*cal_, 2020), 262 - 19);  // 243 (Spring Festival extended)
  struct Case {
    const char* last_before;
    const char* reopen;
  } const cases[] = {
      {"2017-01-26", "2017-02-03"},  // Spring Festival 2017
      {"2017-09-29", "2017-10-09"},  // National Day + Mid-Autumn 2017
      {"2018-02-14", "2018-02-22"},  // Spring Festival 2018
      {"2018-12-28", "2019-01-02"},  // New Year 2019: Dec 30 2018-Jan 1 2019
      {"2019-02-01", "2019-02-11"},  // Spring Festival 2019
      {"2019-04-30", "2019-05-06"},  // Labour Day 2019 (May 1-4 after the 2019-03-22 change)
      {"2020-01-23", "2020-02-03"},  // Spring Festival 2020, extended to Feb 2
      {"2020-09-30", "2020-10-09"},  // National Day + Mid-Autumn 2020
  };
  for (const auto& c : cases) {
    EXPECT_EQ(cal_->AddTradingDays(D(c.last_before), 1), D(c.reopen)) << c.last_before;
  }
  // Make-up working days on weekends never trade.
  EXPECT_FALSE(cal_->IsTradingDay(D("2019-02-02")));
  EXPECT_FALSE(cal_->IsTradingDay(D("2020-02-01")));
}

TEST_F(ShippedCalendarTest, ProvisionalYearsAreGenerated) {
  // rules/calendars/tools/provisional.py output (test provisional.CalendarMatchesGenerator
  // checks the file byte for byte); a few boundary days here.
  EXPECT_FALSE(cal_->IsTradingDay(D("2027-01-01")));                     // New Year, Friday
  EXPECT_EQ(cal_->AddTradingDays(D("2027-02-04"), 1), D("2027-02-15"));  // Spring Festival 2027
  EXPECT_EQ(cal_->AddTradingDays(D("2027-09-30"), 1), D("2027-10-08"));  // National Day 2027
  EXPECT_EQ(cal_->AddTradingDays(D("2026-12-31"), 1), D("2027-01-04"));
  EXPECT_EQ(TradingDaysInYear(*cal_, 2027), 261 - 18);  // 243
  EXPECT_FALSE(cal_->IsTradingDay(D("2029-12-31")));    // bridge before New Year 2030 (Tuesday)
}

TEST_F(ShippedCalendarTest, YearCountsMatchSpec) {
  // rules-cn.md §10 (S17).
  EXPECT_EQ(TradingDaysInYear(*cal_, 2024), 242);
  EXPECT_EQ(TradingDaysInYear(*cal_, 2025), 243);
  EXPECT_EQ(TradingDaysInYear(*cal_, 2026), 242);
}

TEST_F(ShippedCalendarTest, OlderYearCountsFollowTheNotices) {
  // Weekdays minus the weekday closures of each year's exchange notice (docs/calendar-format.md).
  // The notices do not state these totals; they equal the commonly cited figures.
  EXPECT_EQ(TradingDaysInYear(*cal_, 2021), 261 - 18);  // 243
  EXPECT_EQ(TradingDaysInYear(*cal_, 2022), 260 - 18);  // 242
  EXPECT_EQ(TradingDaysInYear(*cal_, 2023), 260 - 18);  // 242
}

TEST_F(ShippedCalendarTest, ClosuresEqualSpecTableFor2024To2026) {
  // rules-cn.md §10, weekday closures, expanded by hand.
  const std::set<Date> spec = {
      D("2024-01-01"), D("2024-02-09"), D("2024-02-12"), D("2024-02-13"), D("2024-02-14"),
      D("2024-02-15"), D("2024-02-16"), D("2024-04-04"), D("2024-04-05"), D("2024-05-01"),
      D("2024-05-02"), D("2024-05-03"), D("2024-06-10"), D("2024-09-16"), D("2024-09-17"),
      D("2024-10-01"), D("2024-10-02"), D("2024-10-03"), D("2024-10-04"), D("2024-10-07"),
      D("2025-01-01"), D("2025-01-28"), D("2025-01-29"), D("2025-01-30"), D("2025-01-31"),
      D("2025-02-03"), D("2025-02-04"), D("2025-04-04"), D("2025-05-01"), D("2025-05-02"),
      D("2025-05-05"), D("2025-06-02"), D("2025-10-01"), D("2025-10-02"), D("2025-10-03"),
      D("2025-10-06"), D("2025-10-07"), D("2025-10-08"), D("2026-01-01"), D("2026-01-02"),
      D("2026-02-16"), D("2026-02-17"), D("2026-02-18"), D("2026-02-19"), D("2026-02-20"),
      D("2026-02-23"), D("2026-04-06"), D("2026-05-01"), D("2026-05-04"), D("2026-05-05"),
      D("2026-06-19"), D("2026-09-25"), D("2026-10-01"), D("2026-10-02"), D("2026-10-05"),
      D("2026-10-06"), D("2026-10-07")};
  std::set<Date> shipped;
  for (Date d : cal_->closures()) {
    if (d.year() >= 2024 && d.year() <= 2026) shipped.insert(d);
  }
  EXPECT_EQ(shipped, spec);
}

TEST_F(ShippedCalendarTest, OlderYearsReopenAsAnnounced) {
  struct Case {
    const char* last_before;
    const char* reopen;
  } const cases[] = {
      {"2023-01-20", "2023-01-30"},  // Spring Festival 2023
      {"2023-09-28", "2023-10-09"},  // Mid-Autumn + National Day 2023
      {"2023-06-21", "2023-06-26"},  // Dragon Boat 2023
      {"2022-01-28", "2022-02-07"},  // Spring Festival 2022
      {"2022-09-30", "2022-10-10"},  // National Day 2022
      {"2021-02-10", "2021-02-18"},  // Spring Festival 2021
      {"2021-09-30", "2021-10-08"},  // National Day 2021
  };
  for (const auto& c : cases) {
    EXPECT_EQ(cal_->AddTradingDays(D(c.last_before), 1), D(c.reopen)) << c.last_before;
  }
  EXPECT_FALSE(cal_->IsTradingDay(D("2023-01-28")));  // make-up Saturday
  EXPECT_FALSE(cal_->IsTradingDay(D("2023-10-07")));  // make-up Saturday
}

TEST_F(ShippedCalendarTest, SpecExamplesCounts) {
  EXPECT_EQ(cal_->TradingDaysBetween(D("2016-12-30"), D("2017-01-05")), std::nullopt);
  EXPECT_EQ(cal_->TradingDaysBetween(D("2025-09-10"), D("2025-10-09")), 14);
  EXPECT_EQ(cal_->TradingDaysBetween(D("2025-09-10"), D("2025-10-10")), 15);
  EXPECT_EQ(cal_->TradingDaysBetween(D("2026-02-06"), D("2026-03-02")), 9);
  EXPECT_EQ(cal_->TradingDaysBetween(D("2026-02-06"), D("2026-03-10")), 15);
  EXPECT_EQ(cal_->TradingDaysBetween(D("2020-12-31"), D("2021-01-05")), 1);  // Jan 4 only
}

// A minimal valid file; tests below break one thing at a time.
const char* const kValid = R"(id: test-2025
exchanges: [SSE, SZSE]
first_year: 2025
last_year: 2025
sources:
  - year: 2025
    status: official
    title: notice
    refs: [https://example.org/notice]
closures:
  2025:
    - 2025-01-01
    - 2025-10-01..2025-10-08
)";

TEST(CalendarReaderTest, ReadsValidTextAndExpandsRanges) {
  CalendarLoad load = ReadCalendarText(kValid, "mem.yaml");
  ASSERT_TRUE(load.problems.empty()) << Describe(load.problems);
  ASSERT_TRUE(load.calendar.has_value());
  EXPECT_EQ(load.calendar->id(), "test-2025");
  // Jan 1 plus Oct 1-3, 6-8: the weekend inside the range is skipped.
  EXPECT_EQ(load.calendar->closures().size(), 7u);
  EXPECT_EQ(load.calendar->TradingDayOrdinal(D("2025-12-31")), 261 - 7);
}

// Reads `text` and expects exactly one problem at (line, column) on `field` whose message
// contains `needle`.
void ExpectOneProblem(const std::string& text, int line, int column, const std::string& field,
                      const std::string& needle) {
  CalendarLoad load = ReadCalendarText(text, "mem.yaml");
  EXPECT_FALSE(load.calendar.has_value());
  ASSERT_EQ(load.problems.size(), 1u) << Describe(load.problems);
  const Diagnostic& d = load.problems[0];
  EXPECT_EQ(d.file, "mem.yaml");
  EXPECT_EQ(d.line, line) << Describe(load.problems);
  EXPECT_EQ(d.column, column) << Describe(load.problems);
  EXPECT_EQ(d.field, field);
  EXPECT_NE(d.message.find(needle), std::string::npos) << d.message;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

TEST(CalendarReaderTest, UnknownTopLevelKey) {
  ExpectOneProblem(std::string(kValid) + "holidays: []\n", 14, 1, "holidays", "unknown key");
}

TEST(CalendarReaderTest, UnknownSourceKey) {
  ExpectOneProblem(Replace(kValid, "    title: notice\n", "    title: notice\n    url: x\n"), 9, 5,
                   "sources[0].url", "unknown key");
}

TEST(CalendarReaderTest, MissingKey) {
  CalendarLoad load = ReadCalendarText(Replace(kValid, "last_year: 2025\n", ""), "mem.yaml");
  ASSERT_FALSE(load.problems.empty());
  EXPECT_EQ(load.problems[0].field, "last_year");
  EXPECT_FALSE(load.calendar.has_value());
}

TEST(CalendarReaderTest, BadDate) {
  ExpectOneProblem(Replace(kValid, "- 2025-01-01", "- 2025-02-30"), 12, 7, "closures.2025[0]",
                   "not a valid date");
}

TEST(CalendarReaderTest, BadDateFormat) {
  ExpectOneProblem(Replace(kValid, "- 2025-01-01", "- 2025/01/01"), 12, 7, "closures.2025[0]",
                   "not a valid date");
}

TEST(CalendarReaderTest, WeekendDate) {
  ExpectOneProblem(Replace(kValid, "- 2025-01-01", "- 2025-09-28"), 12, 7, "closures.2025[0]",
                   "2025-09-28 is a weekend day");
}

TEST(CalendarReaderTest, RangeEndingOnWeekend) {
  ExpectOneProblem(Replace(kValid, "2025-10-01..2025-10-08", "2025-10-01..2025-10-05"), 13, 7,
                   "closures.2025[1]", "2025-10-05 is a weekend day");
}

TEST(CalendarReaderTest, BackwardRange) {
  ExpectOneProblem(Replace(kValid, "2025-10-01..2025-10-08", "2025-10-08..2025-10-01"), 13, 7,
                   "closures.2025[1]", "ends before it starts");
}

TEST(CalendarReaderTest, DateInWrongYear) {
  ExpectOneProblem(Replace(kValid, "- 2025-01-01", "- 2026-01-01"), 12, 7, "closures.2025[0]",
                   "not in year 2025");
}

TEST(CalendarReaderTest, DuplicateDate) {
  ExpectOneProblem(Replace(kValid, "- 2025-01-01", "- 2025-10-02"), 13, 7, "closures.2025[1]",
                   "2025-10-02 is listed twice");
}

TEST(CalendarReaderTest, YearOutsideRange) {
  ExpectOneProblem(std::string(kValid) + "  2026: []\n", 14, 3, "closures.2026",
                   "outside first_year..last_year");
}

TEST(CalendarReaderTest, MissingYearEntryAndSource) {
  CalendarLoad load =
      ReadCalendarText(Replace(kValid, "last_year: 2025", "last_year: 2026"), "mem.yaml");
  EXPECT_FALSE(load.calendar.has_value());
  ASSERT_EQ(load.problems.size(), 2u) << Describe(load.problems);
  EXPECT_EQ(load.problems[0].field, "closures.2026");
  EXPECT_NE(load.problems[1].message.find("2026 has no source"), std::string::npos);
}

TEST(CalendarReaderTest, StatusIsRequiredAndChecked) {
  ExpectOneProblem(Replace(kValid, "    status: official\n", ""), 6, 5, "sources[0].status",
                   "required key is missing");
  ExpectOneProblem(Replace(kValid, "status: official", "status: draft"), 7, 13, "sources[0].status",
                   "expected official or provisional");
  ExpectOneProblem(Replace(kValid, "status: official", "status: provisional"), 7, 13,
                   "sources[0].rule", "needs `rule`");
  ExpectOneProblem(Replace(kValid, "    title: notice\n", "    title: notice\n    rule: derived\n"),
                   9, 5, "sources[0].rule", "only a provisional year has a rule");
}

// Two years: 2025 official, 2026 as given.
std::string TwoYears(const std::string& status_2025, const std::string& status_2026) {
  std::string text = Replace(kValid, "last_year: 2025", "last_year: 2026");
  text = Replace(text, "status: official", "status: " + status_2025);
  if (status_2025 == "provisional") text = Replace(text, "title: notice", "title: p\n    rule: r");
  text = Replace(text, "closures:\n",
                 "  - year: 2026\n    status: " + status_2026 + "\n    title: n2\n" +
                     (status_2026 == "provisional" ? "    rule: r\n" : "") +
                     "    refs: [x]\nclosures:\n  2026: [2026-01-01]\n");
  return text;
}

TEST(CalendarReaderTest, ProvisionalYearsFollowTheOfficialOnes) {
  CalendarLoad load = ReadCalendarText(TwoYears("official", "provisional"), "mem.yaml");
  ASSERT_TRUE(load.problems.empty()) << Describe(load.problems);
  EXPECT_EQ(load.calendar->last_official_year(), 2025);
  EXPECT_TRUE(load.calendar->IsProvisional(D("2026-01-02")));
  EXPECT_FALSE(load.calendar->IsProvisional(D("2025-12-31")));

  load = ReadCalendarText(TwoYears("official", "official"), "mem.yaml");
  ASSERT_TRUE(load.problems.empty()) << Describe(load.problems);
  EXPECT_EQ(load.calendar->last_official_year(), 2026);
  EXPECT_FALSE(load.calendar->has_provisional());

  load = ReadCalendarText(TwoYears("provisional", "official"), "mem.yaml");
  EXPECT_FALSE(load.calendar.has_value());
  ASSERT_EQ(load.problems.size(), 1u) << Describe(load.problems);
  EXPECT_NE(load.problems[0].message.find("official years must be contiguous"), std::string::npos);
}

TEST(CalendarReaderTest, UnknownExchange) {
  ExpectOneProblem(Replace(kValid, "[SSE, SZSE]", "[SSE, NYSE]"), 2, 18, "exchanges[1]",
                   "unknown exchange 'NYSE'");
}

// HKEX keeps its own calendar (market hk): alone it is read as such, listed with the A-share
// exchanges it is an error naming the entry.
TEST(CalendarReaderTest, HkexAloneIsTheHongKongMarket) {
  const CalendarLoad hk = ReadCalendarText(Replace(kValid, "[SSE, SZSE]", "[HKEX]"), "hk.yaml");
  ASSERT_TRUE(hk.problems.empty()) << FormatAll(hk.problems);
  EXPECT_EQ(hk.market, "hk");
  const CalendarLoad cn = ReadCalendarText(kValid, "cn.yaml");
  ASSERT_TRUE(cn.problems.empty()) << FormatAll(cn.problems);
  EXPECT_EQ(cn.market, "cn");
  ExpectOneProblem(Replace(kValid, "[SSE, SZSE]", "[SSE, HKEX]"), 2, 18, "exchanges[1]",
                   "list it alone");
}

TEST(CalendarReaderTest, BadYear) {
  ExpectOneProblem(Replace(kValid, "first_year: 2025", "first_year: 20x5"), 3, 13, "first_year",
                   "not a year");
}

TEST(CalendarReaderTest, InvalidYamlHasLocation) {
  CalendarLoad load = ReadCalendarText("id: [unclosed\n", "mem.yaml");
  ASSERT_EQ(load.problems.size(), 1u);
  EXPECT_GT(load.problems[0].line, 0);
  EXPECT_NE(load.problems[0].message.find("YAML syntax error"), std::string::npos);
}

TEST(CalendarReaderTest, EmptyAndNonMapDocuments) {
  EXPECT_FALSE(ReadCalendarText("", "mem.yaml").problems.empty());
  EXPECT_FALSE(ReadCalendarText("- 1\n- 2\n", "mem.yaml").problems.empty());
  EXPECT_FALSE(ReadCalendarText("just text", "mem.yaml").problems.empty());
}

TEST(CalendarReaderTest, CollectsSeveralProblems) {
  std::string text = Replace(kValid, "- 2025-01-01", "- 2025-01-32");
  text = Replace(text, "[SSE, SZSE]", "[SSE, SSE]");
  CalendarLoad load = ReadCalendarText(text, "mem.yaml");
  EXPECT_EQ(load.problems.size(), 2u) << Describe(load.problems);
}

TEST(CalendarReaderTest, MissingFile) {
  CalendarLoad load = ReadCalendarFile("/nonexistent/calendar.yaml");
  ASSERT_EQ(load.problems.size(), 1u);
  EXPECT_EQ(load.problems[0].file, "/nonexistent/calendar.yaml");
  EXPECT_FALSE(load.calendar.has_value());
}

}  // namespace
}  // namespace reducheck::adapters
