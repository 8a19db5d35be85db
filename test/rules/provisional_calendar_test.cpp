// The calendar caveat (issue 9 part 1): a verdict carries the provisional calendar years whose
// days its reasoning counted, and none when it counted only official days. Boundaries: the last
// official day (2026-12-31), the first provisional day (2027-01-01), 15 trading days crossing
// into 2027, and the official 2017-2020 years (Spring Festival 2019).
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;

std::vector<int> Years(const ProvisionalYears& p) {
  std::vector<int> out;
  p.ForEach([&](int y) { out.push_back(y); });
  return out;
}

ScenarioBuilder Major8pct(const char* listing = "2015-01-05") {
  ScenarioBuilder b(listing, kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 80'000'000,
                          Source::kIpoOriginal);
  return b;
}

const std::int64_t* IntFact(const Violation& x, std::string_view key) {
  for (const Fact& f : x.facts) {
    if (f.key == key) return std::get_if<std::int64_t>(&f.value);
  }
  return nullptr;
}

TEST(ProvisionalCalendarTest, TheCalendarBoundary) {
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  EXPECT_EQ(cal.last_official_day(), D("2026-12-31"));
  EXPECT_FALSE(cal.IsProvisional(D("2026-12-31")));
  EXPECT_TRUE(cal.IsProvisional(D("2027-01-01")));
  // 15 trading days strictly between 2026-12-14 and 2027-01-06: 13 in December (Dec 15-31),
  // then Jan 4 and 5 (Jan 1 is the provisional New Year closure).
  EXPECT_EQ(cal.TradingDaysBetween(D("2026-12-14"), D("2027-01-06")), 15);
  EXPECT_EQ(cal.AddTradingDays(D("2026-12-14"), 16), D("2027-01-06"));
}

// A plan published 2026-12-14: the 15 trading days run into 2027, so the first allowed sale day
// (2027-01-06) is provisional, and so is every verdict that relies on it.
TEST(ProvisionalCalendarTest, FifteenTradingDaysCrossingInto2027) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2026-12-14", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();

  const Verdict early =
      Check(l, MakeOrder("M", "2027-01-05", Method::kCentralizedBidding, 100'000));
  const Violation* x = Find(early, "PRE-15TD");
  ASSERT_NE(x, nullptr) << Rules(early);
  ASSERT_NE(IntFact(*x, "trading_days_between"), nullptr);
  EXPECT_EQ(*IntFact(*x, "trading_days_between"), 14);
  EXPECT_EQ(early.earliest_full_date.value_or(Date()), D("2027-01-06"));
  EXPECT_EQ(Years(early.calendar_provisional), std::vector<int>{2027});

  const Verdict ok = Check(l, MakeOrder("M", "2027-01-06", Method::kCentralizedBidding, 100'000));
  EXPECT_EQ(ok.outcome, Outcome::kPass) << Rules(ok);
  EXPECT_EQ(Years(ok.calendar_provisional), std::vector<int>{2027});

  // Ordered on the last official day: the date is official, but the earliest full date it
  // reports (2027-01-06) was counted on the provisional calendar.
  const Verdict dec31 =
      Check(l, MakeOrder("M", "2026-12-31", Method::kCentralizedBidding, 100'000));
  ASSERT_NE(Find(dec31, "PRE-15TD"), nullptr) << Rules(dec31);
  EXPECT_EQ(dec31.earliest_full_date.value_or(Date()), D("2027-01-06"));
  EXPECT_EQ(Years(dec31.calendar_provisional), std::vector<int>{2027});
}

// Counting only official days: no caveat, even on the last official day.
TEST(ProvisionalCalendarTest, NoCaveatWhenOnlyOfficialDaysAreCounted) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2026-11-02", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict pass = Check(l, MakeOrder("M", "2026-12-31", Method::kCentralizedBidding, 100'000));
  EXPECT_EQ(pass.outcome, Outcome::kPass) << Rules(pass);
  EXPECT_TRUE(pass.calendar_provisional.empty()) << Years(pass.calendar_provisional).size();

  const Verdict fail =  // 14 trading days between: the earliest date is still in 2026
      Check(l, MakeOrder("M", "2026-11-23", Method::kCentralizedBidding, 100'000));
  ASSERT_NE(Find(fail, "PRE-15TD"), nullptr) << Rules(fail);
  EXPECT_EQ(fail.earliest_full_date.value_or(Date()), D("2026-11-24"));
  EXPECT_TRUE(fail.calendar_provisional.empty());
}

// A 2027 order: the order date itself is provisional.
TEST(ProvisionalCalendarTest, AnOrderDatedIn2027IsJudgedWithTheCaveat) {
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2027-03-01", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2027-04-06", Method::kCentralizedBidding, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  EXPECT_EQ(Years(v.calendar_provisional), std::vector<int>{2027});
  EXPECT_EQ(v.rule_pack, "cn-2024");
}

// Beyond the last provisional year: still an error, never a guess.
TEST(ProvisionalCalendarTest, BeyondTheCalendarIsAnError) {
  ScenarioBuilder b = Major8pct();
  const Ledger l = b.Build();
  auto v =
      ShippedEvaluator().Check(MakeOrder("M", "2032-01-05", Method::kCentralizedBidding, 1), l);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kOutOfRange);
  EXPECT_NE(v.status().message().find("outside the trading calendar"), std::string::npos);
}

// Spring Festival 2019 (official, 国办发明电〔2018〕15号: Feb 4-10): a plan published 2019-01-21
// has 14 trading days before 2019-02-18 and 15 before 2019-02-19. No caveat (official year).
TEST(ProvisionalCalendarTest, PreAnnouncementAcrossSpringFestival2019) {
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  EXPECT_EQ(cal.TradingDaysBetween(D("2019-01-21"), D("2019-02-18")), 14);
  EXPECT_EQ(cal.TradingDaysBetween(D("2019-01-21"), D("2019-02-19")), 15);
  ScenarioBuilder b = Major8pct();
  b.Plan("M", "2019-01-21", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2019-02-18", Method::kCentralizedBidding, 100'000));
  EXPECT_EQ(v.rule_pack, "cn-2017-pre2020");
  const Violation* x = Find(v, "PRE-15TD");
  ASSERT_NE(x, nullptr) << Rules(v);
  ASSERT_NE(IntFact(*x, "trading_days_between"), nullptr);
  EXPECT_EQ(*IntFact(*x, "trading_days_between"), 14);
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2019-02-19"));
  EXPECT_TRUE(v.calendar_provisional.empty());
}

// Official 2018-2020 closures seen by the rules: Dec 31 2018 (New Year 2019) and the 2020
// Spring Festival extension (closed to Feb 2, reopened Feb 3).
TEST(ProvisionalCalendarTest, OfficialHolidays2018To2020) {
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  EXPECT_FALSE(cal.IsTradingDay(D("2018-12-31")));
  EXPECT_EQ(cal.AddTradingDays(D("2020-01-23"), 1), D("2020-02-03"));
  EXPECT_EQ(cal.TradingDaysBetween(D("2020-01-20"), D("2020-02-04")), 4);  // Jan 21-23, Feb 3
  EXPECT_FALSE(cal.IsTradingDay(D("2019-05-02")));  // Labour Day 2019 after the change
}

}  // namespace
}  // namespace reducheck::testing
