// The Securities Law boundary of 2020-03-01 (issue 9 part 3; docs/rules.md "The 2020-03-01
// boundary"): up to 2020-02-29 the pack cn-2017-pre2020 applies the 2014 law — a 5% multiple
// freezes trading through the reporting period and 2 trading days after the report (Art.86(2)),
// no 1% notice, no loss of votes; from 2020-03-01 cn-2017-pre2022 applies the 2019 law's 3 days
// (Art.63(2)) and the 1% notice (Art.63(3)). Trading days of February 2020: the Spring Festival
// closure ran to 2020-02-02, then every weekday.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;  // 1% = 10,000,000
constexpr Method kCb = Method::kCentralizedBidding;

ScenarioBuilder Major(Shares holding) {
  ScenarioBuilder b("2015-06-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", holding,
                          Source::kIpoOriginal, D("2014-01-01"));
  return b;
}

Verdict Pinned(const Ledger& l, const Order& o, std::string_view pack) {
  auto v = ShippedEvaluator().Check(o, l, pack);
  if (!v.ok()) {
    ADD_FAILURE() << v.status().message();
    return Verdict{};
  }
  return std::move(v).value();
}

int OnePercentNotices(const Verdict& v) {
  int n = 0;
  for (const Obligation& o : v.obligations) n += o.kind == "report_1pct_change";
  return n;
}

TEST(Regime2020Test, PackBoundaryAt20200301) {
  const Ledger l = Major(60'000'000).Build();
  EXPECT_EQ(Check(l, MakeOrder("M", "2020-02-28", kCb, 1'000)).rule_pack, "cn-2017-pre2020");
  EXPECT_EQ(Check(l, MakeOrder("M", "2020-03-02", kCb, 1'000)).rule_pack, "cn-2017-pre2022");
  EXPECT_EQ(Check(l, MakeOrder("M", "2017-05-31", kCb, 1'000)).rule_pack, "cn-2017-pre2020");
}

// 12% -> 7% sold on Monday 2020-02-17 (5 points: a multiple under the amplitude reading),
// reported Wednesday 02-19. 2014 law: frozen through Friday 02-21 (report + 2 trading days),
// free on Monday 02-24; the same order pinned to the 2019 law's pack is still frozen on 02-24.
TEST(Regime2020Test, TwoDayTailAfterTheReportBefore20200301) {
  ScenarioBuilder b = Major(120'000'000);
  b.Sale("M", "2020-02-17", kCb, 50'000'000);
  b.Report("M", "2020-02-19");
  const Ledger l = b.Build();
  const Verdict last = Check(l, MakeOrder("M", "2020-02-21", kCb, 1'000));
  EXPECT_EQ(last.rule_pack, "cn-2017-pre2020");
  EXPECT_NE(Find(last, "EQ5-MULT"), nullptr) << Rules(last);
  const Verdict free = Check(l, MakeOrder("M", "2020-02-24", kCb, 1'000));
  EXPECT_EQ(Find(free, "EQ5-MULT"), nullptr) << Rules(free);
  const Verdict three = Pinned(l, MakeOrder("M", "2020-02-24", kCb, 1'000), "cn-2017-pre2022");
  EXPECT_NE(Find(three, "EQ5-MULT"), nullptr) << Rules(three);
  const Verdict after = Pinned(l, MakeOrder("M", "2020-02-25", kCb, 1'000), "cn-2017-pre2022");
  EXPECT_EQ(Find(after, "EQ5-MULT"), nullptr) << Rules(after);
}

// A tail that crosses the boundary: sold Monday 2020-02-24, reported Wednesday 02-26. Friday
// 02-28 is the 2014 law's last frozen day; Monday 2020-03-02 is judged by cn-2017-pre2022, whose
// 3-day tail still freezes it (the later, stricter number); Tuesday 03-03 is free.
TEST(Regime2020Test, TailCrossingTheBoundaryTakesTheLaterPacksDays) {
  ScenarioBuilder b = Major(120'000'000);
  b.Sale("M", "2020-02-24", kCb, 50'000'000);
  b.Report("M", "2020-02-26");
  const Ledger l = b.Build();
  EXPECT_NE(Find(Check(l, MakeOrder("M", "2020-02-28", kCb, 1'000)), "EQ5-MULT"), nullptr);
  const Verdict monday = Check(l, MakeOrder("M", "2020-03-02", kCb, 1'000));
  EXPECT_EQ(monday.rule_pack, "cn-2017-pre2022");
  EXPECT_NE(Find(monday, "EQ5-MULT"), nullptr) << Rules(monday);
  const Verdict tuesday = Check(l, MakeOrder("M", "2020-03-03", kCb, 1'000));
  EXPECT_EQ(Find(tuesday, "EQ5-MULT"), nullptr) << Rules(tuesday);
}

// 12.05% selling 1.5% reaches the 1-point level 11.05%: no 1% notice under the 2014 law (the
// last day, Friday 2020-02-28), one from Monday 2020-03-02.
TEST(Regime2020Test, OnePercentNoticeFrom20200301) {
  const Ledger l = Major(120'500'000).Build();
  const Verdict before = Check(l, MakeOrder("M", "2020-02-28", kCb, 15'000'000));
  EXPECT_EQ(OnePercentNotices(before), 0);
  EXPECT_EQ(Find(before, "EQ5-1PCT"), nullptr) << Rules(before);
  const Verdict after = Check(l, MakeOrder("M", "2020-03-02", kCb, 15'000'000));
  EXPECT_EQ(OnePercentNotices(after), 1);
}

// Citations follow the law of the day: EQ5-MULT cites the 2014 law's Art.86 up to 2020-02-29,
// the 2019 law's Art.63 from 2020-03-01.
TEST(Regime2020Test, EqMultCitesTheSecuritiesLawOfTheDay) {
  ScenarioBuilder b = Major(120'000'000);
  b.Sale("M", "2020-02-24", kCb, 50'000'000);
  const Ledger l = b.Build();  // no report: frozen on both days
  const Verdict before = Check(l, MakeOrder("M", "2020-02-28", kCb, 1'000));
  const Violation* x = Find(before, "EQ5-MULT");
  ASSERT_NE(x, nullptr) << Rules(before);
  EXPECT_NE(std::string(x->rule->citation_zh).find("2014"), std::string::npos)
      << x->rule->citation_zh;
  const Verdict after = Check(l, MakeOrder("M", "2020-03-02", kCb, 1'000));
  const Violation* y = Find(after, "EQ5-MULT");
  ASSERT_NE(y, nullptr) << Rules(after);
  EXPECT_NE(std::string(y->rule->citation_zh).find("第六十三条"), std::string::npos)
      << y->rule->citation_zh;
}

}  // namespace
}  // namespace reducheck::testing
