// `reducheck import` internals (register_import.h): header detection, share kinds, units,
// merging, overrides, and every row that cannot be mapped listed with its position.
#include "import/register_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "import/import_mapping.h"
#include "import/register_table.h"

namespace reducheck::adapters {
namespace {

using ::testing::HasSubstr;

struct ImportRun {
  ImportResult result;
  std::vector<Diagnostic> problems;
};

ImportRun Import(const std::string& csv, const std::string& mapping_yaml = "") {
  ImportRun run;
  ImportMapping m = DefaultMapping();
  if (!mapping_yaml.empty()) {
    EXPECT_TRUE(ReadMappingText(mapping_yaml, "map.yaml", m, run.problems))
        << FormatAll(run.problems);
  }
  std::vector<RegisterTable> tables;
  tables.push_back(CsvTable(csv, "r.csv", run.problems));
  run.result = ImportRegister(tables, m, run.problems);
  return run;
}

std::string Unmapped(const ImportResult& r) {
  std::string out;
  for (const Diagnostic& d : r.unmapped) out += Format(d) + "\n";
  return out;
}

TEST(RegisterImport, DetailRegisterWithShareKindsAndTenThousandShareUnits) {
  // A prospectus-style table: 万股 with decimals, one row per holder and share kind.
  const ImportRun run = Import(
      "发行前股本结构,,\n"
      "股东名称,持股数量（万股）,股份性质\n"
      "甲公司,\"3,600.25\",首发前限售股\n"
      "乙,100,首发后限售股\n"
      "乙,50.5,流通A股\n"
      "丙,10,战略配售限售股\n"
      "丁,1,神秘股份\n"
      "合  计,\"3,761.75\",\n");
  ASSERT_TRUE(run.problems.empty()) << FormatAll(run.problems);
  const ImportResult& r = run.result;
  EXPECT_EQ(r.header_row, 2);
  ASSERT_EQ(r.holders.size(), 3u);
  EXPECT_EQ(r.holders[0].name, "甲公司");
  ASSERT_EQ(r.holders[0].lots.size(), 1u);
  EXPECT_EQ(r.holders[0].lots[0].shares, 36002500);
  EXPECT_EQ(r.holders[0].lots[0].source, Source::kIpoOriginal);
  EXPECT_FALSE(r.holders[0].lots[0].source_guessed);
  // 乙's two rows merge (same name): a guessed private placement and free float.
  ASSERT_EQ(r.holders[1].lots.size(), 2u);
  EXPECT_EQ(r.holders[1].lots[0].source, Source::kPrivatePlacement);
  EXPECT_TRUE(r.holders[1].lots[0].source_guessed);
  EXPECT_EQ(r.holders[1].lots[1].shares, 505000);
  EXPECT_EQ(r.holders[1].lots[1].source, Source::kIpoOriginal);  // conservative default
  EXPECT_EQ(r.holders[1].rows, (std::vector<int>{4, 5}));
  EXPECT_EQ(r.holders[2].lots[0].source, Source::kIpoSubscribed);
  // The unknown kind and the totals row are listed with FILE:ROW:COLUMN.
  EXPECT_THAT(Unmapped(r), HasSubstr("r.csv:7:3: nature: unknown share kind '神秘股份'"));
  EXPECT_THAT(Unmapped(r),
              HasSubstr("r.csv:8:1: name: a totals row ('合  计', 37,617,500 shares)"));
  EXPECT_EQ(r.unmapped.size(), 2u);
}

TEST(RegisterImport, MappingNamesColumnsKindsAndHolders) {
  const ImportRun run = Import(
      "Holder,Qty,Type,Locked\n"
      "Alpha Ltd,\"1,000\",神秘股份,400\n"
      "Beta,500,,0\n",
      "columns:\n"
      "  name: Holder\n"
      "  total: [Shares, Qty]\n"
      "  nature: Type\n"
      "  restricted: Locked\n"
      "share_kinds:\n"
      "  神秘股份: equity_incentive\n"
      "unrestricted_source: secondary_bidding\n"
      "company: {code: \"300750\", listing_date: 2018-06-11, total_shares: 100000}\n"
      "holders:\n"
      "  - {match: Alpha Ltd, id: ALPHA, roles: [director], acquired: 2020-01-02}\n"
      "  - {match: Nobody, id: X}\n");
  ASSERT_TRUE(run.problems.empty()) << FormatAll(run.problems);
  const ImportResult& r = run.result;
  ASSERT_EQ(r.holders.size(), 2u);
  EXPECT_EQ(r.holders[0].id, "ALPHA");
  ASSERT_EQ(r.holders[0].lots.size(), 2u);
  EXPECT_EQ(r.holders[0].lots[0].shares, 400);
  EXPECT_EQ(r.holders[0].lots[0].source, Source::kEquityIncentive);
  EXPECT_EQ(r.holders[0].lots[0].acquired, "2020-01-02");
  EXPECT_EQ(r.holders[0].lots[1].shares, 600);
  EXPECT_EQ(r.holders[0].lots[1].source, Source::kSecondaryBidding);
  EXPECT_EQ(r.holders[1].id, "H2");
  EXPECT_EQ(r.fill_in, 0);
  ASSERT_EQ(r.mapping_notes.size(), 1u);
  EXPECT_THAT(r.mapping_notes[0], HasSubstr("'Nobody' matched no holder"));
  const std::string yaml = RenderImportedScenario(r, "2026-01-01T00:00:00Z", "reducheck test");
  EXPECT_THAT(yaml, HasSubstr("  exchange: SZSE  # REVIEW: guessed from the stock code 300750"));
  EXPECT_THAT(yaml, HasSubstr("  board: chinext"));
  EXPECT_THAT(yaml, HasSubstr("  listing_date: 2018-06-11  # from the mapping file"));
  EXPECT_THAT(yaml, HasSubstr("    roles: [director]  # from the mapping file"));
  EXPECT_THAT(yaml, HasSubstr("        acquired: 2020-01-02"));
}

TEST(RegisterImport, BadRowsAreListedNotDropped) {
  const ImportRun run = Import(
      "股东名称,持有数量,限售股份数量\n"
      "A,abc,0\n"
      "B,100,200\n"
      ",300,0\n"
      "C,0,0\n"
      "D,\"1,00,000\",0\n"
      "社会公众股,5000,0\n"
      "E,100,\n");
  ASSERT_TRUE(run.problems.empty()) << FormatAll(run.problems);
  const std::string u = Unmapped(run.result);
  EXPECT_THAT(u, HasSubstr("r.csv:2:2: total: 'abc' in line 2, column 2 is not a whole number"));
  EXPECT_THAT(u, HasSubstr("r.csv:3:3: restricted: restricted shares 200 exceed the holding 100"));
  EXPECT_THAT(u, HasSubstr("r.csv:4:1: name: no holder name"));
  EXPECT_THAT(u, HasSubstr("r.csv:5:2: total: holder 'C' holds no shares"));
  EXPECT_THAT(u, HasSubstr("r.csv:6:2: total: '1,00,000'"));
  EXPECT_THAT(u, HasSubstr("r.csv:7:1: name: '社会公众股' is not a named holder"));
  EXPECT_EQ(run.result.unmapped.size(), 6u);
  ASSERT_EQ(run.result.holders.size(), 1u);
  EXPECT_EQ(run.result.holders[0].name, "E");
}

TEST(RegisterImport, IdNumberStoredAsANumberIsNotAMergeKey) {
  // Two people whose 18-digit id numbers a spreadsheet rounded to the same float.
  ImportRun run;
  ImportMapping m = DefaultMapping();
  RegisterTable t;
  t.file = "r.xlsx";
  t.sheet = "S";
  t.xlsx = true;
  const auto text = [](std::string s) {
    TableCell c;
    c.text = std::move(s);
    return c;
  };
  const auto number = [](std::string s) {
    TableCell c;
    c.text = std::move(s);
    c.number = true;
    return c;
  };
  t.rows = {{text("股东名称"), text("证件号码"), text("持有数量")},
            {text("甲"), number("1.10101197001011E+17"), number("100")},
            {text("乙"), number("1.10101197001011E+17"), number("200")}};
  t.row_numbers = {1, 2, 3};
  const ImportResult r = ImportRegister({t}, m, run.problems);
  ASSERT_TRUE(run.problems.empty()) << FormatAll(run.problems);
  ASSERT_EQ(r.holders.size(), 2u);
  EXPECT_EQ(r.holders[0].lots[0].shares, 100);
  EXPECT_EQ(r.holders[1].lots[0].shares, 200);
  ASSERT_FALSE(r.holders[0].notes.empty());
  EXPECT_THAT(r.holders[0].notes[0], HasSubstr("has lost digits"));
}

TEST(RegisterImport, NoHeaderIsFatal) {
  const ImportRun run = Import("a,b\n1,2\n");
  ASSERT_EQ(run.problems.size(), 1u);
  EXPECT_THAT(run.problems[0].message, HasSubstr("no header row found"));
}

TEST(RegisterImport, CsvQuotedCellsMaySpanLines) {
  std::vector<Diagnostic> problems;
  const RegisterTable t = CsvTable(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x\ny\",\"1,000\"\r\n\r\nz,2\r\n",
      "f.csv", problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1][0].text, "x\ny");
  EXPECT_EQ(t.rows[1][1].text, "1,000");
  EXPECT_EQ(t.row_numbers, (std::vector<int>{1, 2, 5}));
}

TEST(RegisterImport, HeaderNormalisation) {
  std::int64_t scale = 0;
  EXPECT_EQ(NormaliseHeader(" 持股数量（万股） ", &scale), "持股数量");
  EXPECT_EQ(scale, 10000);
  EXPECT_EQ(NormaliseHeader("持股比例(%)", &scale), "持股比例");
  EXPECT_EQ(scale, 1);
  EXPECT_EQ(NormaliseHeader("持有\n数量（股）"), "持有数量");
}

}  // namespace
}  // namespace reducheck::adapters
