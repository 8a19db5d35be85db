// Vocabulary types shared by every layer: dates, share counts, enumerations of the contract.
// The string names are the contract's (docs/input-format.md); they never change meaning.
#ifndef REDUCHECK_ENGINE_TYPES_H_
#define REDUCHECK_ENGINE_TYPES_H_

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

namespace reducheck {

using Date = boost::gregorian::date;
using Shares = std::int64_t;  // share counts are always 64-bit integers
// The 128-bit intermediate (Int128) is internal: reducheck/engine/int128.h, not installed.

enum class Exchange : std::uint8_t { kSse, kSzse, kBse };
enum class Board : std::uint8_t { kMain, kStar, kChinext, kBse };

// The class of a share of an A+H issuer (docs/markets.md). A shares trade on SSE / SZSE / BSE
// and are judged by the market "cn"; H shares (overseas-listed foreign shares, 境外上市外资股)
// trade on the Hong Kong Stock Exchange and are judged by the market "hk". Lots and orders are
// of class A unless they say otherwise.
enum class ShareClass : std::uint8_t { kA, kH };
// The market whose rule packs judge an order on shares of `c`: "cn" or "hk".
constexpr std::string_view MarketOf(ShareClass c) { return c == ShareClass::kH ? "hk" : "cn"; }

enum class Method : std::uint8_t {
  kCentralizedBidding,  // 集中竞价
  kBlockTrade,          // 大宗交易
  kAgreementTransfer,   // 协议转让
  kInquiryTransfer,     // 询价转让
};
inline constexpr int kMethodCount = 4;

// Where a lot of shares came from; decides which locks and caps apply (spec §1).
enum class Source : std::uint8_t {
  kIpoOriginal,                // 首发前股份
  kIpoSubscribed,              // bought in the IPO, incl. strategic and offline placement
  kPublicOffering,             // bought in a later public offering
  kPrivatePlacement,           // 定增
  kEquityIncentive,            // 股权激励
  kSecondaryBidding,           // bought by 集中竞价 on the exchange
  kBlockTradePurchase,         // received in a block trade
  kAgreementTransferPurchase,  // received by 协议转让
  kInquiryTransferPurchase,    // received by 询价转让 / 配售
  kOther,
};

enum class AcquiredFrom : std::uint8_t { kMajorShareholder, kPreIpoHolder, kOther };

// Roles are flags: one person can be controlling shareholder and director at once.
enum class Role : std::uint16_t {
  kControllingShareholder = 1 << 0,
  kActualController = 1 << 1,
  kMajorShareholder = 1 << 2,
  kDirector = 1 << 3,
  kSupervisor = 1 << 4,
  kSeniorManager = 1 << 5,
  kCoreTechnicalStaff = 1 << 6,
  kPreIpoShareholder = 1 << 7,
  kStrategicInvestor = 1 << 8,
  kSponsorCoInvestor = 1 << 9,  // the sponsor's subsidiary co-investing in a STAR/ChiNext IPO
};
using RoleSet = std::uint16_t;
constexpr bool HasRole(RoleSet set, Role r) { return (set & static_cast<RoleSet>(r)) != 0; }

enum class CommitmentKind : std::uint8_t {
  kNoSale,                   // no sale of the named lots (or all lots) through `until`
  kPriceFloor,               // no sale below `price` through `until`
  kMaxPerPeriod,             // at most `pct` % of total shares in any `days` calendar days
  kExtendIfBelowIssuePrice,  // prospectus lock-up extension (LOCK-EXT-6M)
};

enum class AnnouncementKind : std::uint8_t {
  kReductionPlan,       // 减持计划 pre-announcement
  kEquityChangeReport,  // 权益变动报告书 (5% multiples)
  kCompletionReport,    // 减持计划完成/届满 report
  kProgressReport,      // 减持进展公告
  kOnePercentNotice,    // 1% change notice
};

enum class ReportKind : std::uint8_t { kAnnual, kSemiannual, kQuarterly, kForecast, kFlash };

// A change of the company's share capital (company.corporate_actions). The first three change
// every holding pro rata; the last two only the total.
enum class CorporateActionKind : std::uint8_t {
  kBonus,       // 送红股: bonus shares out of profits, per 10 held
  kConversion,  // 资本公积金转增股本: capitalisation of reserves, per 10 held
  kSplit,       // 拆股 / 合股: every `from` shares become `to`
  kIssuance,    // new shares to others (placement, offering, option exercise, conversion of bonds)
  kCancellation,  // shares cancelled (buy-back cancellation, repurchased incentive shares)
};

// Contract names <-> enums. Parse functions return nullopt for an unknown name.
std::string_view Name(Exchange v);
std::string_view Name(Board v);
std::string_view Name(ShareClass v);
std::string_view Name(Method v);
std::string_view Name(Source v);
std::string_view Name(AcquiredFrom v);
std::string_view Name(Role v);
std::string_view Name(CommitmentKind v);
std::string_view Name(AnnouncementKind v);
std::string_view Name(ReportKind v);
std::string_view Name(CorporateActionKind v);
std::optional<Exchange> ParseExchange(std::string_view s);
std::optional<Board> ParseBoard(std::string_view s);
std::optional<ShareClass> ParseShareClass(std::string_view s);
std::optional<Method> ParseMethod(std::string_view s);
std::optional<Source> ParseSource(std::string_view s);
std::optional<AcquiredFrom> ParseAcquiredFrom(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<CommitmentKind> ParseCommitmentKind(std::string_view s);
std::optional<AnnouncementKind> ParseAnnouncementKind(std::string_view s);
std::optional<ReportKind> ParseReportKind(std::string_view s);
std::optional<CorporateActionKind> ParseCorporateActionKind(std::string_view s);

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_TYPES_H_
