// Schedule CSV reader (docs/batch.md): header checks, strict cells, line numbers, announcements.
#include "reducheck/adapters/schedule_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace reducheck::adapters {
namespace {

using ::testing::HasSubstr;

constexpr const char* kHeader = "id,holder,date,method,shares,price\n";
constexpr const char* kFullHeader =
    "id,holder,date,method,shares,price,kind,window_start,window_end,max_shares,methods\n";

ScheduleLoad Read(const std::string& text) { return ReadScheduleText(text, "s.csv"); }

// The one bad row of `text` (a header plus lines), as "line|field|message".
std::string OnlyProblem(const std::string& text) {
  const ScheduleLoad load = Read(text);
  EXPECT_TRUE(load.header_problems.empty());
  std::string out;
  for (const ScheduleRow& r : load.rows) {
    if (r.bad) {
      out += std::to_string(r.problem.line) + "|" + r.problem.field + "|" + r.problem.message;
    }
  }
  return out;
}

TEST(ScheduleReader, ReadsSaleLines) {
  const ScheduleLoad load = Read(std::string(kHeader) +
                                 "O1,H1,2026-03-20,centralized_bidding,4000000,31.00\n"
                                 "O2,H1,2026-03-23,block_trade,100,\n");
  ASSERT_TRUE(load.header_problems.empty());
  ASSERT_EQ(load.rows.size(), 2u);
  const ScheduleRow& r = load.rows[0];
  EXPECT_FALSE(r.bad);
  EXPECT_EQ(r.line, 2);
  EXPECT_EQ(r.kind, ScheduleLineKind::kSale);
  EXPECT_EQ(r.kind_name, "sale");
  EXPECT_EQ(r.order.id, "O1");
  EXPECT_EQ(r.order.holder, "H1");
  EXPECT_EQ(r.order.date, Date(2026, 3, 20));
  EXPECT_EQ(r.order.method, Method::kCentralizedBidding);
  EXPECT_EQ(r.order.shares, 4000000);
  ASSERT_TRUE(r.order.price.has_value());
  EXPECT_EQ(r.order.price->units(), 310000);
  EXPECT_FALSE(load.rows[1].bad);
  EXPECT_EQ(load.rows[1].order.method, Method::kBlockTrade);
  EXPECT_FALSE(load.rows[1].order.price.has_value());  // the price cell may be empty
}

// The optional share_class column (docs/markets.md): A or H on a sale line, empty = A; anything
// else, or a class on an announcement line, is that line's error.
TEST(ScheduleReader, ShareClassColumn) {
  const ScheduleLoad load = Read(
      "id,holder,date,method,shares,price,share_class,kind\n"
      "S1,H1,2026-03-20,centralized_bidding,100,,H,sale\n"
      "S2,H1,2026-03-23,block_trade,100,,,sale\n"
      "S3,H1,2026-03-24,block_trade,100,,A,sale\n");
  ASSERT_TRUE(load.header_problems.empty()) << FormatAll(load.header_problems);
  ASSERT_EQ(load.rows.size(), 3u);
  EXPECT_EQ(load.rows[0].order.share_class, ShareClass::kH);
  EXPECT_EQ(load.rows[1].order.share_class, ShareClass::kA);
  EXPECT_EQ(load.rows[2].order.share_class, ShareClass::kA);
  EXPECT_EQ(OnlyProblem("id,holder,date,method,shares,price,share_class\n"
                        "S1,H1,2026-03-20,centralized_bidding,100,,h-shares\n"),
            "2|share_class|expected A or H (empty: A), got 'h-shares'");
  EXPECT_EQ(OnlyProblem("id,holder,date,method,shares,price,share_class,kind\n"
                        "P1,H1,2026-03-20,,,,H,equity_change_report\n"),
            "2|share_class|is only for sale lines; leave it empty on a equity_change_report line "
            "(a plan's methods go in 'methods')");
}

TEST(ScheduleReader, ColumnsInAnyOrder) {
  const ScheduleLoad load =
      Read("shares,price,id,date,holder,method\n5,1.5,X,2026-01-05,H,block_trade\n");
  ASSERT_TRUE(load.header_problems.empty());
  ASSERT_EQ(load.rows.size(), 1u);
  EXPECT_FALSE(load.rows[0].bad) << load.rows[0].problem.message;
  EXPECT_EQ(load.rows[0].order.shares, 5);
  EXPECT_EQ(load.rows[0].order.holder, "H");
}

TEST(ScheduleReader, ReadsAnnouncementLines) {
  const ScheduleLoad load = Read(std::string(kFullHeader) +
                                 "A1,H1,2026-01-05,,,,reduction_plan,2026-02-01,2026-04-30,800,"
                                 "centralized_bidding;block_trade;centralized_bidding\n"
                                 "A2,H1,2026-01-06,,,,equity_change_report,,,,\n"
                                 "S1,H1,2026-02-02,centralized_bidding,100,,sale,,,,\n"
                                 "S2,H1,2026-02-03,centralized_bidding,100,,,,,,\n");
  ASSERT_EQ(load.rows.size(), 4u);
  for (const ScheduleRow& r : load.rows) EXPECT_FALSE(r.bad) << r.problem.message;
  const ScheduleRow& plan = load.rows[0];
  EXPECT_EQ(plan.kind, ScheduleLineKind::kAnnouncement);
  EXPECT_EQ(plan.kind_name, "reduction_plan");
  EXPECT_EQ(plan.announcement.kind, AnnouncementKind::kReductionPlan);
  EXPECT_EQ(plan.announcement.holder, "H1");
  EXPECT_EQ(plan.announcement.published, Date(2026, 1, 5));
  EXPECT_EQ(plan.announcement.window_start, Date(2026, 2, 1));
  EXPECT_EQ(plan.announcement.window_end, Date(2026, 4, 30));
  EXPECT_EQ(plan.announcement.max_shares, 800);
  EXPECT_EQ(plan.announcement.methods,
            (std::vector<Method>{Method::kCentralizedBidding, Method::kBlockTrade}));
  EXPECT_EQ(load.rows[1].announcement.kind, AnnouncementKind::kEquityChangeReport);
  EXPECT_FALSE(load.rows[1].announcement.max_shares.has_value());
  EXPECT_EQ(load.rows[2].kind, ScheduleLineKind::kSale);
  EXPECT_EQ(load.rows[3].kind_name, "sale");  // empty kind: a sale
}

TEST(ScheduleReader, ToleratesBomCrlfAndBlankLines) {
  const ScheduleLoad load = Read(
      "\xEF\xBB\xBFid,holder,date,method,shares,price\r\n\r\n"
      "O1,H1,2026-03-20,centralized_bidding,10,31.00\r\n"
      "O2,H1,2026-03-20,centralized_bidding,10,31.00");  // no final newline
  ASSERT_TRUE(load.header_problems.empty());
  ASSERT_EQ(load.rows.size(), 2u);
  EXPECT_FALSE(load.rows[0].bad) << load.rows[0].problem.message;
  EXPECT_EQ(load.rows[0].line, 3);  // blank line 2 is skipped but counted
  ASSERT_TRUE(load.rows[0].order.price.has_value());
  EXPECT_EQ(load.rows[0].order.price->units(), 310000);  // no '\r' left in the last cell
  EXPECT_FALSE(load.rows[1].bad);
  EXPECT_EQ(load.rows[1].line, 4);
}

TEST(ScheduleReader, QuotedCells) {
  const ScheduleLoad load =
      Read(std::string(kHeader) + "\"O,1\",\"H1\",2026-03-20,centralized_bidding,\"10\",\n");
  ASSERT_EQ(load.rows.size(), 1u);
  EXPECT_FALSE(load.rows[0].bad) << load.rows[0].problem.message;
  EXPECT_EQ(load.rows[0].order.id, "O,1");
  EXPECT_THAT(OnlyProblem(std::string(kHeader) + "\"O1,H1,2026-03-20,centralized_bidding,10,\n"),
              HasSubstr("2|line|unterminated quoted cell"));
}

TEST(ScheduleReader, HeaderProblems) {
  EXPECT_THAT(Read("").header_problems.at(0).message, HasSubstr("the schedule is empty"));
  const ScheduleLoad unknown = Read("id,holder,date,method,shares,prise\n");
  ASSERT_EQ(unknown.header_problems.size(), 2u);
  EXPECT_EQ(unknown.header_problems[0].line, 1);
  EXPECT_EQ(unknown.header_problems[0].column, 6);
  EXPECT_THAT(unknown.header_problems[0].message,
              HasSubstr("unknown column 'prise'; did you mean 'price'?"));
  EXPECT_THAT(unknown.header_problems[1].message, HasSubstr("missing required column 'price'"));
  EXPECT_THAT(Read("id,holder,date,method,shares,price,id\n").header_problems.at(0).message,
              HasSubstr("duplicate column 'id'"));
  EXPECT_THAT(Read("id,holder,date,method,shares,price,zzzzzz\n").header_problems.at(0).message,
              HasSubstr("expected columns: id, holder"));
  EXPECT_TRUE(Read("id,holder\nO1,H1\n").rows.empty());  // a bad header yields no rows
}

TEST(ScheduleReader, EveryLineErrorNamesLineAndField) {
  const std::string h = kFullHeader;
  struct Case {
    std::string line;
    std::string want;  // "field|message part"
  };
  const Case cases[] = {
      {"O1,H1,2026-03-20,centralized_bidding,10", "line|expected 11 cells as in the header, got 5"},
      {",H1,2026-03-20,centralized_bidding,10,,,,,,", "id|is required"},
      {"O1,,2026-03-20,centralized_bidding,10,,,,,,", "holder|is required"},
      {"O1,H1,12/03/2026,centralized_bidding,10,,,,,,", "date|ambiguous date '12/03/2026'"},
      {"O1,H1,2026-03-20 09:30,centralized_bidding,10,,,,,,", "date|expected a date as YYYY-MM-DD"},
      {"O1,H1,2026-03-20,block_trade,\"1,00,000\",,,,,,",
       "shares|expected a whole number of shares"},
      {"O1,H1,2026-02-30,centralized_bidding,10,,,,,,", "date|"},
      {"O1,H1,,centralized_bidding,10,,,,,,", "date|is required"},
      {"O1,H1,2026-03-20,centralised_bidding,10,,,,,,",
       "method|unknown method 'centralised_bidding'; did you mean 'centralized_bidding'?"},
      {"O1,H1,2026-03-20,,10,,,,,,", "method|is required on a sale line"},
      {"O1,H1,2026-03-20,block_trade,1e6,,,,,,", "shares|expected a whole number of shares"},
      {"O1,H1,2026-03-20,block_trade,10.5,,,,,,", "shares|expected a whole number of shares"},
      {"O1,H1,2026-03-20,block_trade,0,,,,,,", "shares|must be a positive number of shares"},
      {"O1,H1,2026-03-20,block_trade,-5,,,,,,", "shares|must be a positive number of shares"},
      {"O1,H1,2026-03-20,block_trade,,,,,,,", "shares|is required on a sale line"},
      {"O1,H1,2026-03-20,block_trade,99999999999999999999,,,,,,",
       "shares|expected a whole number of shares"},
      {"O1,H1,2026-03-20,block_trade,10,31.00001,,,,,",
       "price|expected an amount in RMB like 25.00 (at most 4 decimals), got"},
      {"O1,H1,2026-03-20,block_trade,10,abc,,,,,", "price|expected an amount in RMB"},
      {"O1,H1,2026-03-20,block_trade,10,0,,,,,", "price|must be greater than 0"},
      {"O1,H1,2026-03-20,block_trade,10,-1.00,,,,,", "price|must be greater than 0"},
      {"O1,H1,2026-03-20,block_trade,10,,reduction_plam,,,,",
       "kind|unknown kind 'reduction_plam'; did you mean 'reduction_plan'?"},
      {"O1,H1,2026-03-20,block_trade,10,,,,,800,", "max_shares|is only for reduction_plan lines"},
      {"O1,H1,2026-03-20,block_trade,,,reduction_plan,,,800,block_trade",
       "method|is only for sale lines"},
      {"O1,H1,2026-03-20,,,,reduction_plan,,,,block_trade", "max_shares|is required"},
      {"O1,H1,2026-03-20,,,,reduction_plan,,,800,", "methods|is required"},
      {"O1,H1,2026-03-20,,,,reduction_plan,,,800,block_trade;;", "methods|empty method name"},
      {"O1,H1,2026-03-20,,,,reduction_plan,,,800,block_trad",
       "methods|unknown method 'block_trad'; did you mean 'block_trade'?"},
      {"O1,H1,2026-03-20,,,,reduction_plan,2026-05-01,2026-04-01,800,block_trade",
       "window_end|window_end 2026-04-01 is before window_start 2026-05-01"},
      {"O1,H1,2026-03-20,,,,reduction_plan,20260501,,800,block_trade",
       "window_start|expected a date as YYYY-MM-DD"},
      {"O1,H1,2026-03-20,,,,completion_report,,2026-04-01,,",
       "window_end|is only for reduction_plan lines"},
      {"O1,H1,2026-03-20,centralized_bidding,10,\"3\"1,,,,,",
       "line|unexpected text after a closing quote"},
      {"O1,H1,2026-03-20,centralized_bidding,10,3\"1,,,,,", "line|a quote inside an unquoted cell"},
  };
  for (const Case& c : cases) {
    // A good line first, so the bad one is line 3.
    const std::string text = h + "G1,H1,2026-01-05,block_trade,1,,,,,,\n" + c.line + "\n";
    EXPECT_THAT(OnlyProblem(text), HasSubstr("3|" + c.want)) << c.line;
  }
}

// What Excel writes when a Chinese-locale user saves a schedule as CSV (issue 13 item 3).
TEST(ScheduleReader, AcceptsWhatExcelWrites) {
  const std::string text =
      "\xEF\xBB\xBF id , holder,date,method,shares,price,kind,window_start,"
      "window_end,max_shares,methods\r\n"
      "P1,VC,2026/1/5,,,,reduction_plan,2026/1/27,2026-4-24,\"8,000,000\","
      "centralized_bidding;block_trade\r\n"
      " S1 , VC ,2026/01/27, centralized_bidding ,\" 1,000,000 \",\" 1,234.50\","
      ",,,,\r\n";
  const ScheduleLoad load = Read(text);
  ASSERT_TRUE(load.header_problems.empty());
  ASSERT_EQ(load.rows.size(), 2u);
  ASSERT_FALSE(load.rows[0].bad) << load.rows[0].problem.message;
  EXPECT_EQ(*load.rows[0].announcement.window_start, Date(2026, 1, 27));
  EXPECT_EQ(*load.rows[0].announcement.window_end, Date(2026, 4, 24));
  EXPECT_EQ(*load.rows[0].announcement.max_shares, 8000000);
  const ScheduleRow& s = load.rows[1];
  ASSERT_FALSE(s.bad) << s.problem.field << ": " << s.problem.message;
  EXPECT_EQ(s.id, "S1");
  EXPECT_EQ(s.order.holder, "VC");
  EXPECT_EQ(s.order.date, Date(2026, 1, 27));
  EXPECT_EQ(s.order.method, Method::kCentralizedBidding);
  EXPECT_EQ(s.order.shares, 1000000);
  EXPECT_EQ(s.order.price->units(), 12345000);
}

TEST(ScheduleReader, DatesMustNotGoBackward) {
  const std::string text = std::string(kHeader) +
                           "O1,H1,2026-03-20,block_trade,1,\n"
                           "O2,H1,2026-03-19,block_trade,1,\n"
                           "O3,H1,2026-03-20,block_trade,1,\n";  // same day as O1: fine
  EXPECT_EQ(OnlyProblem(text),
            "3|date|is before 2026-03-20 on line 2; lines must be in date order");
}

TEST(ScheduleReader, DuplicateIds) {
  const std::string text = std::string(kHeader) +
                           "O1,H1,2026-03-20,block_trade,1,\n"
                           "O1,H1,2026-03-20,block_trade,1,\n";
  EXPECT_EQ(OnlyProblem(text), "3|id|duplicate id 'O1' (first on line 2)");
}

TEST(ScheduleReader, BadLineDoesNotStopTheRest) {
  const ScheduleLoad load = Read(std::string(kHeader) +
                                 "O1,H1,2026-03-20,block_trade,1,\n"
                                 "O2,H1,2026-03-20,block_trade,x,\n"
                                 "O3,H1,2026-03-23,block_trade,2,\n");
  ASSERT_EQ(load.rows.size(), 3u);
  EXPECT_FALSE(load.rows[0].bad);
  EXPECT_TRUE(load.rows[1].bad);
  EXPECT_EQ(load.rows[1].problem.file, "s.csv");
  EXPECT_EQ(load.rows[1].problem.line, 3);
  EXPECT_EQ(load.rows[1].shares_text, "x");  // raw cells kept for the error row
  EXPECT_FALSE(load.rows[2].bad);
  EXPECT_EQ(load.rows[2].order.shares, 2);
  EXPECT_EQ(Format(load.rows[1].problem),
            "s.csv:3: shares: expected a whole number of shares, got 'x'");
}

}  // namespace
}  // namespace reducheck::adapters
