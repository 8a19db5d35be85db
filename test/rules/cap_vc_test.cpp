// Boundary tests of CAP-VC, the reverse link of the CSRC Special Provisions on VC fund
// shareholders (2018; 2020 revision Art.2): a qualifying fund's pre-IPO shares keep the 1% / 2%
// caps over a window that shortens with its investment period to the listing (docs/rules.md,
// "CAP-VC").
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;  // 1% = 10,000,000; 2% = 20,000,000

// A non-major VC fund (3%, all pre-IPO) of a company listed 2020-01-10, investment period
// starting `invested`: no plan needed (not a major shareholder), lock-ups long over in 2025.
ScenarioBuilder Vc(const char* invested, Shares shares = 30'000'000) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("VC");
  h.vc_invested_on = D(invested);
  ScenarioBuilder::AddLot(h, "L1", shares, Source::kIpoOriginal);
  return b;
}

const Fact* FactOf(const Violation& v, std::string_view key) {
  for (const Fact& f : v.facts) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

// 1% sold on 2025-10-13: the ordinary window [D-89, D] still holds it on 2025-12-12, the 60-day
// window [D-59, D] holds it on 2025-12-11 (59 days later) but not on 2025-12-12 (60 days).
constexpr const char* kSale = "2025-10-13";

TEST(CapVcTest, ThirtySixMonthsExactlyTakesTheSixtyDayWindowOneDayLessTheOrdinaryCap) {
  // 2017-01-10 -> 2020-01-10: 36 months as of the listing date.
  ScenarioBuilder at36 = Vc("2017-01-10");
  at36.Sale("VC", kSale, Method::kCentralizedBidding, 10'000'000);
  const Ledger l36 = at36.Build();
  const Verdict pass = Check(l36, MakeOrder("VC", "2025-12-12", Method::kCentralizedBidding, 1));
  EXPECT_EQ(pass.outcome, Outcome::kPass) << Rules(pass);
  // 2017-01-11 -> 2020-01-10: 35 months (one day short): the ordinary 90-day window.
  ScenarioBuilder at35 = Vc("2017-01-11");
  at35.Sale("VC", kSale, Method::kCentralizedBidding, 10'000'000);
  const Ledger l35 = at35.Build();
  const Verdict fail = Check(l35, MakeOrder("VC", "2025-12-12", Method::kCentralizedBidding, 1));
  const Violation* x = Find(fail, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(fail);
  EXPECT_EQ(Find(fail, "CAP-VC"), nullptr);
  EXPECT_EQ(x->shares_in_breach, 1);
  const Fact* why = FactOf(*x, "vc_reverse_link_not_applied");
  ASSERT_NE(why, nullptr);
  EXPECT_EQ(std::get<std::string>(why->value), "investment period to the listing under 36 months");
  EXPECT_EQ(std::get<std::int64_t>(FactOf(*x, "vc_investment_months")->value), 35);
}

TEST(CapVcTest, SaleFiftyNineDaysAgoIsInTheSixtyDayWindowSixtyDaysAgoIsOut) {
  ScenarioBuilder b = Vc("2017-01-10");
  b.Sale("VC", kSale, Method::kCentralizedBidding, 10'000'000);
  const Ledger l = b.Build();
  const Verdict in = Check(l, MakeOrder("VC", "2025-12-11", Method::kCentralizedBidding, 1));
  const Violation* x = Find(in, "CAP-VC");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(x->category, Category::kProcedural);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(Find(in, "CAP-CB-1PCT"), nullptr);
  EXPECT_EQ(std::get<DateRange>(FactOf(*x, "window")->value).first, D("2025-10-13"));
  EXPECT_EQ(std::get<std::int64_t>(FactOf(*x, "vc_window_days")->value), 60);
  EXPECT_EQ(std::get<std::int64_t>(FactOf(*x, "vc_investment_months")->value), 36);
  EXPECT_EQ(std::get<Date>(FactOf(*x, "vc_invested_on")->value), D("2017-01-10"));
  EXPECT_NE(x->message.en.find("any 60 consecutive days"), std::string::npos) << x->message.en;
  EXPECT_NE(x->message.zh.find("任意连续 60 日"), std::string::npos) << x->message.zh;
  EXPECT_NE(std::string(x->rule->citation_zh).find("创业投资基金"), std::string::npos);
  EXPECT_EQ(in.binding_rule, "CAP-VC");
  EXPECT_EQ(in.max_compliant_shares, 0);
  // The day the sale leaves the shorter window (not the ordinary one, 30 days later).
  EXPECT_EQ(in.earliest_full_date.value_or(Date()), D("2025-12-12"));
  EXPECT_EQ(
      Check(l, MakeOrder("VC", "2025-12-12", Method::kCentralizedBidding, 10'000'000)).outcome,
      Outcome::kPass);
}

TEST(CapVcTest, ExactlyOnePercentInTheSixtyDayWindowPassesOneMoreShareFails) {
  ScenarioBuilder b = Vc("2016-06-30");  // 42 months
  b.Sale("VC", "2025-11-03", Method::kCentralizedBidding, 4'000'000);
  b.Sale("VC", "2025-09-01", Method::kCentralizedBidding, 9'000'000);  // 91 days: out anyway
  const Ledger l = b.Build();
  const Verdict ok =
      Check(l, MakeOrder("VC", "2025-12-01", Method::kCentralizedBidding, 6'000'000));
  EXPECT_EQ(ok.outcome, Outcome::kPass) << Rules(ok);
  EXPECT_EQ(ok.max_compliant_shares, 6'000'000);
  EXPECT_EQ(ok.binding_rule, "CAP-VC");
  const Verdict over =
      Check(l, MakeOrder("VC", "2025-12-01", Method::kCentralizedBidding, 6'000'001));
  const Violation* x = Find(over, "CAP-VC");
  ASSERT_NE(x, nullptr) << Rules(over);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(std::get<std::int64_t>(FactOf(*x, "sold_in_window")->value), 4'000'000);
}

TEST(CapVcTest, FortyEightMonthsTakesTheThirtyDayWindowFortySevenTheSixty) {
  // 2016-01-10 -> 2020-01-10: 48 months: [D-29, D]; a sale 30 days before has left it.
  ScenarioBuilder at48 = Vc("2016-01-10");
  at48.Sale("VC", "2025-11-03", Method::kCentralizedBidding, 10'000'000);
  const Ledger l48 = at48.Build();
  EXPECT_EQ(Check(l48, MakeOrder("VC", "2025-12-03", Method::kCentralizedBidding, 1)).outcome,
            Outcome::kPass);
  const Verdict in48 = Check(l48, MakeOrder("VC", "2025-12-02", Method::kCentralizedBidding, 1));
  const Violation* x = Find(in48, "CAP-VC");
  ASSERT_NE(x, nullptr) << Rules(in48);
  EXPECT_EQ(std::get<std::int64_t>(FactOf(*x, "vc_window_days")->value), 30);
  EXPECT_EQ(in48.earliest_full_date.value_or(Date()), D("2025-12-03"));
  // 2016-01-11: 47 months, the 60-day window still holds the sale.
  ScenarioBuilder at47 = Vc("2016-01-11");
  at47.Sale("VC", "2025-11-03", Method::kCentralizedBidding, 10'000'000);
  const Ledger l47 = at47.Build();
  const Verdict v47 = Check(l47, MakeOrder("VC", "2025-12-03", Method::kCentralizedBidding, 1));
  ASSERT_NE(Find(v47, "CAP-VC"), nullptr) << Rules(v47);
  EXPECT_EQ(std::get<std::int64_t>(FactOf(*Find(v47, "CAP-VC"), "vc_window_days")->value), 60);
}

TEST(CapVcTest, SixtyMonthsHasNoRatioLimitForBiddingFiftyNineTheThirtyDayWindow) {
  // 2015-01-10 -> 2020-01-10: 60 months. 2% by bidding in a day after 1% the week before.
  ScenarioBuilder at60 = Vc("2015-01-10");
  at60.Sale("VC", "2025-11-24", Method::kCentralizedBidding, 10'000'000);
  const Ledger l60 = at60.Build();
  const Verdict v =
      Check(l60, MakeOrder("VC", "2025-12-01", Method::kCentralizedBidding, 20'000'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
  EXPECT_EQ(v.max_compliant_shares, 30'000'000);  // the holding
  EXPECT_EQ(v.binding_rule, "HOLDINGS");
  // 2015-01-11: 59 months: 30-day window, 1% already sold in it.
  ScenarioBuilder at59 = Vc("2015-01-11");
  at59.Sale("VC", "2025-11-24", Method::kCentralizedBidding, 10'000'000);
  const Ledger l59 = at59.Build();
  const Verdict v59 =
      Check(l59, MakeOrder("VC", "2025-12-01", Method::kCentralizedBidding, 10'000'000));
  const Violation* x = Find(v59, "CAP-VC");
  ASSERT_NE(x, nullptr) << Rules(v59);
  EXPECT_EQ(x->shares_in_breach, 10'000'000);
  EXPECT_EQ(v59.earliest_full_date.value_or(Date()), D("2025-12-24"));
}

TEST(CapVcTest, SixtyMonthsBlockTradesKeepTheThirtyDayWindow) {
  // vc_bt_unlimited is false in the shipped packs (the block-trade answer was not verified).
  ScenarioBuilder b = Vc("2014-06-01", 40'000'000);
  b.Sale("VC", "2025-11-24", Method::kBlockTrade, 5'000'000);
  const Ledger l = b.Build();
  EXPECT_EQ(Check(l, MakeOrder("VC", "2025-12-01", Method::kBlockTrade, 15'000'000)).outcome,
            Outcome::kPass);
  const Verdict over = Check(l, MakeOrder("VC", "2025-12-01", Method::kBlockTrade, 15'000'001));
  const Violation* x = Find(over, "CAP-VC");
  ASSERT_NE(x, nullptr) << Rules(over);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(std::get<std::int64_t>(FactOf(*x, "vc_window_days")->value), 30);
  // Block trades 31 days after are outside the 30-day window.
  EXPECT_EQ(Check(l, MakeOrder("VC", "2025-12-25", Method::kBlockTrade, 20'000'000)).outcome,
            Outcome::kPass);
}

// A major VC fund (8%) with no ratio limit still needs its plan and stops at 5% (EQ5-MULT).
TEST(CapVcTest, NoRatioLimitStillObeysThePlanAndTheFivePercentRule) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("VC", R(Role::kMajorShareholder));
  h.vc_invested_on = D("2014-01-01");
  ScenarioBuilder::AddLot(h, "L1", 80'000'000, Source::kIpoOriginal);
  const Ledger no_plan = b.Build();
  const Verdict v =
      Check(no_plan, MakeOrder("VC", "2025-12-01", Method::kCentralizedBidding, 20'000'000));
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr) << Rules(v);
  EXPECT_EQ(Find(v, "CAP-VC"), nullptr);
  EXPECT_EQ(Find(v, "CAP-CB-1PCT"), nullptr);
  b.Plan("VC", "2025-10-09", 60'000'000);
  const Ledger planned = b.Build();
  const Verdict two =
      Check(planned, MakeOrder("VC", "2025-12-01", Method::kCentralizedBidding, 20'000'000));
  EXPECT_EQ(two.outcome, Outcome::kPass) << Rules(two);
  // 8% -> 4.5%: stops at 5% (30,000,000 shares), whatever the cap.
  const Verdict past5 =
      Check(planned, MakeOrder("VC", "2025-12-01", Method::kCentralizedBidding, 35'000'000));
  const Violation* x = Find(past5, "EQ5-MULT");
  ASSERT_NE(x, nullptr) << Rules(past5);
  EXPECT_EQ(x->shares_in_breach, 5'000'000);
  EXPECT_EQ(Find(past5, "CAP-VC"), nullptr);
  EXPECT_EQ(past5.max_compliant_shares, 30'000'000);
}

// Other capped shares of the same fund (a major holder's placement lot): the ordinary 90-day
// window binds them all (the relief is not applied; conservative).
TEST(CapVcTest, OtherCappedLotsKeepTheOrdinaryWindow) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("VC", R(Role::kMajorShareholder));
  h.vc_invested_on = D("2017-01-10");
  ScenarioBuilder::AddLot(h, "L1", 60'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(h, "PP", 10'000'000, Source::kPrivatePlacement, D("2023-01-05"));
  b.Plan("VC", "2025-11-03", 40'000'000);
  b.Sale("VC", kSale, Method::kCentralizedBidding, 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("VC", "2025-12-12", Method::kCentralizedBidding, 1));
  const Violation* x = Find(v, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(Find(v, "CAP-VC"), nullptr);
  EXPECT_EQ(std::get<std::string>(FactOf(*x, "vc_reverse_link_not_applied")->value),
            "the holder has capped shares other than pre-IPO shares");
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-01-12"));  // 91 days after the sale
}

// A non-major fund's market-bought shares are outside the caps: sold after the capped quota.
TEST(CapVcTest, NonMajorFundsMarketSharesStayOutsideTheCaps) {
  ScenarioBuilder b = Vc("2017-01-10");
  ScenarioBuilder::AddLot(b.scenario().holders[0], "MKT", 5'000'000, Source::kSecondaryBidding);
  b.Sale("VC", kSale, Method::kCentralizedBidding, 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("VC", "2025-12-11", Method::kCentralizedBidding, 5'000'001));
  const Violation* x = Find(v, "CAP-VC");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(v.max_compliant_shares, 5'000'000);
}

TEST(CapVcTest, ConcertGroupKeepsTheGroupsOrdinaryCap) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("VC", 0, "G");
  h.vc_invested_on = D("2014-01-01");
  ScenarioBuilder::AddLot(h, "L1", 20'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(b.AddHolder("P", 0, "G"), "L2", 20'000'000, Source::kIpoOriginal);
  b.Sale("P", kSale, Method::kCentralizedBidding, 10'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("VC", "2025-12-12", Method::kCentralizedBidding, 1));
  const Violation* x = Find(v, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(std::get<std::string>(FactOf(*x, "vc_reverse_link_not_applied")->value),
            "the fund acts in concert: the group's ordinary caps bind");
}

// The packs by date: CAP-VC applies from the 2018 provisions (2018-06-02); under them a fund of
// 48 months or more has the 30-day window; no ratio limit from the 2020 revision (2020-03-31).
TEST(CapVcTest, AppliesFromTheInstrumentsDates) {
  ScenarioBuilder b("2017-01-10", kTotal);
  Holder& h = b.AddHolder("VC");
  h.vc_invested_on = D("2011-06-01");                                  // 67 months to the listing
  ScenarioBuilder::AddLot(h, "L1", 30'000'000, Source::kIpoOriginal);  // 4% before the sale
  b.Sale("VC", "2018-05-02", Method::kCentralizedBidding, 10'000'000);
  const Ledger l = b.Build();
  // 2018-06-01 (cn-2017-pre2020, before the provisions): the ordinary window holds the sale.
  const Verdict before = Check(l, MakeOrder("VC", "2018-06-01", Method::kCentralizedBidding, 1));
  EXPECT_EQ(before.rule_pack, "cn-2017-pre2020");
  const Violation* x = Find(before, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(before);
  EXPECT_EQ(std::get<std::string>(FactOf(*x, "vc_reverse_link_not_applied")->value),
            "the rule pack does not apply CAP-VC on this date");
  EXPECT_EQ(before.earliest_full_date.value_or(Date()), D("2018-06-04"));
  // 2018-06-04: the 30-day window [05-06, 06-04] no longer holds it.
  EXPECT_EQ(Check(l, MakeOrder("VC", "2018-06-04", Method::kCentralizedBidding, 1)).outcome,
            Outcome::kPass);
  // 2019: 67 months, but the 2018 text has no unlimited tier: 1% in any 30 days.
  const Verdict y2019 =
      Check(l, MakeOrder("VC", "2019-03-04", Method::kCentralizedBidding, 10'000'001));
  ASSERT_NE(Find(y2019, "CAP-VC"), nullptr) << Rules(y2019);
  EXPECT_NE(std::string(Find(y2019, "CAP-VC")->rule->citation_zh).find("〔2018〕4号"),
            std::string::npos);
  // cn-2017-pre2022: still the 2018 numbers until 2020-03-30, no limit from 2020-03-31.
  const Verdict march =
      Check(l, MakeOrder("VC", "2020-03-30", Method::kCentralizedBidding, 10'000'001));
  EXPECT_EQ(march.rule_pack, "cn-2017-pre2022");
  ASSERT_NE(Find(march, "CAP-VC"), nullptr) << Rules(march);
  EXPECT_EQ(march.earliest_full_date.value_or(Date()), D("2020-03-31"));
  const Verdict april =
      Check(l, MakeOrder("VC", "2020-03-31", Method::kCentralizedBidding, 20'000'000));
  EXPECT_EQ(april.outcome, Outcome::kPass) << Rules(april);
  const Verdict cited = Check(l, MakeOrder("VC", "2020-04-01", Method::kBlockTrade, 20'000'001));
  ASSERT_NE(Find(cited, "CAP-VC"), nullptr) << Rules(cited);
  EXPECT_NE(std::string(Find(cited, "CAP-VC")->rule->citation_zh).find("2020年修订"),
            std::string::npos);
}

}  // namespace
}  // namespace reducheck::testing
