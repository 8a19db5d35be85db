// Orders files for `check --orders` (docs/check.md): the line source over a file, CSV in orders
// mode, JSON lines, and how bad lines are reported without stopping the reader.
#include "reducheck/adapters/order_file_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "reducheck/adapters/line_source.h"

namespace reducheck::adapters {
namespace {

using ::testing::HasSubstr;

// A file in the test's temporary directory, removed at the end of the test.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content)
      : path_(::testing::TempDir() + "/" + std::to_string(::getpid()) + "-" + name) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::vector<std::string> AllLines(LineSource& source) {
  std::vector<std::string> lines;
  std::string_view line;
  while (source.Next(line)) lines.emplace_back(line);
  return lines;
}

TEST(LineSource, TextLinesSplitLfAndCrlfAndKeepALastLineWithoutBreak) {
  TextLines lines("a\r\nb\n\nc");
  EXPECT_EQ(AllLines(lines), (std::vector<std::string>{"a", "b", "", "c"}));
}

TEST(LineSource, FileLinesReadLinesLongerThanTheBuffer) {
  const std::string long_line(FileLines::kBufferBytes * 3 + 17, 'x');
  const TempFile file("long.csv", "first\r\n" + long_line + "\nlast");
  std::string error;
  std::unique_ptr<FileLines> lines = FileLines::Open(file.path(), &error);
  ASSERT_NE(lines, nullptr) << error;
  EXPECT_TRUE(lines->regular_file());
  EXPECT_EQ(AllLines(*lines), (std::vector<std::string>{"first", long_line, "last"}));
  EXPECT_EQ(lines->error(), "");
}

TEST(LineSource, FileLinesOfManyShortLinesAcrossBufferBoundaries) {
  std::string text;
  std::vector<std::string> want;
  for (int i = 0; i < 200000; ++i) {
    want.push_back("line-" + std::to_string(i));
    text += want.back() + (i % 3 == 0 ? "\r\n" : "\n");
  }
  const TempFile file("many.csv", text);
  std::string error;
  std::unique_ptr<FileLines> lines = FileLines::Open(file.path(), &error);
  ASSERT_NE(lines, nullptr) << error;
  EXPECT_EQ(AllLines(*lines), want);
}

TEST(LineSource, FileLinesRefuseMissingFilesAndDirectories) {
  std::string error;
  EXPECT_EQ(FileLines::Open(::testing::TempDir() + "/no-such-file.csv", &error), nullptr);
  EXPECT_THAT(error, HasSubstr("no such file"));
  EXPECT_EQ(FileLines::Open(::testing::TempDir(), &error), nullptr);
  EXPECT_THAT(error, HasSubstr("directory"));
}

TEST(OrderFileFormat, FromTheExtension) {
  EXPECT_EQ(OrderFileFormatFromExtension("a/b.csv"), OrderFileFormat::kCsv);
  EXPECT_EQ(OrderFileFormatFromExtension("B.CSV"), OrderFileFormat::kCsv);
  EXPECT_EQ(OrderFileFormatFromExtension("o.jsonl"), OrderFileFormat::kJsonl);
  EXPECT_EQ(OrderFileFormatFromExtension("o.ndjson"), OrderFileFormat::kJsonl);
  EXPECT_EQ(OrderFileFormatFromExtension("o.json"), std::nullopt);  // an array is not lines
  EXPECT_EQ(OrderFileFormatFromExtension("dir.csv/orders"), std::nullopt);
  EXPECT_EQ(OrderFileFormatFromExtension(".csv"), std::nullopt);
}

std::vector<OrderLine> ReadAll(const std::string& name, const std::string& content,
                               OrderFileFormat format, std::vector<Diagnostic>* problems) {
  const TempFile file(name, content);
  std::unique_ptr<OrderFileReader> reader = OrderFileReader::Open(file.path(), format, problems);
  std::vector<OrderLine> out;
  if (!reader) return out;
  OrderLine line;
  while (reader->Next(line)) out.push_back(line);
  EXPECT_EQ(reader->read_error(), "");
  return out;
}

TEST(OrderFileReader, CsvOrdersNeedNoDateOrderAndMayRepeatIds) {
  std::vector<Diagnostic> problems;
  const std::vector<OrderLine> lines = ReadAll("o.csv",
                                               "\xEF\xBB\xBFid,holder,date,method,shares,price\n"
                                               "A,H1,2026-03-10,centralized_bidding,100,12.00\n"
                                               "A,H1,2026-03-09,block_trade,200,\n",
                                               OrderFileFormat::kCsv, &problems);
  ASSERT_TRUE(problems.empty()) << FormatAll(problems);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[0].bad);
  EXPECT_FALSE(lines[1].bad) << Format(lines[1].problem);
  EXPECT_EQ(lines[1].line, 3);
  EXPECT_EQ(lines[1].order.id, "A");
  EXPECT_EQ(lines[1].order.method, Method::kBlockTrade);
  EXPECT_EQ(lines[1].order.shares, 200);
  EXPECT_EQ(lines[1].order.date, Date(2026, 3, 9));
  EXPECT_FALSE(lines[1].order.price.has_value());
  EXPECT_EQ(lines[0].order.price, Money::Parse("12.00"));
}

TEST(OrderFileReader, CsvOrdersFileRefusesScheduleColumns) {
  std::vector<Diagnostic> problems;
  ReadAll("k.csv", "id,holder,date,method,shares,price,max_shares\n", OrderFileFormat::kCsv,
          &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_EQ(problems[0].column, 7);
  EXPECT_THAT(problems[0].message, HasSubstr("unknown column 'max_shares' in an orders file"));
}

TEST(OrderFileReader, CsvBadLinesAreReportedAndReadingGoesOn) {
  std::vector<Diagnostic> problems;
  const std::vector<OrderLine> lines = ReadAll("b.csv",
                                               "id,holder,date,method,shares,price\n"
                                               "A,H1,2026-02-30,centralized_bidding,100,\n"
                                               "\n"
                                               "B,H1,2026-03-10,centralised_bidding,100,\n"
                                               "C,H1,2026-03-10,block_trade,100,\n",
                                               OrderFileFormat::kCsv, &problems);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[0].bad);
  EXPECT_EQ(lines[0].problem.line, 2);
  EXPECT_EQ(lines[0].problem.field, "date");
  EXPECT_TRUE(lines[1].bad);
  EXPECT_EQ(lines[1].problem.line, 4);
  EXPECT_EQ(lines[1].id, "B");
  EXPECT_THAT(lines[1].problem.message, HasSubstr("did you mean 'centralized_bidding'"));
  EXPECT_FALSE(lines[2].bad);
  EXPECT_EQ(lines[2].order.id, "C");
}

TEST(OrderFileReader, JsonLines) {
  std::vector<Diagnostic> problems;
  const std::vector<OrderLine> lines =
      ReadAll("o.jsonl",
              "{\"id\":\"J1\",\"holder\":\"H1\",\"date\":\"2026-03-10\",\"method\":\"block_trade\","
              "\"shares\":300,\"price\":\"9.5\",\"company\":\"000001\"}\n"
              "  \n"
              "{\"id\":\"J2\",\"holder\":\"H1\",\"date\":\"2026-03-10\",\"method\":\"block_trade\","
              "\"shares\":1.5}\n"
              "[1,2]\r\n"
              "{\"id\":\"J4\",\"holder\":\"H1\",\"date\":\"2026-03-10\",\"method\":\"block_trade\","
              "\"shares\":7}",
              OrderFileFormat::kJsonl, &problems);
  ASSERT_TRUE(problems.empty());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_FALSE(lines[0].bad) << Format(lines[0].problem);
  EXPECT_EQ(lines[0].order.shares, 300);
  EXPECT_EQ(lines[0].order.price, Money::Parse("9.5"));
  EXPECT_EQ(lines[0].company, "000001");
  EXPECT_TRUE(lines[1].bad);
  EXPECT_EQ(lines[1].problem.line, 3);
  EXPECT_EQ(lines[1].problem.field, "shares");
  EXPECT_TRUE(lines[2].bad);
  EXPECT_EQ(lines[2].problem.line, 4);
  EXPECT_THAT(lines[2].problem.message, HasSubstr("expected a JSON object"));
  EXPECT_FALSE(lines[3].bad);
  EXPECT_EQ(lines[3].line, 5);
  EXPECT_FALSE(lines[3].company.has_value());
}

}  // namespace
}  // namespace reducheck::adapters
