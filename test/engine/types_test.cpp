// Contract names of the vocabulary and verdict enums.
#include "reducheck/engine/types.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reducheck/engine/verdict.h"

namespace reducheck {
namespace {

std::string SwapCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// Checks Name(v) == name and Parse(name) == v for every pair, and that Parse rejects near misses.
template <typename E, typename ParseFn>
void ExpectNames(const std::vector<std::pair<E, std::string_view>>& pairs, ParseFn parse) {
  for (const auto& [value, name] : pairs) {
    EXPECT_EQ(Name(value), name);
    auto parsed = parse(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, value) << name;
    const std::string swapped = SwapCase(name);
    EXPECT_FALSE(parse(swapped).has_value()) << swapped;  // names are case-sensitive
    EXPECT_FALSE(parse(std::string(name) + " ").has_value()) << name;
  }
  EXPECT_FALSE(parse("").has_value());
  EXPECT_FALSE(parse("bogus").has_value());
}

TEST(TypesTest, ExchangeNames) {
  ExpectNames<Exchange>(
      {{Exchange::kSse, "SSE"}, {Exchange::kSzse, "SZSE"}, {Exchange::kBse, "BSE"}}, ParseExchange);
  EXPECT_FALSE(ParseExchange("sse").has_value());
}

TEST(TypesTest, BoardNames) {
  ExpectNames<Board>({{Board::kMain, "main"},
                      {Board::kStar, "star"},
                      {Board::kChinext, "chinext"},
                      {Board::kBse, "bse"}},
                     ParseBoard);
}

TEST(TypesTest, MethodNames) {
  ExpectNames<Method>({{Method::kCentralizedBidding, "centralized_bidding"},
                       {Method::kBlockTrade, "block_trade"},
                       {Method::kAgreementTransfer, "agreement_transfer"},
                       {Method::kInquiryTransfer, "inquiry_transfer"}},
                      ParseMethod);
}

TEST(TypesTest, SourceNames) {
  ExpectNames<Source>({{Source::kIpoOriginal, "ipo_original"},
                       {Source::kIpoSubscribed, "ipo_subscribed"},
                       {Source::kPublicOffering, "public_offering"},
                       {Source::kPrivatePlacement, "private_placement"},
                       {Source::kEquityIncentive, "equity_incentive"},
                       {Source::kSecondaryBidding, "secondary_bidding"},
                       {Source::kBlockTradePurchase, "block_trade_purchase"},
                       {Source::kAgreementTransferPurchase, "agreement_transfer_purchase"},
                       {Source::kInquiryTransferPurchase, "inquiry_transfer_purchase"},
                       {Source::kOther, "other"}},
                      ParseSource);
}

TEST(TypesTest, AcquiredFromNames) {
  ExpectNames<AcquiredFrom>({{AcquiredFrom::kMajorShareholder, "major_shareholder"},
                             {AcquiredFrom::kPreIpoHolder, "pre_ipo_holder"},
                             {AcquiredFrom::kOther, "other"}},
                            ParseAcquiredFrom);
}

TEST(TypesTest, RoleNames) {
  ExpectNames<Role>({{Role::kControllingShareholder, "controlling_shareholder"},
                     {Role::kActualController, "actual_controller"},
                     {Role::kMajorShareholder, "major_shareholder"},
                     {Role::kDirector, "director"},
                     {Role::kSupervisor, "supervisor"},
                     {Role::kSeniorManager, "senior_manager"},
                     {Role::kCoreTechnicalStaff, "core_technical_staff"},
                     {Role::kPreIpoShareholder, "pre_ipo_shareholder"},
                     {Role::kStrategicInvestor, "strategic_investor"},
                     {Role::kSponsorCoInvestor, "sponsor_coinvestor"}},
                    ParseRole);
  // Each role is one bit of the 16-bit RoleSet; the bits above the last role name nothing.
  static_assert(static_cast<unsigned>(Role::kSponsorCoInvestor) <= 0xFFFFu);
  static_assert(sizeof(RoleSet) * 8 == 16);
  for (int bit = 10; bit < 16; ++bit) {
    EXPECT_TRUE(Name(static_cast<Role>(1 << bit)).empty()) << bit;
  }
  const RoleSet set =
      static_cast<RoleSet>(Role::kDirector) | static_cast<RoleSet>(Role::kControllingShareholder);
  EXPECT_TRUE(HasRole(set, Role::kDirector));
  EXPECT_FALSE(HasRole(set, Role::kSupervisor));
}

TEST(TypesTest, CommitmentKindNames) {
  ExpectNames<CommitmentKind>(
      {{CommitmentKind::kNoSale, "no_sale"},
       {CommitmentKind::kPriceFloor, "price_floor"},
       {CommitmentKind::kMaxPerPeriod, "max_per_period"},
       {CommitmentKind::kExtendIfBelowIssuePrice, "extend_if_below_issue_price"}},
      ParseCommitmentKind);
}

TEST(TypesTest, AnnouncementKindNames) {
  ExpectNames<AnnouncementKind>({{AnnouncementKind::kReductionPlan, "reduction_plan"},
                                 {AnnouncementKind::kEquityChangeReport, "equity_change_report"},
                                 {AnnouncementKind::kCompletionReport, "completion_report"},
                                 {AnnouncementKind::kProgressReport, "progress_report"},
                                 {AnnouncementKind::kOnePercentNotice, "one_percent_notice"}},
                                ParseAnnouncementKind);
}

TEST(TypesTest, ReportKindNames) {
  ExpectNames<ReportKind>({{ReportKind::kAnnual, "annual"},
                           {ReportKind::kSemiannual, "semiannual"},
                           {ReportKind::kQuarterly, "quarterly"},
                           {ReportKind::kForecast, "forecast"},
                           {ReportKind::kFlash, "flash"}},
                          ParseReportKind);
}

TEST(VerdictNamesTest, CategoryName) {
  EXPECT_EQ(CategoryName(Category::kNone), "informational");
  EXPECT_EQ(CategoryName(Category::kRestrictedOriginalShares), "restricted_original_shares");
  EXPECT_EQ(CategoryName(Category::kRestrictedPeriodOther), "restricted_period_other");
  EXPECT_EQ(CategoryName(Category::kProcedural), "procedural");
  EXPECT_EQ(CategoryName(Category::kStopTrading), "stop_trading");
  EXPECT_EQ(CategoryName(Category::kShortSwing), "short_swing");
}

TEST(VerdictNamesTest, OutcomeName) {
  EXPECT_EQ(OutcomeName(Outcome::kPass), "pass");
  EXPECT_EQ(OutcomeName(Outcome::kFail), "fail");
  EXPECT_EQ(OutcomeName(Outcome::kUnknown), "unknown");
}

}  // namespace
}  // namespace reducheck
