// ShareCapital: the total share capital over time and the restatement of share counts across
// bonus issues, capitalisations and splits (company.corporate_actions; issue 15).
#include "reducheck/engine/share_capital.h"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <vector>

namespace reducheck {
namespace {

Date D(const char* iso) { return boost::gregorian::from_simple_string(iso); }

CorporateAction Bonus(const char* date, std::int64_t per_10_units,
                      CorporateActionKind k = CorporateActionKind::kBonus) {
  CorporateAction a;
  a.kind = k;
  a.date = D(date);
  a.per_10_units = per_10_units;
  return a;
}
CorporateAction Split(const char* date, std::int64_t from, std::int64_t to) {
  CorporateAction a;
  a.kind = CorporateActionKind::kSplit;
  a.date = D(date);
  a.split_from = from;
  a.split_to = to;
  return a;
}
CorporateAction Capital(const char* date, Shares shares, bool issue) {
  CorporateAction a;
  a.kind = issue ? CorporateActionKind::kIssuance : CorporateActionKind::kCancellation;
  a.date = D(date);
  a.shares = shares;
  return a;
}

ShareCapital Make(Shares total, std::vector<CorporateAction> actions) {
  auto c = ShareCapital::Build(total, actions);
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? std::move(c).value() : ShareCapital();
}

TEST(ShareCapitalTest, NoActionsMeansOneTotalAndFactorOne) {
  const ShareCapital c = Make(1'000'000, {});
  EXPECT_EQ(c.TotalOn(D("2020-01-01")), 1'000'000);
  EXPECT_EQ(c.TotalInCurrentUnits(D("2026-06-01")), 1'000'000);
  EXPECT_TRUE(c.FactorBetween(D("2020-01-01"), D("2026-01-01")).is_one());
  EXPECT_EQ(c.ToCurrentUnits(777, D("2020-01-01"), Round::kUp), 777);
  EXPECT_FALSE(c.LastProRata());
}

// 10-for-10 bonus on 2026-06-10: 400,000,000 before, 800,000,000 from the ex-date on.
TEST(ShareCapitalTest, BonusDoublesFromItsExDate) {
  const ShareCapital c = Make(800'000'000, {Bonus("2026-06-10", 100'000)});
  EXPECT_EQ(c.TotalOn(D("2026-06-09")), 400'000'000);
  EXPECT_EQ(c.TotalOn(D("2026-06-10")), 800'000'000);
  EXPECT_EQ(c.TotalInCurrentUnits(D("2026-06-09")), 800'000'000);  // same capital, new units
  const Factor f = c.FactorBetween(D("2026-06-09"), D("2026-06-10"));
  EXPECT_EQ(f.num, 2);
  EXPECT_EQ(f.den, 1);
  EXPECT_TRUE(c.FactorBetween(D("2026-06-10"), D("2026-12-31")).is_one());  // (from, to]
  EXPECT_EQ(c.Restate(10'000, D("2026-03-02"), D("2026-07-01"), Round::kDown), 20'000);
  EXPECT_EQ(c.Restate(20'001, D("2026-07-01"), D("2026-03-02"), Round::kDown), 10'000);
  EXPECT_EQ(c.Restate(20'001, D("2026-07-01"), D("2026-03-02"), Round::kUp), 10'001);
  EXPECT_EQ(c.LastProRata(), D("2026-06-10"));
  EXPECT_EQ(FactorText(f), "2");
}

// 10送3 and 转增5 on one date add up to 8 per 10 (factor 1.8), not 1.3 x 1.5.
TEST(ShareCapitalTest, SameDateBonusAndConversionAddUp) {
  const ShareCapital c = Make(
      1'800'000,
      {Bonus("2025-07-01", 30'000), Bonus("2025-07-01", 50'000, CorporateActionKind::kConversion)});
  const Factor f = c.FactorBetween(D("2025-01-01"), D("2025-12-31"));
  EXPECT_EQ(FactorText(f), "1.8");
  EXPECT_EQ(c.TotalOn(D("2025-06-30")), 1'000'000);
  EXPECT_EQ(Apply(7, f, Round::kDown), 12);  // 12.6
  EXPECT_EQ(Apply(7, f, Round::kUp), 13);
  EXPECT_EQ(Apply(7, f, Round::kNearest), 13);
  EXPECT_EQ(FactorText(Factor{37, 25}), "1.48");
  EXPECT_EQ(FactorText(Factor{10, 3}), "10/3");
}

TEST(ShareCapitalTest, SplitsAndConsolidations) {
  const ShareCapital c = Make(300, {Split("2024-05-06", 1, 3), Split("2025-05-06", 10, 1)});
  EXPECT_EQ(c.TotalOn(D("2024-05-05")), 1'000);
  EXPECT_EQ(c.TotalOn(D("2024-05-06")), 3'000);
  EXPECT_EQ(c.TotalOn(D("2025-05-06")), 300);
  EXPECT_EQ(FactorText(c.FactorBetween(D("2024-01-01"), D("2026-01-01"))), "0.3");
}

// Issuances and cancellations change the total only: no restatement of holdings.
TEST(ShareCapitalTest, IssuanceAndCancellationChangeOnlyTheTotal) {
  const ShareCapital c = Make(1'150'000'000, {Capital("2026-02-02", 200'000'000, true),
                                              Capital("2026-05-11", 50'000'000, false)});
  EXPECT_EQ(c.TotalOn(D("2026-02-01")), 1'000'000'000);
  EXPECT_EQ(c.TotalOn(D("2026-02-02")), 1'200'000'000);
  EXPECT_EQ(c.TotalOn(D("2026-05-10")), 1'200'000'000);
  EXPECT_EQ(c.TotalOn(D("2026-05-11")), 1'150'000'000);
  EXPECT_TRUE(c.FactorBetween(D("2020-01-01"), D("2026-12-31")).is_one());
  EXPECT_FALSE(c.LastProRata());
  EXPECT_EQ(c.MinTotalInCurrentUnits(D("2026-01-15"), D("2026-03-01")), 1'000'000'000);
  EXPECT_EQ(c.MinTotalInCurrentUnits(D("2026-03-01"), D("2026-06-01")), 1'150'000'000);
}

// A placement after a bonus, on the same date: the issued shares are post-bonus shares.
TEST(ShareCapitalTest, IssuanceOnABonusDateIsInPostBonusShares) {
  const ShareCapital c =
      Make(2'100, {Bonus("2026-06-10", 100'000), Capital("2026-06-10", 100, true)});
  EXPECT_EQ(c.TotalOn(D("2026-06-09")), 1'000);
  EXPECT_EQ(c.TotalOn(D("2026-06-10")), 2'100);
  EXPECT_EQ(c.TotalInCurrentUnits(D("2026-06-09")), 2'000);
}

std::optional<CapitalProblem> Check(Shares total, std::vector<CorporateAction> actions) {
  return ShareCapital::Check(total, actions);
}

TEST(ShareCapitalTest, ProblemsNameTheAction) {
  // The total is after every action: issuing 1,000 leaves nothing before the issuance.
  auto p = Check(1'000, {Capital("2025-03-03", 10, false), Capital("2026-01-05", 1'000, true)});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->action, 1);
  EXPECT_NE(p->message.find("more shares issued"), std::string::npos) << p->message;
  EXPECT_FALSE(Check(1'000, {Capital("2026-01-05", 999, true)}));
  EXPECT_FALSE(Check(1'000, {Capital("2026-01-05", 5'000, false)}));  // 6,000 before
  p = Check(1'000, {Bonus("2026-01-05", 10'000), Split("2026-01-05", 1, 2)});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->action, 1);
  EXPECT_NE(p->message.find("same date"), std::string::npos);
  p = Check(1'000, {Split("2026-01-05", 2, 2)});
  ASSERT_TRUE(p);
  p = Check(1'000, {Bonus("2026-01-05", 0)});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->action, 0);
  // Ratios whose product leaves exact 64-bit arithmetic.
  std::vector<CorporateAction> spread;
  for (int y = 2000; y < 2030; ++y) {
    CorporateAction a = Split("2000-01-01", 997, 991);
    a.date = Date(static_cast<unsigned short>(y), 1, 3);
    spread.push_back(a);
  }
  p = Check(1'000'000'000, spread);
  ASSERT_TRUE(p);
  EXPECT_NE(p->message.find("exact arithmetic"), std::string::npos);
  EXPECT_FALSE(ShareCapital::Build(1'000'000'000, spread).ok());
}

}  // namespace
}  // namespace reducheck
