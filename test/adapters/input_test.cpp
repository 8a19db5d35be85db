// The input checks every reader applies (adapters/src/input, docs/security.md#limits).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "input/date.h"
#include "input/limits.h"
#include "input/text.h"
#include "input/yaml_document.h"

namespace reducheck::input {
namespace {

using ::testing::HasSubstr;

TEST(InputText, Utf8WithOrWithoutBomIsAccepted) {
  EXPECT_FALSE(CheckInputText("company:\n  name: 中国平安\r\n\tx: 1\n", kMaxDocumentBytes));
  EXPECT_FALSE(CheckInputText("\xEF\xBB\xBFname: 中国平安\n", kMaxDocumentBytes));
  EXPECT_EQ(WithoutBom("\xEF\xBB\xBFx"), "x");
  EXPECT_EQ(WithoutBom("x"), "x");
}

TEST(InputText, GbkIsNamedWithTheFirstBadByteAndTheConversion) {
  // "name: 中国" in GBK.
  const auto p = CheckInputText("id: 1\nname: \xD6\xD0\xB9\xFA\n", kMaxDocumentBytes);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->offset, 12u);
  EXPECT_EQ(p->line, 2);
  EXPECT_EQ(p->column, 7);
  EXPECT_THAT(p->message, HasSubstr("first bad byte is 0xD6 at byte offset 12"));
  EXPECT_THAT(p->message, HasSubstr("GBK/GB18030"));
  EXPECT_THAT(p->message, HasSubstr("iconv -f GB18030 -t UTF-8"));
  // GB18030 four-byte sequences count too (U+0080 is 81 30 81 30).
  EXPECT_THAT(CheckInputText("a\x81\x30\x81\x30 \xB0\xA1", 100)->message, HasSubstr("GB18030"));
}

TEST(InputText, OtherEncodingsAreGuessed) {
  EXPECT_THAT(CheckInputText("caf\xE9 au lait\n", 100)->message, HasSubstr("Windows-1252"));
  const std::string utf16("\xFF\xFEn\0a\0m\0e\0", 10);
  EXPECT_THAT(CheckInputText(utf16, 100)->message, HasSubstr("UTF-16"));
  const std::string utf16_no_bom("n\0a\0m\0e\0:\0 \0x\0", 14);
  EXPECT_THAT(CheckInputText(utf16_no_bom, 100)->message, HasSubstr("UTF-16"));
}

TEST(InputText, OverlongSurrogatesAndTruncatedSequencesAreNotUtf8) {
  for (const std::string bad :
       {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE4\xB8", "\x80", "\xFF"}) {
    const auto p = CheckInputText("ok " + bad, 100);
    ASSERT_TRUE(p) << bad;
    EXPECT_EQ(p->offset, 3u);
    EXPECT_THAT(p->message, HasSubstr("not valid UTF-8"));
  }
}

TEST(InputText, ControlCharactersOtherThanTabLineFeedAndReturnAreRefused) {
  const auto esc = CheckInputText("name: a\x1B[31mb\n", 100);
  ASSERT_TRUE(esc);
  EXPECT_EQ(esc->offset, 7u);
  EXPECT_THAT(esc->message, HasSubstr("U+001B (ESC"));
  EXPECT_TRUE(CheckInputText(std::string("a\0b", 3), 100));
  EXPECT_TRUE(CheckInputText("a\x7F", 100));
  EXPECT_TRUE(CheckInputText("a\xC2\x9B", 100));  // U+009B, the 8-bit CSI
}

TEST(InputText, SizeLimit) {
  EXPECT_FALSE(CheckInputText(std::string(100, 'a'), 100));
  const auto p = CheckInputText(std::string(101, 'a'), 100);
  ASSERT_TRUE(p);
  EXPECT_THAT(p->message, HasSubstr("the limit is 100 bytes"));
}

TEST(InputIds, IdentifierRules) {
  EXPECT_EQ(IdProblem("DY"), "");
  EXPECT_EQ(IdProblem("张三-01 (A)"), "");
  EXPECT_EQ(IdProblem(std::string(kMaxIdBytes, 'x')), "");
  EXPECT_THAT(IdProblem(std::string(kMaxIdBytes + 1, 'x')), HasSubstr("at most 128 bytes"));
  EXPECT_THAT(IdProblem(""), HasSubstr("empty"));
  EXPECT_THAT(IdProblem("a\x1B[2Jb"), HasSubstr("control character U+001B"));
  EXPECT_THAT(IdProblem("a\tb"), HasSubstr("U+0009 (tab)"));
  EXPECT_THAT(IdProblem("a\nb"), HasSubstr("line feed"));
  EXPECT_THAT(IdProblem("O1\xE2\x80\xAEgnp.exe"), HasSubstr("U+202E"));  // right-to-left override
  EXPECT_THAT(IdProblem("a\xE2\x80\x8B"), HasSubstr("U+200B"));          // zero-width space
  EXPECT_THAT(IdProblem("\xFF"), HasSubstr("not valid UTF-8"));
  EXPECT_EQ(TextValueProblem(std::string(kMaxTextBytes, 'x')), "");
  EXPECT_THAT(TextValueProblem(std::string(kMaxTextBytes + 1, 'x')), HasSubstr("at most 4096"));
  EXPECT_THAT(TextValueProblem("a\x7F"), HasSubstr("U+007F (DEL)"));
}

TEST(InputText, PrintableEscapesWhatATerminalWouldInterpret) {
  EXPECT_EQ(Printable("plain 中文"), "plain 中文");
  EXPECT_EQ(Printable("a\x1B[31mb"), "a\\x1B[31mb");
  EXPECT_EQ(Printable("a\xFF"), "a\\xFF");
  EXPECT_EQ(Printable("\xE2\x80\xAE"), "\\u{202E}");
  EXPECT_EQ(Printable(std::string(100, 'x'), 10), std::string(10, 'x') + "...");
}

TEST(InputDates, RangeIsEnforcedWithTheRangeNamed) {
  std::string error;
  EXPECT_EQ(ParseIsoDate("2199-12-31", &error), Date(2199, 12, 31));
  EXPECT_EQ(ParseIsoDate("1900-01-01", &error), Date(1900, 1, 1));
  for (const char* out : {"9999-12-31", "2200-01-01", "1899-12-31", "0001-01-01", "1400-01-01"}) {
    EXPECT_FALSE(ParseIsoDate(out, &error)) << out;
    EXPECT_THAT(error, HasSubstr("is outside the dates reducheck accepts (1900-01-01 to "
                                 "2199-12-31)"));
  }
  EXPECT_FALSE(ParseIsoDate("2025-02-29", &error));
  EXPECT_THAT(error, HasSubstr("is not a valid date"));
  EXPECT_FALSE(ParseIsoDate("0000-00-00", &error));
  EXPECT_FALSE(ParseIsoDate("2025-1-01", &error));
  EXPECT_THAT(error, HasSubstr("expected a date as YYYY-MM-DD"));
  EXPECT_TRUE(InDateRange(MaxDate()));
  EXPECT_FALSE(InDateRange(MaxDate() + boost::gregorian::days(1)));
  EXPECT_EQ(DateRangeText(), "1900-01-01 to 2199-12-31");
}

TEST(InputYaml, OneDocument) {
  EXPECT_TRUE(CheckYamlInput("a: 1\n", "f.yaml").empty());
  EXPECT_TRUE(CheckYamlInput("---\na: 1\n...\n", "f.yaml").empty());
  EXPECT_TRUE(CheckYamlInput("", "f.yaml").empty());
  auto second = CheckYamlInput("a: 1\n---\nb: 2\n", "f.yaml");
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].line, 2);
  EXPECT_THAT(second[0].message, HasSubstr("a second YAML document"));
  // A broken second document is an error too (it used to be ignored).
  EXPECT_EQ(CheckYamlInput("a: 1\n---\nb: [\n", "f.yaml").size(), 1u);
}

TEST(InputYaml, NestingIsBoundedInFlowAndBlockStyle) {
  const std::string ok = "a: " + std::string(kMaxNestingDepth - 1, '[') +
                         std::string(kMaxNestingDepth - 1, ']') + "\n";
  EXPECT_TRUE(CheckYamlInput(ok, "f.yaml").empty());
  const std::string flow = "a: " + std::string(100000, '[') + "\n";
  const auto p = CheckYamlInput(flow, "f.yaml");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_THAT(p[0].message, HasSubstr("nested deeper than 64 levels"));
  std::string block;
  for (int i = 0; i < 80; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  const auto q = CheckYamlInput(block, "f.yaml");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_THAT(q[0].message, HasSubstr("nested deeper than 64 levels"));
}

TEST(InputYaml, AliasesCountAsWhatTheyRepeat) {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    const std::string p = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + p;
    for (int k = 1; k < 10; ++k) bomb += ", " + p;
    bomb += "]\n";
  }
  const auto p = CheckYamlInput(bomb, "f.yaml");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_THAT(p[0].message, HasSubstr("more than 4000000 nodes"));
  // A few aliases are fine.
  EXPECT_TRUE(CheckYamlInput("a: &x [1, 2]\nb: *x\nc: *x\n", "f.yaml").empty());
  // An alias cannot deepen a document past the limit either.
  const std::string deep = "a: &d " + std::string(40, '[') + std::string(40, ']') +
                           "\nb: " + std::string(30, '[') + "*d" + std::string(30, ']') + "\n";
  EXPECT_THAT(CheckYamlInput(deep, "f.yaml").at(0).message, HasSubstr("nested deeper"));
}

// A clean answer comes from a fast pass over libyaml's events, a refusal from the pass over
// yaml-cpp's: both must draw the line at the same place.
TEST(InputYaml, LimitsAreExact) {
  auto nested = [](int n) {  // the top mapping and n flow sequences: n + 1 levels
    return "a: " + std::string(static_cast<std::size_t>(n), '[') +
           std::string(static_cast<std::size_t>(n), ']') + "\n";
  };
  EXPECT_TRUE(CheckYamlInput(nested(kMaxNestingDepth - 1), "f.yaml").empty());
  EXPECT_THAT(CheckYamlInput(nested(kMaxNestingDepth), "f.yaml").at(0).message,
              HasSubstr("nested deeper"));
  // An anchored node 40 levels deep used under the top mapping and n sequences.
  auto aliased = [](int n) {
    return "a: &d " + std::string(40, '[') + std::string(40, ']') +
           "\nb: " + std::string(static_cast<std::size_t>(n), '[') + "*d" +
           std::string(static_cast<std::size_t>(n), ']') + "\n";
  };
  EXPECT_TRUE(CheckYamlInput(aliased(kMaxNestingDepth - 41), "f.yaml").empty());
  EXPECT_THAT(CheckYamlInput(aliased(kMaxNestingDepth - 40), "f.yaml").at(0).message,
              HasSubstr("nested deeper"));
  // An unknown alias and a syntax error are worded by yaml-cpp, located.
  const auto unknown = CheckYamlInput("a: *nowhere\n", "f.yaml");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_THAT(unknown[0].message, HasSubstr("YAML syntax error"));
  const auto broken = CheckYamlInput("a: [1, 2\n", "f.yaml");
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_THAT(broken[0].message, HasSubstr("YAML syntax error"));
}

TEST(InputYaml, TextProblemsComeFirstAndAreLocated) {
  const auto p = CheckYamlInput("a: 1\nb: \xD6\xD0\n", "f.yaml");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].file, "f.yaml");
  EXPECT_EQ(p[0].line, 2);
  EXPECT_EQ(p[0].column, 4);
  EXPECT_THAT(p[0].message, HasSubstr("the file is not valid UTF-8"));
}

}  // namespace
}  // namespace reducheck::input
