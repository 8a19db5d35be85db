// Money: strict parsing, rounding and overflow.
#include "reducheck/engine/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace reducheck {
namespace {

TEST(MoneyTest, ParseAccepts) {
  struct Case {
    const char* text;
    std::int64_t units;
  } const cases[] = {
      {"31", 310000},
      {"31.5", 315000},
      {"31.0000", 310000},
      {"-2.25", -22500},
      {"0", 0},
      {"-0", 0},
      {"0.0001", 1},
      {"007.10", 71000},
      {"922337203685477.5807", std::numeric_limits<std::int64_t>::max()},
      {"-922337203685477.5808", std::numeric_limits<std::int64_t>::min()},
  };
  for (const auto& c : cases) {
    auto m = Money::Parse(c.text);
    ASSERT_TRUE(m.has_value()) << c.text;
    EXPECT_EQ(m->units(), c.units) << c.text;
  }
}

TEST(MoneyTest, ParseRejects) {
  for (const char* text : {"",
                           "-",
                           "+1",
                           " 1",
                           "1 ",
                           "1e3",
                           "1E3",
                           "31.",
                           ".5",
                           "-.5",
                           "1.23456",
                           "1,000",
                           "1..2",
                           "--1",
                           "0x10",
                           "１",
                           "922337203685477.5808",
                           "-922337203685477.5809",
                           "99999999999999999999",
                           "1.2.3",
                           "nan",
                           "inf"}) {
    EXPECT_FALSE(Money::Parse(text).has_value()) << "'" << text << "'";
  }
}

TEST(MoneyTest, ToStringRoundsHalfAwayFromZero) {
  struct Case {
    std::int64_t units;
    int decimals;
    const char* text;
  } const cases[] = {
      {310000000000, 2, "31000000.00"},
      {315000, 2, "31.50"},
      {315000, 4, "31.5000"},
      {12345, 2, "1.23"},  // 1.2345 -> 1.23
      {12350, 2, "1.24"},  // 1.2350 -> 1.24 (half up)
      {12349, 2, "1.23"},
      {-12350, 2, "-1.24"},  // half away from zero
      {-12349, 2, "-1.23"},
      {-49, 2, "0.00"},  // never "-0.00"
      {-50, 2, "-0.01"},
      {0, 2, "0.00"},
      {0, 4, "0.0000"},
      {1, 4, "0.0001"},
      {-1, 4, "-0.0001"},
      {999950, 2, "100.00"},  // carry into the integer part
      {std::numeric_limits<std::int64_t>::max(), 4, "922337203685477.5807"},
      {std::numeric_limits<std::int64_t>::min(), 4, "-922337203685477.5808"},
      {std::numeric_limits<std::int64_t>::min(), 2, "-922337203685477.58"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Money::FromUnits(c.units).ToString(c.decimals), c.text) << c.units;
  }
  EXPECT_EQ(Money::FromYuan(20).ToString(), "20.00");  // default 2 decimals
}

TEST(MoneyTest, ParseToStringRoundTrip) {
  for (const char* text : {"18.0000", "-0.0001", "123456789.1234", "0.5000"}) {
    EXPECT_EQ(Money::Parse(text)->ToString(4), text);
  }
}

TEST(MoneyTest, Times) {
  EXPECT_EQ(Money::Parse("20.00")->Times(100000)->ToString(), "2000000.00");
  EXPECT_EQ(Money::Parse("7.95")->Times(0)->units(), 0);
  EXPECT_EQ(Money::Parse("-1.5")->Times(3)->ToString(), "-4.50");
  EXPECT_EQ(Money::FromUnits(3).Times(-2)->units(), -6);
  // 1e9 yuan * 1e9 shares = 1e22 units: beyond int64.
  EXPECT_FALSE(Money::FromYuan(1000000000).Times(1000000000).has_value());
  EXPECT_FALSE(Money::FromUnits(std::numeric_limits<std::int64_t>::min()).Times(-1).has_value());
  EXPECT_EQ(Money::FromUnits(std::numeric_limits<std::int64_t>::max()).Times(1)->units(),
            std::numeric_limits<std::int64_t>::max());
}

TEST(MoneyTest, Ordering) {
  EXPECT_LT(*Money::Parse("7.95"), *Money::Parse("8.00"));
  EXPECT_EQ(*Money::Parse("8"), Money::FromYuan(8));
  EXPECT_EQ((Money::FromYuan(8) - *Money::Parse("0.05")).ToString(), "7.95");
}

}  // namespace
}  // namespace reducheck
