// Contract names of the vocabulary enums (docs/input-format.md). The spellings are part of the
// input and output contract: never change one, add a new value instead.
#include "reducheck/engine/types.h"

#include <array>
#include <utility>

namespace reducheck {
namespace {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

constexpr NameTable<Exchange, 3> kExchanges{{
    {Exchange::kSse, "SSE"},
    {Exchange::kSzse, "SZSE"},
    {Exchange::kBse, "BSE"},
}};
constexpr NameTable<ShareClass, 2> kShareClasses{{
    {ShareClass::kA, "A"},
    {ShareClass::kH, "H"},
}};
constexpr NameTable<Board, 4> kBoards{{
    {Board::kMain, "main"},
    {Board::kStar, "star"},
    {Board::kChinext, "chinext"},
    {Board::kBse, "bse"},
}};
constexpr NameTable<Method, 4> kMethods{{
    {Method::kCentralizedBidding, "centralized_bidding"},
    {Method::kBlockTrade, "block_trade"},
    {Method::kAgreementTransfer, "agreement_transfer"},
    {Method::kInquiryTransfer, "inquiry_transfer"},
}};
constexpr NameTable<Source, 10> kSources{{
    {Source::kIpoOriginal, "ipo_original"},
    {Source::kIpoSubscribed, "ipo_subscribed"},
    {Source::kPublicOffering, "public_offering"},
    {Source::kPrivatePlacement, "private_placement"},
    {Source::kEquityIncentive, "equity_incentive"},
    {Source::kSecondaryBidding, "secondary_bidding"},
    {Source::kBlockTradePurchase, "block_trade_purchase"},
    {Source::kAgreementTransferPurchase, "agreement_transfer_purchase"},
    {Source::kInquiryTransferPurchase, "inquiry_transfer_purchase"},
    {Source::kOther, "other"},
}};
constexpr NameTable<AcquiredFrom, 3> kAcquiredFrom{{
    {AcquiredFrom::kMajorShareholder, "major_shareholder"},
    {AcquiredFrom::kPreIpoHolder, "pre_ipo_holder"},
    {AcquiredFrom::kOther, "other"},
}};
constexpr NameTable<Role, 10> kRoles{{
    {Role::kControllingShareholder, "controlling_shareholder"},
    {Role::kActualController, "actual_controller"},
    {Role::kMajorShareholder, "major_shareholder"},
    {Role::kDirector, "director"},
    {Role::kSupervisor, "supervisor"},
    {Role::kSeniorManager, "senior_manager"},
    {Role::kCoreTechnicalStaff, "core_technical_staff"},
    {Role::kPreIpoShareholder, "pre_ipo_shareholder"},
    {Role::kStrategicInvestor, "strategic_investor"},
    {Role::kSponsorCoInvestor, "sponsor_coinvestor"},
}};
constexpr NameTable<CommitmentKind, 4> kCommitmentKinds{{
    {CommitmentKind::kNoSale, "no_sale"},
    {CommitmentKind::kPriceFloor, "price_floor"},
    {CommitmentKind::kMaxPerPeriod, "max_per_period"},
    {CommitmentKind::kExtendIfBelowIssuePrice, "extend_if_below_issue_price"},
}};
constexpr NameTable<AnnouncementKind, 5> kAnnouncementKinds{{
    {AnnouncementKind::kReductionPlan, "reduction_plan"},
    {AnnouncementKind::kEquityChangeReport, "equity_change_report"},
    {AnnouncementKind::kCompletionReport, "completion_report"},
    {AnnouncementKind::kProgressReport, "progress_report"},
    {AnnouncementKind::kOnePercentNotice, "one_percent_notice"},
}};
constexpr NameTable<ReportKind, 5> kReportKinds{{
    {ReportKind::kAnnual, "annual"},
    {ReportKind::kSemiannual, "semiannual"},
    {ReportKind::kQuarterly, "quarterly"},
    {ReportKind::kForecast, "forecast"},
    {ReportKind::kFlash, "flash"},
}};

constexpr NameTable<CorporateActionKind, 5> kCorporateActionKinds{{
    {CorporateActionKind::kBonus, "bonus"},
    {CorporateActionKind::kConversion, "conversion"},
    {CorporateActionKind::kSplit, "split"},
    {CorporateActionKind::kIssuance, "issuance"},
    {CorporateActionKind::kCancellation, "cancellation"},
}};

// Name of v, or "" for a value outside the enum (only reachable through a bad cast).
template <typename E, std::size_t N>
constexpr std::string_view Lookup(const NameTable<E, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return {};
}

// Exact, case-sensitive match of a contract name.
template <typename E, std::size_t N>
constexpr std::optional<E> Find(const NameTable<E, N>& table, std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view Name(Exchange v) { return Lookup(kExchanges, v); }
std::string_view Name(Board v) { return Lookup(kBoards, v); }
std::string_view Name(ShareClass v) { return Lookup(kShareClasses, v); }
std::string_view Name(Method v) { return Lookup(kMethods, v); }
std::string_view Name(Source v) { return Lookup(kSources, v); }
std::string_view Name(AcquiredFrom v) { return Lookup(kAcquiredFrom, v); }
std::string_view Name(Role v) { return Lookup(kRoles, v); }
std::string_view Name(CommitmentKind v) { return Lookup(kCommitmentKinds, v); }
std::string_view Name(AnnouncementKind v) { return Lookup(kAnnouncementKinds, v); }
std::string_view Name(ReportKind v) { return Lookup(kReportKinds, v); }
std::string_view Name(CorporateActionKind v) { return Lookup(kCorporateActionKinds, v); }

std::optional<Exchange> ParseExchange(std::string_view s) { return Find(kExchanges, s); }
std::optional<Board> ParseBoard(std::string_view s) { return Find(kBoards, s); }
std::optional<ShareClass> ParseShareClass(std::string_view s) { return Find(kShareClasses, s); }
std::optional<Method> ParseMethod(std::string_view s) { return Find(kMethods, s); }
std::optional<Source> ParseSource(std::string_view s) { return Find(kSources, s); }
std::optional<AcquiredFrom> ParseAcquiredFrom(std::string_view s) { return Find(kAcquiredFrom, s); }
std::optional<Role> ParseRole(std::string_view s) { return Find(kRoles, s); }
std::optional<CommitmentKind> ParseCommitmentKind(std::string_view s) {
  return Find(kCommitmentKinds, s);
}
std::optional<AnnouncementKind> ParseAnnouncementKind(std::string_view s) {
  return Find(kAnnouncementKinds, s);
}
std::optional<ReportKind> ParseReportKind(std::string_view s) { return Find(kReportKinds, s); }
std::optional<CorporateActionKind> ParseCorporateActionKind(std::string_view s) {
  return Find(kCorporateActionKinds, s);
}

}  // namespace reducheck
