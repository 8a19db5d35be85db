// Penalty exposure (spec §9 PEN-DRAFT thresholds and tiers, A12; Securities Law Arts 186, 189).
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;  // 2% = 20,000,000; 5% = 50,000,000

// A specific shareholder over the 1% cap by `over` shares (category 3).
Verdict OverCap(Shares over, const char* price) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("S"), "L1", 49'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  Order o = MakeOrder("S", "2025-11-03", Method::kCentralizedBidding, 10'000'000 + over);
  if (price != nullptr) o.price = Money::Parse(price);
  return Check(l, o);
}

TEST(PenaltyTest, LighterBelowTwoPercentAndFortyMillion) {
  const Verdict v = OverCap(1'000'000, "30.00");
  ASSERT_EQ(v.penalties.size(), 1u);
  const PenaltyEstimate& p = v.penalties[0];
  EXPECT_EQ(p.category, Category::kProcedural);
  EXPECT_EQ(p.shares_in_breach, 1'000'000);
  EXPECT_EQ(*p.sale_amount, Money::FromYuan(30'000'000));
  EXPECT_EQ(p.circumstance, "lighter");
  EXPECT_EQ(*p.rate_min_bp, 0);
  EXPECT_EQ(*p.rate_max_bp, 1000);
  EXPECT_EQ(*p.fine_max, Money::FromYuan(3'000'000));
  EXPECT_EQ(*p.statutory_max, Money::FromYuan(30'000'000));
}

// Exactly 2% of total shares is not "below 2%"; with the amount at RMB 40M it is not below
// RMB 40M either: general circumstance, 10%-20%.
TEST(PenaltyTest, ExactlyTwoPercentAndFortyMillionIsGeneral) {
  const Verdict v = OverCap(20'000'000, "2.00");
  ASSERT_EQ(v.penalties.size(), 1u);
  EXPECT_EQ(v.penalties[0].circumstance, "general");
  EXPECT_EQ(*v.penalties[0].rate_min_bp, 1000);
  EXPECT_EQ(*v.penalties[0].rate_max_bp, 2000);
  EXPECT_EQ(*v.penalties[0].fine_min, Money::FromYuan(4'000'000));
  EXPECT_EQ(*v.penalties[0].fine_max, Money::FromYuan(8'000'000));
  // One share fewer is below 2%: lighter.
  EXPECT_EQ(OverCap(19'999'999, "2.00").penalties[0].circumstance, "lighter");
}

TEST(PenaltyTest, HeavierNeedsMoreThanFivePercentAndFiveHundredMillion) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("S"), "L1", 200'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  Order o = MakeOrder("S", "2025-11-03", Method::kBlockTrade, 20'000'000 + 50'000'001);
  o.price = Money::Parse("10.00");
  // 50,000,001 in breach of the 2% block-trade cap (also PRE-15TD for a 20% holder).
  const Verdict v = Check(l, o);
  ASSERT_FALSE(v.penalties.empty());
  EXPECT_EQ(v.penalties[0].circumstance, "heavier");
  EXPECT_EQ(*v.penalties[0].rate_max_bp, 10000);  // A12: never above 100% of the amount
}

TEST(PenaltyTest, NoPriceGivesNoAmount) {
  const Verdict v = OverCap(1'000'000, nullptr);
  ASSERT_EQ(v.penalties.size(), 1u);
  EXPECT_FALSE(v.penalties[0].sale_amount);
  EXPECT_FALSE(v.penalties[0].fine_max);
  EXPECT_EQ(v.penalties[0].circumstance, "lighter");  // decided by quantity alone
}

TEST(PenaltyTest, LeadCategoryIsTheHeaviestAndEachCategoryIsListed) {
  // Pre-IPO shares locked (category 1) and over the cap (category 3).
  ScenarioBuilder b("2025-03-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("S"), "L1", 40'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  Order o = MakeOrder("S", "2025-11-03", Method::kCentralizedBidding, 12'000'000);
  o.price = Money::Parse("10.00");
  const Verdict v = Check(l, o);
  ASSERT_EQ(v.penalties.size(), 2u);
  EXPECT_EQ(v.penalties[0].category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(*v.penalties[0].rate_max_bp, 3000);  // lighter: 0%-30%
  EXPECT_EQ(v.penalties[1].category, Category::kProcedural);
}

// Category 4: fixed fines without a gain estimate; multiples of the gain with one >= RMB 1M.
TEST(PenaltyTest, StopTradingFixedOrGainMultiple) {
  ScenarioBuilder b("2020-01-10", 500'000'000);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 52'000'000,
                          Source::kIpoOriginal);
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  const Ledger l = b.Build();
  Order o = MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 2'500'000);
  o.price = Money::Parse("10.00");
  const Verdict fixed = Check(l, o);
  ASSERT_EQ(fixed.penalties.size(), 1u);
  EXPECT_EQ(fixed.penalties[0].category, Category::kStopTrading);
  EXPECT_EQ(fixed.penalties[0].basis, "fixed_amount");
  EXPECT_EQ(*fixed.penalties[0].fine_max, Money::FromYuan(1'000'000));  // lighter: up to 1M
  o.gain_estimate = Money::FromYuan(2'000'000);
  const Verdict gain = Check(l, o);
  EXPECT_EQ(gain.penalties[0].basis, "gain_multiple");
  EXPECT_EQ(*gain.penalties[0].multiple_max, 3);
  EXPECT_EQ(*gain.penalties[0].fine_max, Money::FromYuan(6'000'000));
}

TEST(PenaltyTest, PassingOrderHasNoPenalty) { EXPECT_TRUE(OverCap(0, "30.00").penalties.empty()); }

}  // namespace
}  // namespace reducheck::testing
