// The .xlsx reader (xlsx_reader.h) on workbooks from three writers: Excel's structure
// (test/adapters/data/register/register_excel.xlsx, made by make_excel_like.py), LibreOffice
// (register_libreoffice.xlsx, converted by soffice) and libxlsxwriter (written here), plus
// broken archives. docs/import.md#test-workbooks says how each fixture was made.
#include "reducheck/adapters/xlsx_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace reducheck::adapters {
namespace {

using ::testing::HasSubstr;

const std::string kData = std::string(REDUCHECK_TESTDATA_DIR) + "/../adapters/data/register/";

std::string Text(const Sheet& s, const char* ref_col, int row) {
  const std::size_t col = static_cast<std::size_t>(ref_col[0] - 'A');
  const SheetCell* c = s.At(static_cast<std::size_t>(row - 1), col);
  return c ? c->text : std::string("<none>");
}

void ExpectRegister(const Workbook& wb, bool excel_structure) {
  ASSERT_EQ(wb.sheets.size(), excel_structure ? 2u : 1u);
  const Sheet& s = wb.sheets[0];
  if (excel_structure) {
    EXPECT_EQ(s.name, "股东名册");
    EXPECT_EQ(wb.sheets[1].name, "说明");
    // Rich text is the runs' text; a phonetic guide is not part of it.
    EXPECT_EQ(Text(wb.sheets[1], "A", 1), "示例科技 说明");
    EXPECT_EQ(Text(wb.sheets[1], "A", 2), "张伟");
    EXPECT_FALSE(wb.date1904);
  }
  EXPECT_EQ(Text(s, "A", 1), "合并普通账户和融资融券信用账户前N名明细数据表");
  EXPECT_EQ(Text(s, "C", 5), "张伟");
  EXPECT_EQ(Text(s, "B", 5), "B881234567");
  EXPECT_EQ(Text(s, "D", 5), "110101197001011234");  // a long id number stays text
  const SheetCell* total = s.At(4, 5);
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->kind, SheetCell::Kind::kNumber);
  EXPECT_EQ(ExactScaled(total->text, 0), 120000000);
  EXPECT_FALSE(total->date_format);
  // The register date: a serial number with a date format.
  const SheetCell* date = s.At(2, 1);
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->kind, SheetCell::Kind::kNumber);
  EXPECT_TRUE(date->date_format);
  EXPECT_EQ(SerialToDate(date->text, wb.date1904), Date(2024, 6, 28));
  // The address with a comma (an inline string in the Excel-structured file).
  EXPECT_EQ(Text(s, "L", 8), "上海市徐汇区漕溪北路8号,3楼");
  // An empty cell is absent or empty.
  const SheetCell* fund_id = s.At(8, 3);
  EXPECT_TRUE(fund_id == nullptr || fund_id->kind == SheetCell::Kind::kEmpty);
}

TEST(XlsxReader, ExcelStructuredWorkbook) {
  const WorkbookLoad load = ReadXlsxFile(kData + "register_excel.xlsx");
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ExpectRegister(*load.workbook, true);
}

TEST(XlsxReader, LibreOfficeWorkbook) {
  const WorkbookLoad load = ReadXlsxFile(kData + "register_libreoffice.xlsx");
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ExpectRegister(*load.workbook, false);
}

TEST(XlsxReader, LibxlsxwriterWorkbookWithInlineStringsAndDates) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "reducheck_xlsxwriter_test.xlsx").string();
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;  // inline strings, as large exports write them
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  ASSERT_NE(wb, nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名册");
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "yyyy/m/d");
  worksheet_write_string(ws, 0, 0, "股东名称", nullptr);
  worksheet_write_string(ws, 0, 1, "持股数量", nullptr);
  worksheet_write_string(ws, 0, 2, "日期", nullptr);
  worksheet_write_string(ws, 1, 0, "王芳", nullptr);
  worksheet_write_number(ws, 1, 1, 1234567, nullptr);
  lxw_datetime dt = {2024, 2, 29, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 2, &dt, date_fmt);
  worksheet_write_boolean(ws, 2, 0, 1, nullptr);
  worksheet_write_number(ws, 2, 1, 0.5, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  const WorkbookLoad load = ReadXlsxFile(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  const Sheet& s = load.workbook->sheets.at(0);
  EXPECT_EQ(s.name, "名册");
  EXPECT_EQ(Text(s, "A", 2), "王芳");
  EXPECT_EQ(ExactScaled(s.At(1, 1)->text, 0), 1234567);
  ASSERT_TRUE(s.At(1, 2)->date_format);
  EXPECT_EQ(SerialToDate(s.At(1, 2)->text, false), Date(2024, 2, 29));
  EXPECT_EQ(s.At(2, 0)->kind, SheetCell::Kind::kBool);
  EXPECT_EQ(Text(s, "A", 3), "TRUE");
  EXPECT_FALSE(ExactScaled(s.At(2, 1)->text, 0).has_value());  // 0.5 is not whole
  EXPECT_EQ(ExactScaled(s.At(2, 1)->text, 1), 5);
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "reducheck_not_a_workbook.xlsx").string();
  {
    std::ofstream f(path, std::ios::binary);
    f << "id,holder\n";
  }
  WorkbookLoad load = ReadXlsxFile(path);
  std::filesystem::remove(path);
  ASSERT_EQ(load.problems.size(), 1u);
  EXPECT_THAT(load.problems[0].message, HasSubstr("cannot open the workbook"));
  load = ReadXlsxFile(kData + "no_such.xlsx");
  ASSERT_EQ(load.problems.size(), 1u);
  EXPECT_FALSE(load.workbook.has_value());
}

TEST(XlsxReader, SerialDates) {
  EXPECT_EQ(SerialToDate("1", false), Date(1900, 1, 1));
  EXPECT_EQ(SerialToDate("59", false), Date(1900, 2, 28));
  EXPECT_FALSE(SerialToDate("60", false).has_value());  // Excel's 1900-02-29 never was
  EXPECT_EQ(SerialToDate("61", false), Date(1900, 3, 1));
  EXPECT_EQ(SerialToDate("45471", false), Date(2024, 6, 28));
  EXPECT_EQ(SerialToDate("45471.75", false), Date(2024, 6, 28));  // time of day dropped
  EXPECT_EQ(SerialToDate("44009", true), Date(2024, 6, 28));      // 1904 system
  EXPECT_FALSE(SerialToDate("-1", false).has_value());
  EXPECT_FALSE(SerialToDate("abc", false).has_value());
}

TEST(XlsxReader, ExactNumbers) {
  EXPECT_EQ(ExactScaled("1000000", 0), 1000000);
  EXPECT_EQ(ExactScaled("1E+6", 0), 1000000);
  EXPECT_EQ(ExactScaled("1.5E+7", 0), 15000000);
  EXPECT_EQ(ExactScaled("120000000.0", 0), 120000000);
  EXPECT_EQ(ExactScaled("3600.25", 4), 36002500);
  EXPECT_EQ(ExactScaled("12.5", 2), 1250);
  EXPECT_EQ(ExactScaled("-2", 0), -2);
  EXPECT_FALSE(ExactScaled("0.30000000000000004", 4).has_value());
  EXPECT_FALSE(ExactScaled("1E+30", 0).has_value());
  EXPECT_FALSE(ExactScaled("", 0).has_value());
  EXPECT_FALSE(ExactScaled("1,000", 0).has_value());
}

TEST(XlsxReader, CellRefs) {
  EXPECT_EQ(CellRef(0, 0), "A1");
  EXPECT_EQ(CellRef(6, 1), "B7");
  EXPECT_EQ(CellRef(0, 25), "Z1");
  EXPECT_EQ(CellRef(0, 26), "AA1");
  EXPECT_EQ(CellRef(1048575, 16383), "XFD1048576");
}

}  // namespace
}  // namespace reducheck::adapters
