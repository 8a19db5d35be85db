// Spreadsheet cell values (sheet_values.h): what Excel and WPS write in Chinese and English
// locales is read exactly; what is ambiguous is refused with a reason.
#include "reducheck/adapters/sheet_values.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace reducheck::adapters {
namespace {

using ::testing::HasSubstr;

Date D(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

TEST(SheetValues, TrimsSpacesTabsAndCjkSpaces) {
  EXPECT_EQ(TrimCell("  12 \t"), "12");
  EXPECT_EQ(TrimCell("\xC2\xA0"
                     "12"
                     "\xE3\x80\x80"),
            "12");
  EXPECT_EQ(TrimCell("a b"), "a b");
  EXPECT_EQ(TrimCell("   "), "");
}

TEST(SheetValues, DatesInEveryYearFirstForm) {
  std::string error;
  for (const char* text : {"2026-12-08", "2026/12/08", "2026/12/8", "2026-12-8", "2026.12.08",
                           " 2026/12/08 ", "2026年12月8日", "2026年12月08日"}) {
    const auto d = ParseSheetDate(text, &error);
    ASSERT_TRUE(d.has_value()) << text << ": " << error;
    EXPECT_EQ(*d, D(2026, 12, 8)) << text;
  }
  EXPECT_EQ(*ParseSheetDate("2024-2-29", &error), D(2024, 2, 29));
}

TEST(SheetValues, RefusesAmbiguousAndMalformedDates) {
  std::string error;
  EXPECT_FALSE(ParseSheetDate("12/08/2026", &error));
  EXPECT_THAT(error, HasSubstr("ambiguous date '12/08/2026'"));
  EXPECT_THAT(error, HasSubstr("YYYY-MM-DD"));
  EXPECT_FALSE(ParseSheetDate("8/12/26", &error));
  EXPECT_THAT(error, HasSubstr("ambiguous"));
  EXPECT_FALSE(ParseSheetDate("2026-02-30", &error));
  EXPECT_THAT(error, HasSubstr("'2026-02-30' is not a valid date"));
  EXPECT_FALSE(ParseSheetDate("2025-2-29", &error));
  EXPECT_FALSE(ParseSheetDate("2026-12-08 10:30", &error));
  EXPECT_THAT(error, HasSubstr("time of day"));
  EXPECT_FALSE(ParseSheetDate("20261208", &error));
  EXPECT_THAT(error, HasSubstr("expected a date as YYYY-MM-DD"));
  EXPECT_FALSE(ParseSheetDate("2026-123-1", &error));
  EXPECT_FALSE(ParseSheetDate("2026/12-08", &error));
  EXPECT_FALSE(ParseSheetDate("", &error));
  EXPECT_FALSE(ParseSheetDate("46000", &error));  // a serial number written as text
}

TEST(SheetValues, WholeNumbersWithThousandsSeparators) {
  EXPECT_EQ(ParseSheetWholeNumber("1000000"), 1000000);
  EXPECT_EQ(ParseSheetWholeNumber("1,000,000"), 1000000);
  EXPECT_EQ(ParseSheetWholeNumber(" 12,345 "), 12345);
  EXPECT_EQ(ParseSheetWholeNumber("999"), 999);
  EXPECT_EQ(ParseSheetWholeNumber("-1,000"), -1000);
  EXPECT_EQ(ParseSheetWholeNumber("9,223,372,036,854,775,807"), 9223372036854775807LL);
  for (const char* bad : {"1,00,000", "1,0", ",100", "100,", "1,,000", "1.5", "1e6", "1E+06", "+5",
                          "", " ", "12 345", "9,223,372,036,854,775,808", "1,000.00"}) {
    EXPECT_FALSE(ParseSheetWholeNumber(bad).has_value()) << bad;
  }
}

TEST(SheetValues, AmountsExactToFourDecimals) {
  EXPECT_EQ(ParseSheetAmount("31.20")->units(), 312000);
  EXPECT_EQ(ParseSheetAmount(" 1,234.5 ")->units(), 12345000);
  EXPECT_EQ(ParseSheetAmount("0.0001")->units(), 1);
  EXPECT_EQ(ParseSheetAmount("-2.25")->units(), -22500);
  for (const char* bad : {"31.00001", "31.", ".5", "1,23.0", "1e3", "¥31", "31,20"}) {
    EXPECT_FALSE(ParseSheetAmount(bad).has_value()) << bad;
  }
}

TEST(SheetValues, ScaledDecimals) {
  EXPECT_EQ(ParseSheetScaled("3,600.25", 4), 36002500);
  EXPECT_EQ(ParseSheetScaled("3600", 4), 36000000);
  EXPECT_EQ(ParseSheetScaled("3", 2), 300);
  EXPECT_EQ(ParseSheetScaled("0.25", 2), 25);
  EXPECT_FALSE(ParseSheetScaled("0.255", 2).has_value());
  EXPECT_FALSE(ParseSheetScaled("-1", 2).has_value());
}

}  // namespace
}  // namespace reducheck::adapters
