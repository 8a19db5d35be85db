// Scenario YAML reader (contract.md §1): every key of the contract, strict types, and
// cross-checks between holders, lots, history and orders. Collects all problems; never throws.
#include "reducheck/adapters/scenario_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cctype>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <string_view>
#include <utility>

#include "input/file.h"
#include "input/text.h"
#include "input/yaml_document.h"
#include "reducheck/engine/share_capital.h"
#include "yaml/yaml_fields.h"

namespace reducheck::adapters {
namespace {

using adapters_internal::EnumNames;
using adapters_internal::FieldPath;
using adapters_internal::FieldReader;
using adapters_internal::IndexPath;
using adapters_internal::Need;
using adapters_internal::Sign;

constexpr Need kRequired = Need::kRequired;
constexpr Need kOptional = Need::kOptional;

constexpr std::string_view kTopKeys[] = {"rule_pack", "company", "holders", "history", "orders"};
constexpr std::string_view kCompanyKeys[] = {"code",
                                             "name",
                                             "exchange",
                                             "board",
                                             "listing_date",
                                             "issue_price",
                                             "total_shares",
                                             "profitable_at_listing",
                                             "closes",
                                             "closes_file",
                                             "net_assets_per_share",
                                             "cash_dividends",
                                             "net_profits",
                                             "reports",
                                             "events",
                                             "investigations",
                                             "penalties",
                                             "reprimands",
                                             "delisting_risk",
                                             "corporate_actions",
                                             "supervisory_board_abolished",
                                             "ipo_filing_date",
                                             "h_listing_date",
                                             "h_listing_document_date",
                                             "h_shares"};
constexpr std::string_view kHolderKeys[] = {"id",
                                            "name",
                                            "roles",
                                            "concert_group",
                                            "term_end",
                                            "departed",
                                            "controlling_at_ipo",
                                            "control_acquired",
                                            "vc_fund",
                                            "investigations",
                                            "penalties",
                                            "reprimands",
                                            "fines_unpaid",
                                            "lots",
                                            "commitments"};
constexpr std::string_view kVcFundKeys[] = {"invested_on"};
constexpr std::string_view kLotKeys[] = {"id",           "shares",        "source",     "acquired",
                                         "lockup_until", "acquired_from", "share_class"};
constexpr std::string_view kCommitmentKeys[] = {"kind", "until", "lots",  "price",
                                                "pct",  "days",  "months"};
constexpr std::string_view kHistoryKeys[] = {"sales", "purchases", "announcements"};
constexpr std::string_view kTradeKeys[] = {"holder", "date",  "method",
                                           "shares", "price", "share_class"};
constexpr std::string_view kAnnouncementKeys[] = {
    "holder", "kind", "published", "window_start", "window_end", "max_shares", "methods"};
constexpr std::string_view kPlanOnlyKeys[] = {"window_start", "window_end", "max_shares",
                                              "methods"};
constexpr std::string_view kOrderKeys[] = {"id",     "holder", "date",          "method",
                                           "shares", "price",  "gain_estimate", "share_class"};
constexpr std::string_view kCloseKeys[] = {"date", "price"};
constexpr std::string_view kNavKeys[] = {"period_end", "value"};
constexpr std::string_view kYearAmountKeys[] = {"year", "amount"};
constexpr std::string_view kReportKeys[] = {"kind", "period", "date", "originally"};
constexpr std::string_view kEventKeys[] = {"occurred", "disclosed"};
constexpr std::string_view kPeriodKeys[] = {"from", "to"};
constexpr std::string_view kActionKeys[] = {"kind", "date",   "per_10", "from",
                                            "to",   "shares", "note"};
constexpr std::int64_t kMaxPer10Units = 1000 * 10000;  // at most 1,000 new shares per 10 held
constexpr std::int64_t kMaxSplitPart = 1000;

constexpr std::int64_t kMinYear = 1900;
constexpr std::int64_t kMaxYear = 2200;
constexpr std::int64_t kMaxDays = 3660;
constexpr std::int64_t kMaxMonths = 120;

std::vector<std::string_view> ExchangeNames() {
  return EnumNames({Exchange::kSse, Exchange::kSzse, Exchange::kBse});
}
std::vector<std::string_view> BoardNames() {
  return EnumNames({Board::kMain, Board::kStar, Board::kChinext, Board::kBse});
}
std::vector<std::string_view> ShareClassNames() {
  return EnumNames({ShareClass::kA, ShareClass::kH});
}
std::vector<std::string_view> MethodNames() {
  return EnumNames({Method::kCentralizedBidding, Method::kBlockTrade, Method::kAgreementTransfer,
                    Method::kInquiryTransfer});
}
std::vector<std::string_view> SourceNames() {
  return EnumNames({Source::kIpoOriginal, Source::kIpoSubscribed, Source::kPublicOffering,
                    Source::kPrivatePlacement, Source::kEquityIncentive, Source::kSecondaryBidding,
                    Source::kBlockTradePurchase, Source::kAgreementTransferPurchase,
                    Source::kInquiryTransferPurchase, Source::kOther});
}
std::vector<std::string_view> AcquiredFromNames() {
  return EnumNames(
      {AcquiredFrom::kMajorShareholder, AcquiredFrom::kPreIpoHolder, AcquiredFrom::kOther});
}
std::vector<std::string_view> RoleNames() {
  return EnumNames({Role::kControllingShareholder, Role::kActualController, Role::kMajorShareholder,
                    Role::kDirector, Role::kSupervisor, Role::kSeniorManager,
                    Role::kCoreTechnicalStaff, Role::kPreIpoShareholder, Role::kStrategicInvestor,
                    Role::kSponsorCoInvestor});
}
std::vector<std::string_view> CommitmentKindNames() {
  return EnumNames({CommitmentKind::kNoSale, CommitmentKind::kPriceFloor,
                    CommitmentKind::kMaxPerPeriod, CommitmentKind::kExtendIfBelowIssuePrice});
}
std::vector<std::string_view> AnnouncementKindNames() {
  return EnumNames({AnnouncementKind::kReductionPlan, AnnouncementKind::kEquityChangeReport,
                    AnnouncementKind::kCompletionReport, AnnouncementKind::kProgressReport,
                    AnnouncementKind::kOnePercentNotice});
}
std::vector<std::string_view> CorporateActionKindNames() {
  return EnumNames({CorporateActionKind::kBonus, CorporateActionKind::kConversion,
                    CorporateActionKind::kSplit, CorporateActionKind::kIssuance,
                    CorporateActionKind::kCancellation});
}
std::vector<std::string_view> ReportKindNames() {
  return EnumNames({ReportKind::kAnnual, ReportKind::kSemiannual, ReportKind::kQuarterly,
                    ReportKind::kForecast, ReportKind::kFlash});
}

std::string Quote(std::string_view s) { return "'" + input::Printable(s) + "'"; }

bool IsYear(std::string_view s) {
  return s.size() == 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Period labels: "2025" (annual), "2025H1" (semiannual), "2025Q1".."2025Q4" (quarterly);
// forecasts and flash reports may name any of them.
bool PeriodFits(ReportKind kind, std::string_view p) {
  const bool annual = IsYear(p);
  const bool half = p.size() == 6 && IsYear(p.substr(0, 4)) && p.substr(4) == "H1";
  const bool quarter =
      p.size() == 6 && IsYear(p.substr(0, 4)) && p[4] == 'Q' && p[5] >= '1' && p[5] <= '4';
  switch (kind) {
    case ReportKind::kAnnual:
      return annual;
    case ReportKind::kSemiannual:
      return half;
    case ReportKind::kQuarterly:
      return quarter;
    case ReportKind::kForecast:
    case ReportKind::kFlash:
      return annual || half || quarter;
  }
  return false;
}

Shares SaturatingAdd(Shares a, Shares b) {
  if (a > std::numeric_limits<Shares>::max() - b) return std::numeric_limits<Shares>::max();
  return a + b;
}

std::string DateText(Date d) { return boost::gregorian::to_iso_extended_string(d); }

std::string_view TrimView(std::string_view s) {
  const auto not_space = [](char c) { return c != ' ' && c != '\t' && c != '\r'; };
  while (!s.empty() && !not_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && !not_space(s.back())) s.remove_suffix(1);
  return s;
}

// 1-based column of the first non-blank character at or after `from` (of `from` if none).
int ColumnOf(std::string_view raw, std::size_t from) {
  std::size_t pos = from;
  while (pos < raw.size() && (raw[pos] == ' ' || raw[pos] == '\t')) ++pos;
  if (pos >= raw.size()) pos = from;
  return static_cast<int>(pos) + 1;
}

// Reads one scenario document. Parse order is fixed (company, holders, history, orders) so that
// references can be checked against what was declared, whatever the key order in the file.
class ScenarioParser {
 public:
  ScenarioParser(const std::string& file, std::string base_dir)
      : r_(file), base_dir_(std::move(base_dir)) {}

  Scenario Parse(const YAML::Node& root);
  std::vector<Diagnostic> TakeProblems() { return r_.TakeProblems(); }
  std::vector<OrderSlot> TakeOrderSlots() { return std::move(order_slots_); }
  // How many of the problems are inside items of `orders`.
  std::size_t order_problems() const { return order_problems_; }

 private:
  // Each item of the list under map[key], parsed by `item(node, path)`; failed items dropped.
  template <typename T, typename F>
  std::vector<T> List(const YAML::Node& map, std::string_view key, const std::string& path,
                      Need need, F item) {
    std::vector<T> out;
    std::optional<YAML::Node> seq = r_.Field(map, key, path, need);
    const std::string list_path = FieldPath(path, key);
    if (!seq || !r_.Seq(*seq, list_path)) return out;
    std::size_t i = 0;
    for (auto it = seq->begin(); it != seq->end(); ++it, ++i) {
      std::optional<T> parsed = item(*it, IndexPath(list_path, i));
      if (parsed) out.push_back(std::move(*parsed));
    }
    return out;
  }

  Company ParseCompany(const YAML::Node& node, const std::string& path);
  void ParseCloses(const YAML::Node& company, const std::string& path, Company* c);
  void ReadClosesFile(const YAML::Node& at, const std::string& field, const std::string& name,
                      std::vector<DatedPrice>* closes);
  std::optional<DatedPrice> ParseClose(const YAML::Node& node, const std::string& path);
  std::optional<PeriodicReport> ParseReport(const YAML::Node& node, const std::string& path);
  void ParseCorporateActions(const YAML::Node& company, const std::string& path, Company* c);
  std::optional<CorporateAction> ParseCorporateAction(const YAML::Node& node,
                                                      const std::string& path);
  std::optional<MaterialEvent> ParseEvent(const YAML::Node& node, const std::string& path);
  std::optional<DatedPeriod> ParsePeriod(const YAML::Node& node, const std::string& path);
  std::optional<DatedDecision> ParseDecision(const YAML::Node& node, const std::string& path,
                                             std::string_view key);
  std::optional<YearAmount> ParseYearAmount(const YAML::Node& node, const std::string& path,
                                            Sign sign, std::set<int>* years);
  void ParseSanctions(const YAML::Node& map, const std::string& path,
                      std::vector<DatedPeriod>* investigations,
                      std::vector<DatedDecision>* penalties,
                      std::vector<DatedDecision>* reprimands);

  std::vector<Holder> ParseHolders(const YAML::Node& root);
  std::optional<Holder> ParseHolder(const YAML::Node& node, const std::string& path);
  std::optional<Date> ParseVcFund(const YAML::Node& holder, const std::string& path);
  RoleSet ParseRoles(const YAML::Node& holder, const std::string& path);
  std::optional<Lot> ParseLot(const YAML::Node& node, const std::string& path,
                              std::map<std::string, std::string>* lot_paths);
  std::optional<Commitment> ParseCommitment(const YAML::Node& node, const std::string& path,
                                            const std::map<std::string, std::string>& lots);
  void CheckApplies(const YAML::Node& map, const std::string& path,
                    std::span<const std::string_view> keys, std::string_view allowed_for,
                    std::string_view what);

  History ParseHistory(const YAML::Node& node, const std::string& path);
  std::optional<Trade> ParseTrade(const YAML::Node& node, const std::string& path);
  void ParseHListing(const YAML::Node& node, const std::string& path, Company* c);
  // The optional share_class of a lot, trade or order: A unless it says H, and H only for an
  // issuer with an H listing.
  std::optional<ShareClass> ShareClassField(const YAML::Node& node, const std::string& path);
  std::optional<Announcement> ParseAnnouncement(const YAML::Node& node, const std::string& path);
  std::vector<Method> ParseMethods(const YAML::Node& node, const std::string& path);
  std::optional<Order> ParseOrder(const YAML::Node& node, const std::string& path,
                                  std::map<std::string, std::string>* order_paths);
  void ParseOrders(const YAML::Node& root, std::vector<Order>* orders);

  // The holder named by map["holder"]; reports an unknown id.
  std::optional<std::string> HolderRef(const YAML::Node& map, const std::string& path);
  void CheckTotalShares(const Scenario& s);

  FieldReader r_;
  std::string base_dir_;
  std::optional<YAML::Node> total_shares_node_;
  std::map<std::string, std::string> holder_paths_;  // id -> path where declared
  std::map<std::string, Shares> holder_totals_;      // id -> sum of its A-share lots
  std::map<std::string, Shares> holder_h_totals_;    // id -> sum of its H-share lots
  bool h_listing_ = false;                           // company.h_listing_date given
  std::set<std::string> holders_with_bad_lots_;      // totals not trustworthy
  bool holder_ids_complete_ = true;                  // false: some holder's id is unreadable
  std::optional<Date> listing_date_;                 // company.listing_date, when readable
  std::vector<OrderSlot> order_slots_;
  std::size_t order_problems_ = 0;
};

Scenario ScenarioParser::Parse(const YAML::Node& root) {
  Scenario s;
  if (root.IsNull()) {
    r_.ReportAt(r_.file(), 0, 0, "", "the file is empty; expected company and holders");
    return s;
  }
  if (!r_.Map(root, "", kTopKeys)) return s;
  s.rule_pack = r_.Id(root, "rule_pack", "", kOptional);
  if (std::optional<YAML::Node> company = r_.Field(root, "company", "", kRequired)) {
    s.company = ParseCompany(*company, "company");
    if (!s.company.listing_date.is_special()) listing_date_ = s.company.listing_date;
    h_listing_ = s.company.HasHListing();
  }
  s.holders = ParseHolders(root);
  if (std::optional<YAML::Node> history = r_.Field(root, "history", "", kOptional)) {
    s.history = ParseHistory(*history, "history");
  }
  ParseOrders(root, &s.orders);
  CheckTotalShares(s);
  return s;
}

// Like List<Order>, and records a slot per item with the item's own problems, so that `check`
// can judge the good orders and report the bad ones (TolerateBadOrders).
void ScenarioParser::ParseOrders(const YAML::Node& root, std::vector<Order>* orders) {
  std::optional<YAML::Node> seq = r_.Field(root, "orders", "", kOptional);
  if (!seq || !r_.Seq(*seq, "orders")) return;
  std::map<std::string, std::string> order_paths;
  std::size_t i = 0;
  for (auto it = seq->begin(); it != seq->end(); ++it, ++i) {
    const std::size_t before = r_.problem_count();
    std::optional<Order> parsed = ParseOrder(*it, IndexPath("orders", i), &order_paths);
    OrderSlot slot;
    try {
      const YAML::Mark mark = it->Mark();
      if (!mark.is_null() && mark.line >= 0 && mark.column >= 0) {
        slot.line = mark.line + 1;
        slot.column = mark.column + 1;
      }
    } catch (const YAML::Exception&) {
      // No position: the slot is reported without one.
    }
    if (const std::optional<YAML::Node> id = FieldReader::Find(*it, "id"); id && id->IsScalar()) {
      slot.id = id->Scalar();
    }
    const std::vector<Diagnostic>& all = r_.problems();
    slot.problems.assign(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
    order_problems_ += slot.problems.size();
    if (parsed && slot.problems.empty()) {
      slot.order = static_cast<std::ptrdiff_t>(orders->size());
      orders->push_back(std::move(*parsed));
    }
    order_slots_.push_back(std::move(slot));
  }
}

Company ScenarioParser::ParseCompany(const YAML::Node& node, const std::string& path) {
  Company c;
  if (!r_.Map(node, path, kCompanyKeys)) return c;
  c.code = r_.Id(node, "code", path, kOptional).value_or("");
  c.name = r_.Text(node, "name", path, kOptional).value_or("");
  if (auto v = r_.Enum<Exchange>(node, "exchange", path, kRequired, "exchange", &ParseExchange,
                                 ExchangeNames())) {
    c.exchange = *v;
  }
  if (auto v = r_.Enum<Board>(node, "board", path, kRequired, "board", &ParseBoard, BoardNames())) {
    c.board = *v;
  }
  if (auto v = r_.DateField(node, "listing_date", path, kRequired)) c.listing_date = *v;
  c.issue_price = r_.Amount(node, "issue_price", path, kOptional, Sign::kPositive);
  if (auto v = r_.ShareCount(node, "total_shares", path, kRequired)) {
    c.total_shares = *v;
    total_shares_node_ = FieldReader::Find(node, "total_shares");
  }
  c.profitable_at_listing = r_.Flag(node, "profitable_at_listing", path, kOptional);
  c.supervisory_board_abolished =
      r_.DateField(node, "supervisory_board_abolished", path, kOptional);
  c.ipo_filing_date = r_.DateField(node, "ipo_filing_date", path, kOptional);
  ParseHListing(node, path, &c);
  ParseCloses(node, path, &c);
  c.net_assets_per_share = List<PeriodValue>(
      node, "net_assets_per_share", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) -> std::optional<PeriodValue> {
        if (!r_.Map(n, p, kNavKeys)) return std::nullopt;
        auto end = r_.DateField(n, "period_end", p, kRequired);
        auto value = r_.Amount(n, "value", p, kRequired, Sign::kAny);
        if (!end || !value) return std::nullopt;
        return PeriodValue{*end, *value};
      });
  std::set<int> dividend_years;
  c.cash_dividends = List<YearAmount>(
      node, "cash_dividends", path, kOptional, [&](const YAML::Node& n, const std::string& p) {
        return ParseYearAmount(n, p, Sign::kNonNegative, &dividend_years);
      });
  std::set<int> profit_years;
  c.net_profits = List<YearAmount>(node, "net_profits", path, kOptional,
                                   [&](const YAML::Node& n, const std::string& p) {
                                     return ParseYearAmount(n, p, Sign::kAny, &profit_years);
                                   });
  c.reports = List<PeriodicReport>(
      node, "reports", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) { return ParseReport(n, p); });
  c.events = List<MaterialEvent>(
      node, "events", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) { return ParseEvent(n, p); });
  ParseSanctions(node, path, &c.investigations, &c.penalties, &c.reprimands);
  c.delisting_risk = List<DatedPeriod>(
      node, "delisting_risk", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) { return ParsePeriod(n, p); });
  ParseCorporateActions(node, path, &c);
  return c;
}

// company.corporate_actions: each action strictly by kind; then, when every action and
// total_shares are readable, the capital they imply (engine ShareCapital) is checked and a
// problem is located at the action it concerns.
void ScenarioParser::ParseCorporateActions(const YAML::Node& company, const std::string& path,
                                           Company* c) {
  const std::size_t before = r_.problem_count();
  std::vector<YAML::Node> nodes;
  std::vector<std::string> paths;
  c->corporate_actions = List<CorporateAction>(
      company, "corporate_actions", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) -> std::optional<CorporateAction> {
        std::optional<CorporateAction> a = ParseCorporateAction(n, p);
        if (a) {
          nodes.push_back(n);
          paths.push_back(p);
        }
        return a;
      });
  if (c->corporate_actions.empty() || r_.problem_count() != before || c->total_shares <= 0) return;
  if (std::optional<CapitalProblem> p =
          ShareCapital::Check(c->total_shares, c->corporate_actions)) {
    if (p->action >= 0 && static_cast<std::size_t>(p->action) < nodes.size()) {
      const std::size_t i = static_cast<std::size_t>(p->action);
      r_.Report(nodes[i], paths[i], p->message);
    } else if (total_shares_node_) {
      r_.Report(*total_shares_node_, FieldPath(path, "total_shares"), p->message);
    }
  }
}

std::optional<CorporateAction> ScenarioParser::ParseCorporateAction(const YAML::Node& node,
                                                                    const std::string& path) {
  if (!r_.Map(node, path, kActionKeys)) return std::nullopt;
  const std::size_t before = r_.problem_count();
  CorporateAction a;
  auto kind = r_.Enum<CorporateActionKind>(node, "kind", path, kRequired, "corporate action kind",
                                           &ParseCorporateActionKind, CorporateActionKindNames());
  auto date = r_.DateField(node, "date", path, kRequired);
  a.note = r_.Text(node, "note", path, kOptional).value_or("");
  if (!kind) return std::nullopt;
  a.kind = *kind;
  const std::string what = "a " + std::string(Name(*kind)) + " action";
  switch (*kind) {
    case CorporateActionKind::kBonus:
    case CorporateActionKind::kConversion: {
      constexpr std::string_view kOther[] = {"from", "to", "shares"};
      CheckApplies(node, path, kOther, "other action kinds", what);
      std::optional<YAML::Node> v = r_.Field(node, "per_10", path, kRequired);
      if (!v) break;
      const std::string field = FieldPath(path, "per_10");
      std::optional<std::string> text =
          r_.ScalarText(*v, field, "new shares per 10 held, like 3.5");
      if (!text) break;
      std::string error;
      std::optional<std::int64_t> units = adapters_internal::ParseFixedDecimal(*text, 4, &error);
      if (!units || *units <= 0 || *units > kMaxPer10Units) {
        r_.Report(*v, field,
                  "expected the new shares per 10 held: a number above 0 and at most 1000 with "
                  "at most 4 decimals (10送3.5 -> 3.5), got " +
                      Quote(*text));
        break;
      }
      a.per_10_units = *units;
      break;
    }
    case CorporateActionKind::kSplit: {
      constexpr std::string_view kOther[] = {"per_10", "shares"};
      CheckApplies(node, path, kOther, "other action kinds", what);
      auto from = r_.Integer(node, "from", path, kRequired, 1, kMaxSplitPart);
      auto to = r_.Integer(node, "to", path, kRequired, 1, kMaxSplitPart);
      if (from && to && *from == *to) {
        r_.Report(*FieldReader::Find(node, "to"), FieldPath(path, "to"),
                  "to equals from: that is no split (1 into 2 is from: 1, to: 2)");
      }
      if (from) a.split_from = *from;
      if (to) a.split_to = *to;
      break;
    }
    case CorporateActionKind::kIssuance:
    case CorporateActionKind::kCancellation: {
      constexpr std::string_view kOther[] = {"per_10", "from", "to"};
      CheckApplies(node, path, kOther, "bonus, conversion and split actions", what);
      if (auto n = r_.ShareCount(node, "shares", path, kRequired)) a.shares = *n;
      break;
    }
  }
  if (!date || r_.problem_count() != before) return std::nullopt;
  a.date = *date;
  return a;
}

void ScenarioParser::ParseCloses(const YAML::Node& company, const std::string& path, Company* c) {
  std::set<Date> dates;
  std::vector<DatedPrice> closes =
      List<DatedPrice>(company, "closes", path, kOptional,
                       [&](const YAML::Node& n, const std::string& p) -> std::optional<DatedPrice> {
                         std::optional<DatedPrice> close = ParseClose(n, p);
                         if (close && !dates.insert(close->date).second) {
                           r_.Report(*FieldReader::Find(n, "date"), FieldPath(p, "date"),
                                     "a second close for " + DateText(close->date));
                           return std::nullopt;
                         }
                         return close;
                       });
  if (std::optional<YAML::Node> file = r_.Field(company, "closes_file", path, kOptional)) {
    const std::string field = FieldPath(path, "closes_file");
    if (FieldReader::Find(company, "closes")) {
      r_.Report(*file, field, "give either closes or closes_file, not both");
    } else if (std::optional<std::string> name = r_.TextValue(*file, field)) {
      ReadClosesFile(*file, field, *name, &closes);
    }
  }
  std::stable_sort(closes.begin(), closes.end(),
                   [](const DatedPrice& a, const DatedPrice& b) { return a.date < b.date; });
  c->closes = std::move(closes);
}

std::optional<DatedPrice> ScenarioParser::ParseClose(const YAML::Node& node,
                                                     const std::string& path) {
  if (!r_.Map(node, path, kCloseKeys)) return std::nullopt;
  auto date = r_.DateField(node, "date", path, kRequired);
  auto price = r_.Amount(node, "price", path, kRequired, Sign::kPositive);
  if (!date || !price) return std::nullopt;
  return DatedPrice{*date, *price};
}

// CSV with the header `date,price`, one close per line; blank lines are ignored. Problems are
// located in the CSV file itself.
void ScenarioParser::ReadClosesFile(const YAML::Node& at, const std::string& field,
                                    const std::string& name, std::vector<DatedPrice>* closes) {
  std::filesystem::path resolved(name);
  if (resolved.is_relative()) resolved = std::filesystem::path(base_dir_) / resolved;
  const std::string shown = resolved.generic_string();
  std::string read_error;
  std::optional<std::string> text =
      input::ReadInputFile(shown, input::kMaxDocumentBytes, &read_error);
  if (!text) {
    r_.Report(at, field, "cannot read closes file " + Quote(shown) + ": " + read_error);
    return;
  }
  if (const auto p = input::CheckInputText(*text, input::kMaxDocumentBytes)) {
    r_.ReportAt(shown, p->line, p->column, field, "the file " + p->message);
    return;
  }
  std::string_view rest = input::WithoutBom(*text);
  std::set<Date> seen;
  bool header_seen = false;
  for (int line_no = 1; !rest.empty() || !header_seen; ++line_no) {
    const std::size_t eol = rest.find('\n');
    const std::string_view raw = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    const std::string_view line = TrimView(raw);
    if (!header_seen) {
      header_seen = true;
      std::string header;
      for (char ch : line) {
        if (ch != ' ' && ch != '\t') {
          header += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
      }
      if (header != "date,price") {
        r_.ReportAt(shown, line_no, 1, field,
                    "expected the header 'date,price', got " + Quote(line));
        return;
      }
      continue;
    }
    if (line.empty()) continue;
    const std::size_t comma = raw.find(',');
    if (comma == std::string_view::npos || raw.find(',', comma + 1) != std::string_view::npos) {
      r_.ReportAt(shown, line_no, 1, field, "expected 2 columns date,price, got " + Quote(line));
      continue;
    }
    const std::string_view date_text = TrimView(raw.substr(0, comma));
    const std::string_view price_text = TrimView(raw.substr(comma + 1));
    const int date_column = ColumnOf(raw, 0);
    const int price_column = ColumnOf(raw, comma + 1);
    std::string error;
    std::optional<Date> date = adapters_internal::ParseIsoDate(date_text, &error);
    if (!date) r_.ReportAt(shown, line_no, date_column, field, error);
    std::optional<Money> price = Money::Parse(price_text);
    if (!price || price->units() <= 0) {
      r_.ReportAt(shown, line_no, price_column, field,
                  "expected a positive price in RMB like 24.10, got " + Quote(price_text));
    }
    if (!date || !price || price->units() <= 0) continue;
    if (!seen.insert(*date).second) {
      r_.ReportAt(shown, line_no, date_column, field, "a second close for " + DateText(*date));
      continue;
    }
    closes->push_back(DatedPrice{*date, *price});
  }
}

std::optional<YearAmount> ScenarioParser::ParseYearAmount(const YAML::Node& node,
                                                          const std::string& path, Sign sign,
                                                          std::set<int>* years) {
  if (!r_.Map(node, path, kYearAmountKeys)) return std::nullopt;
  auto year = r_.Integer(node, "year", path, kRequired, kMinYear, kMaxYear);
  auto amount = r_.Amount(node, "amount", path, kRequired, sign);
  if (!year || !amount) return std::nullopt;
  if (!years->insert(static_cast<int>(*year)).second) {
    r_.Report(*FieldReader::Find(node, "year"), FieldPath(path, "year"),
              "a second entry for year " + std::to_string(*year));
    return std::nullopt;
  }
  return YearAmount{static_cast<int>(*year), *amount};
}

std::optional<PeriodicReport> ScenarioParser::ParseReport(const YAML::Node& node,
                                                          const std::string& path) {
  if (!r_.Map(node, path, kReportKeys)) return std::nullopt;
  PeriodicReport report;
  auto kind = r_.Enum<ReportKind>(node, "kind", path, kRequired, "report kind", &ParseReportKind,
                                  ReportKindNames());
  auto period = r_.Text(node, "period", path, kOptional);
  auto date = r_.DateField(node, "date", path, kRequired);
  report.originally = r_.DateField(node, "originally", path, kOptional);
  if (kind && period && !PeriodFits(*kind, *period)) {
    r_.Report(*FieldReader::Find(node, "period"), FieldPath(path, "period"),
              "period " + Quote(*period) + " does not fit a " + std::string(Name(*kind)) +
                  " report; use 2025 (annual), 2025H1 (semiannual) or 2025Q1 (quarterly)");
    return std::nullopt;
  }
  if (!kind || !date) return std::nullopt;
  report.kind = *kind;
  report.period = period.value_or("");
  report.date = *date;
  return report;
}

std::optional<MaterialEvent> ScenarioParser::ParseEvent(const YAML::Node& node,
                                                        const std::string& path) {
  if (!r_.Map(node, path, kEventKeys)) return std::nullopt;
  auto occurred = r_.DateField(node, "occurred", path, kRequired);
  auto disclosed = r_.DateField(node, "disclosed", path, kOptional);
  if (!occurred) return std::nullopt;
  if (disclosed && *disclosed < *occurred) {
    r_.Report(*FieldReader::Find(node, "disclosed"), FieldPath(path, "disclosed"),
              "disclosed " + DateText(*disclosed) + " is before occurred " + DateText(*occurred));
    return std::nullopt;
  }
  return MaterialEvent{*occurred, disclosed};
}

std::optional<DatedPeriod> ScenarioParser::ParsePeriod(const YAML::Node& node,
                                                       const std::string& path) {
  if (!r_.Map(node, path, kPeriodKeys)) return std::nullopt;
  auto from = r_.DateField(node, "from", path, kRequired);
  auto to = r_.DateField(node, "to", path, kOptional);
  if (!from) return std::nullopt;
  if (to && *to < *from) {
    r_.Report(*FieldReader::Find(node, "to"), FieldPath(path, "to"),
              "to " + DateText(*to) + " is before from " + DateText(*from));
    return std::nullopt;
  }
  return DatedPeriod{*from, to};
}

std::optional<DatedDecision> ScenarioParser::ParseDecision(const YAML::Node& node,
                                                           const std::string& path,
                                                           std::string_view key) {
  const std::string_view keys[] = {key};
  if (!r_.Map(node, path, keys)) return std::nullopt;
  auto date = r_.DateField(node, key, path, kRequired);
  if (!date) return std::nullopt;
  return DatedDecision{*date};
}

void ScenarioParser::ParseSanctions(const YAML::Node& map, const std::string& path,
                                    std::vector<DatedPeriod>* investigations,
                                    std::vector<DatedDecision>* penalties,
                                    std::vector<DatedDecision>* reprimands) {
  *investigations = List<DatedPeriod>(
      map, "investigations", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) { return ParsePeriod(n, p); });
  *penalties = List<DatedDecision>(
      map, "penalties", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) { return ParseDecision(n, p, "decided"); });
  *reprimands = List<DatedDecision>(
      map, "reprimands", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) { return ParseDecision(n, p, "date"); });
}

std::vector<Holder> ScenarioParser::ParseHolders(const YAML::Node& root) {
  std::optional<YAML::Node> list = FieldReader::Find(root, "holders");
  if (!list || !list->IsSequence()) holder_ids_complete_ = false;
  return List<Holder>(root, "holders", "", kRequired,
                      [&](const YAML::Node& n, const std::string& p) { return ParseHolder(n, p); });
}

std::optional<Holder> ScenarioParser::ParseHolder(const YAML::Node& node, const std::string& path) {
  if (!r_.Map(node, path, kHolderKeys)) {
    holder_ids_complete_ = false;
    return std::nullopt;
  }
  Holder h;
  std::optional<std::string> id = r_.Id(node, "id", path, kRequired);
  if (!id) holder_ids_complete_ = false;
  if (id) {
    auto [it, inserted] = holder_paths_.emplace(*id, path);
    if (!inserted) {
      r_.Report(*FieldReader::Find(node, "id"), FieldPath(path, "id"),
                "duplicate holder id " + Quote(*id) + " (first declared at " + it->second + ")");
      id.reset();
    }
  }
  h.name = r_.Text(node, "name", path, kOptional).value_or("");
  h.roles = ParseRoles(node, path);
  h.concert_group = r_.Id(node, "concert_group", path, kOptional).value_or("");
  h.term_end = r_.DateField(node, "term_end", path, kOptional);
  h.departed = r_.DateField(node, "departed", path, kOptional);
  h.control_acquired = r_.DateField(node, "control_acquired", path, kOptional);
  h.controlling_at_ipo = r_.Flag(node, "controlling_at_ipo", path, kOptional);
  h.vc_invested_on = ParseVcFund(node, path);
  ParseSanctions(node, path, &h.investigations, &h.penalties, &h.reprimands);
  h.fines_unpaid = r_.Flag(node, "fines_unpaid", path, kOptional).value_or(false);

  const std::size_t before_lots = r_.problem_count();
  std::map<std::string, std::string> lot_paths;
  h.lots = List<Lot>(node, "lots", path, kOptional, [&](const YAML::Node& n, const std::string& p) {
    return ParseLot(n, p, &lot_paths);
  });
  // One list in the file; the H-share lots of an A+H issuer are held apart (Holder::h_lots).
  for (const Lot& lot : h.lots) {
    if (lot.share_class == ShareClass::kH) h.h_lots.push_back(lot);
  }
  std::erase_if(h.lots, [](const Lot& lot) { return lot.share_class == ShareClass::kH; });
  const bool lots_ok = r_.problem_count() == before_lots;
  h.commitments = List<Commitment>(
      node, "commitments", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) { return ParseCommitment(n, p, lot_paths); });
  if (!id) return std::nullopt;
  h.id = *id;
  Shares total = 0;
  for (const Lot& lot : h.lots) total = SaturatingAdd(total, lot.shares);
  holder_totals_[h.id] = total;
  Shares h_total = 0;
  for (const Lot& lot : h.h_lots) h_total = SaturatingAdd(h_total, lot.shares);
  holder_h_totals_[h.id] = h_total;
  if (!lots_ok) holders_with_bad_lots_.insert(h.id);
  return h;
}

// holders[i].vc_fund: {invested_on} — the day the VC fund's investment period starts (CAP-VC),
// before the listing.
std::optional<Date> ScenarioParser::ParseVcFund(const YAML::Node& holder, const std::string& path) {
  std::optional<YAML::Node> vc = r_.Field(holder, "vc_fund", path, kOptional);
  if (!vc) return std::nullopt;
  const std::string vc_path = FieldPath(path, "vc_fund");
  if (!r_.Map(*vc, vc_path, kVcFundKeys)) return std::nullopt;
  std::optional<Date> invested = r_.DateField(*vc, "invested_on", vc_path, kRequired);
  if (invested && listing_date_ && *invested >= *listing_date_) {
    r_.Report(*FieldReader::Find(*vc, "invested_on"), FieldPath(vc_path, "invested_on"),
              "invested_on " + DateText(*invested) + " is not before company.listing_date " +
                  DateText(*listing_date_) +
                  ": the reverse link is for shares the fund held before the IPO");
    return std::nullopt;
  }
  return invested;
}

RoleSet ScenarioParser::ParseRoles(const YAML::Node& holder, const std::string& path) {
  RoleSet roles = 0;
  std::optional<YAML::Node> seq = r_.Field(holder, "roles", path, kOptional);
  const std::string roles_path = FieldPath(path, "roles");
  if (!seq || !r_.Seq(*seq, roles_path)) return roles;
  const std::vector<std::string_view> names = RoleNames();
  for (std::size_t i = 0; i < seq->size(); ++i) {
    if (auto role = r_.EnumValue<Role>(std::as_const(*seq)[i], IndexPath(roles_path, i), "role",
                                       &ParseRole, names)) {
      roles = static_cast<RoleSet>(roles | static_cast<RoleSet>(*role));
    }
  }
  return roles;
}

std::optional<Lot> ScenarioParser::ParseLot(const YAML::Node& node, const std::string& path,
                                            std::map<std::string, std::string>* lot_paths) {
  if (!r_.Map(node, path, kLotKeys)) return std::nullopt;
  Lot lot;
  std::optional<std::string> id = r_.Id(node, "id", path, kRequired);
  if (id) {
    auto [it, inserted] = lot_paths->emplace(*id, path);
    if (!inserted) {
      r_.Report(*FieldReader::Find(node, "id"), FieldPath(path, "id"),
                "duplicate lot id " + Quote(*id) + " (first declared at " + it->second + ")");
      id.reset();
    }
  }
  auto shares = r_.ShareCount(node, "shares", path, kRequired);
  auto source =
      r_.Enum<Source>(node, "source", path, kRequired, "lot source", &ParseSource, SourceNames());
  lot.acquired = r_.DateField(node, "acquired", path, kOptional);
  lot.lockup_until = r_.DateField(node, "lockup_until", path, kOptional);
  lot.acquired_from = r_.Enum<AcquiredFrom>(node, "acquired_from", path, kOptional, "acquired_from",
                                            &ParseAcquiredFrom, AcquiredFromNames());
  const std::optional<ShareClass> share_class = ShareClassField(node, path);
  if (!id || !shares || !source || !share_class) return std::nullopt;
  lot.share_class = *share_class;
  lot.id = *id;
  lot.shares = *shares;
  lot.source = *source;
  return lot;
}

// Reports each key of `keys` present in `map` as not applying to `allowed_for`.
void ScenarioParser::CheckApplies(const YAML::Node& map, const std::string& path,
                                  std::span<const std::string_view> keys,
                                  std::string_view allowed_for, std::string_view what) {
  for (std::string_view key : keys) {
    if (std::optional<YAML::Node> v = FieldReader::Find(map, key)) {
      r_.Report(*v, FieldPath(path, key),
                Quote(key) + " does not apply to " + std::string(what) + "; it is only for " +
                    std::string(allowed_for));
    }
  }
}

std::optional<Commitment> ScenarioParser::ParseCommitment(
    const YAML::Node& node, const std::string& path,
    const std::map<std::string, std::string>& lots) {
  if (!r_.Map(node, path, kCommitmentKeys)) return std::nullopt;
  auto kind = r_.Enum<CommitmentKind>(node, "kind", path, kRequired, "commitment kind",
                                      &ParseCommitmentKind, CommitmentKindNames());
  if (!kind) return std::nullopt;
  Commitment c;
  c.kind = *kind;
  const std::string what = "a " + std::string(Name(*kind)) + " commitment";
  const std::size_t before = r_.problem_count();
  switch (*kind) {
    case CommitmentKind::kNoSale: {
      constexpr std::string_view kOther[] = {"price", "pct", "days", "months"};
      CheckApplies(node, path, kOther, "other commitment kinds", what);
      c.until = r_.DateField(node, "until", path, kRequired);
      std::optional<YAML::Node> seq = r_.Field(node, "lots", path, kOptional);
      const std::string lots_path = FieldPath(path, "lots");
      if (seq && r_.Seq(*seq, lots_path)) {
        for (std::size_t i = 0; i < seq->size(); ++i) {
          const std::string item_path = IndexPath(lots_path, i);
          std::optional<std::string> lot = r_.IdValue(std::as_const(*seq)[i], item_path);
          if (!lot) continue;
          if (!lots.count(*lot)) {
            r_.Report(std::as_const(*seq)[i], item_path,
                      "commitment names lot " + Quote(*lot) + ", which this holder does not have");
            continue;
          }
          c.lots.push_back(*lot);
        }
      }
      break;
    }
    case CommitmentKind::kPriceFloor: {
      constexpr std::string_view kOther[] = {"lots", "pct", "days", "months"};
      CheckApplies(node, path, kOther, "other commitment kinds", what);
      c.price = r_.Amount(node, "price", path, kRequired, Sign::kPositive);
      c.until = r_.DateField(node, "until", path, kOptional);
      break;
    }
    case CommitmentKind::kMaxPerPeriod: {
      constexpr std::string_view kOther[] = {"lots", "price", "months"};
      CheckApplies(node, path, kOther, "other commitment kinds", what);
      c.pct_bp = r_.PercentBp(node, "pct", path, kRequired);
      if (auto days = r_.Integer(node, "days", path, kRequired, 1, kMaxDays)) {
        c.days = static_cast<std::int32_t>(*days);
      }
      c.until = r_.DateField(node, "until", path, kOptional);
      break;
    }
    case CommitmentKind::kExtendIfBelowIssuePrice: {
      constexpr std::string_view kOther[] = {"until", "lots", "price", "pct", "days"};
      CheckApplies(node, path, kOther, "other commitment kinds", what);
      if (auto months = r_.Integer(node, "months", path, kRequired, 1, kMaxMonths)) {
        c.months = static_cast<std::int32_t>(*months);
      }
      break;
    }
  }
  if (r_.problem_count() != before) return std::nullopt;
  return c;
}

History ScenarioParser::ParseHistory(const YAML::Node& node, const std::string& path) {
  History h;
  if (!r_.Map(node, path, kHistoryKeys)) return h;
  const auto trade = [&](const YAML::Node& n, const std::string& p) { return ParseTrade(n, p); };
  h.sales = List<Trade>(node, "sales", path, kOptional, trade);
  h.purchases = List<Trade>(node, "purchases", path, kOptional, trade);
  h.announcements = List<Announcement>(
      node, "announcements", path, kOptional,
      [&](const YAML::Node& n, const std::string& p) { return ParseAnnouncement(n, p); });
  return h;
}

std::optional<std::string> ScenarioParser::HolderRef(const YAML::Node& map,
                                                     const std::string& path) {
  std::optional<std::string> id = r_.Id(map, "holder", path, kRequired);
  if (!id) return std::nullopt;
  if (!holder_paths_.count(*id)) {
    // When some holder's id is unreadable that is already reported; do not guess further.
    if (holder_ids_complete_) {
      r_.Report(*FieldReader::Find(map, "holder"), FieldPath(path, "holder"),
                "unknown holder " + Quote(*id) + "; declare it under holders");
    }
    return std::nullopt;
  }
  return id;
}

std::optional<Trade> ScenarioParser::ParseTrade(const YAML::Node& node, const std::string& path) {
  if (!r_.Map(node, path, kTradeKeys)) return std::nullopt;
  auto holder = HolderRef(node, path);
  auto date = r_.DateField(node, "date", path, kRequired);
  auto method =
      r_.Enum<Method>(node, "method", path, kRequired, "method", &ParseMethod, MethodNames());
  auto shares = r_.ShareCount(node, "shares", path, kRequired);
  auto price = r_.Amount(node, "price", path, kOptional, Sign::kPositive);
  const std::optional<ShareClass> share_class = ShareClassField(node, path);
  if (!holder || !date || !method || !shares || !share_class) return std::nullopt;
  return Trade{*holder, *date, *method, *shares, price, *share_class};
}

std::optional<ShareClass> ScenarioParser::ShareClassField(const YAML::Node& node,
                                                          const std::string& path) {
  const std::size_t before = r_.problem_count();
  const std::optional<ShareClass> c = r_.Enum<ShareClass>(
      node, "share_class", path, kOptional, "share class", &ParseShareClass, ShareClassNames());
  if (r_.problem_count() != before) return std::nullopt;
  if (c == ShareClass::kH && !h_listing_) {
    r_.Report(*FieldReader::Find(node, "share_class"), FieldPath(path, "share_class"),
              "share class H needs the company's H listing (company.h_listing_date and "
              "company.h_shares)");
    return std::nullopt;
  }
  return c.value_or(ShareClass::kA);
}

// company.h_listing_date / h_listing_document_date / h_shares: an A+H issuer's Hong Kong
// listing (docs/markets.md). h_listing_date and h_shares come together; the listing document
// is dated on or before the first day of dealings; the H shares are part of total_shares.
void ScenarioParser::ParseHListing(const YAML::Node& node, const std::string& path, Company* c) {
  c->h_listing_date = r_.DateField(node, "h_listing_date", path, kOptional);
  c->h_listing_document_date = r_.DateField(node, "h_listing_document_date", path, kOptional);
  const std::optional<Shares> h_shares = r_.ShareCount(node, "h_shares", path, kOptional);
  if (h_shares) c->h_shares = *h_shares;
  const bool any = FieldReader::Find(node, "h_listing_date") ||
                   FieldReader::Find(node, "h_listing_document_date") ||
                   FieldReader::Find(node, "h_shares");
  if (!any) return;
  if (!FieldReader::Find(node, "h_listing_date")) {
    r_.Report(node, FieldPath(path, "h_listing_date"),
              "missing: an H listing (h_shares, h_listing_document_date) needs the first day "
              "of dealings in the H shares");
  }
  if (!FieldReader::Find(node, "h_shares")) {
    r_.Report(node, FieldPath(path, "h_shares"),
              "missing: an H listing needs the number of H shares in issue (the class the "
              "SFO Part XV percentages are taken on)");
  }
  if (c->h_listing_date && c->h_listing_document_date &&
      *c->h_listing_document_date > *c->h_listing_date) {
    r_.Report(*FieldReader::Find(node, "h_listing_document_date"),
              FieldPath(path, "h_listing_document_date"),
              "h_listing_document_date " + DateText(*c->h_listing_document_date) +
                  " is after h_listing_date " + DateText(*c->h_listing_date) +
                  ": the listing document comes before dealings commence");
  }
  if (h_shares && c->total_shares > 0 && *h_shares > c->total_shares) {
    r_.Report(*FieldReader::Find(node, "h_shares"), FieldPath(path, "h_shares"),
              "h_shares " + std::to_string(*h_shares) + " exceeds total_shares " +
                  std::to_string(c->total_shares) + " (the H shares are part of the capital)");
  }
  if (!c->h_listing_date || !h_shares) {
    c->h_listing_date.reset();  // an incomplete listing is reported above, never half used
  }
}

std::vector<Method> ScenarioParser::ParseMethods(const YAML::Node& node, const std::string& path) {
  std::vector<Method> methods;
  std::optional<YAML::Node> seq = r_.Field(node, "methods", path, kRequired);
  const std::string methods_path = FieldPath(path, "methods");
  if (!seq || !r_.Seq(*seq, methods_path)) return methods;
  if (seq->size() == 0) r_.Report(*seq, methods_path, "name at least one method");
  const std::vector<std::string_view> names = MethodNames();
  for (std::size_t i = 0; i < seq->size(); ++i) {
    auto m = r_.EnumValue<Method>(std::as_const(*seq)[i], IndexPath(methods_path, i), "method",
                                  &ParseMethod, names);
    if (m && std::find(methods.begin(), methods.end(), *m) == methods.end()) methods.push_back(*m);
  }
  return methods;
}

std::optional<Announcement> ScenarioParser::ParseAnnouncement(const YAML::Node& node,
                                                              const std::string& path) {
  if (!r_.Map(node, path, kAnnouncementKeys)) return std::nullopt;
  const std::size_t before = r_.problem_count();
  Announcement a;
  auto holder = HolderRef(node, path);
  auto kind = r_.Enum<AnnouncementKind>(node, "kind", path, kRequired, "announcement kind",
                                        &ParseAnnouncementKind, AnnouncementKindNames());
  auto published = r_.DateField(node, "published", path, kRequired);
  if (kind == AnnouncementKind::kReductionPlan) {
    a.window_start = r_.DateField(node, "window_start", path, kOptional);
    a.window_end = r_.DateField(node, "window_end", path, kOptional);
    a.max_shares = r_.ShareCount(node, "max_shares", path, kRequired);
    a.methods = ParseMethods(node, path);
    if (a.window_start && a.window_end && *a.window_end < *a.window_start) {
      r_.Report(*FieldReader::Find(node, "window_end"), FieldPath(path, "window_end"),
                "window_end " + DateText(*a.window_end) + " is before window_start " +
                    DateText(*a.window_start));
    }
  } else if (kind) {
    CheckApplies(node, path, kPlanOnlyKeys, "reduction_plan announcements",
                 "a " + std::string(Name(*kind)) + " announcement");
  }
  if (!holder || !kind || !published || r_.problem_count() != before) return std::nullopt;
  a.holder = *holder;
  a.kind = *kind;
  a.published = *published;
  return a;
}

std::optional<Order> ScenarioParser::ParseOrder(const YAML::Node& node, const std::string& path,
                                                std::map<std::string, std::string>* order_paths) {
  if (!r_.Map(node, path, kOrderKeys)) return std::nullopt;
  std::optional<std::string> id = r_.Id(node, "id", path, kRequired);
  if (id) {
    auto [it, inserted] = order_paths->emplace(*id, path);
    if (!inserted) {
      r_.Report(*FieldReader::Find(node, "id"), FieldPath(path, "id"),
                "duplicate order id " + Quote(*id) + " (first declared at " + it->second + ")");
      id.reset();
    }
  }
  auto holder = HolderRef(node, path);
  auto date = r_.DateField(node, "date", path, kRequired);
  auto method =
      r_.Enum<Method>(node, "method", path, kRequired, "method", &ParseMethod, MethodNames());
  auto shares = r_.ShareCount(node, "shares", path, kRequired);
  auto price = r_.Amount(node, "price", path, kOptional, Sign::kPositive);
  auto gain = r_.Amount(node, "gain_estimate", path, kOptional, Sign::kNonNegative);
  const std::optional<ShareClass> share_class = ShareClassField(node, path);
  if (holder && shares && share_class && !holders_with_bad_lots_.count(*holder)) {
    const bool h = *share_class == ShareClass::kH;
    const Shares held = h ? holder_h_totals_[*holder] : holder_totals_[*holder];
    if (*shares > held) {
      r_.Report(*FieldReader::Find(node, "shares"), FieldPath(path, "shares"),
                "sales exceeding holdings: the order sells " + std::to_string(*shares) +
                    (h ? " H shares" : " shares") + " but holder " + Quote(*holder) + " holds " +
                    std::to_string(held) + (h ? " in its H-share lots" : " in its lots"));
      return std::nullopt;
    }
  }
  if (!id || !holder || !date || !method || !shares || !share_class) return std::nullopt;
  return Order{*id, *holder, *date, *method, *shares, price, gain, *share_class};
}

void ScenarioParser::CheckTotalShares(const Scenario& s) {
  if (!total_shares_node_ || !holder_ids_complete_ || !holders_with_bad_lots_.empty()) return;
  Shares held = 0;
  for (const Holder& h : s.holders) held = SaturatingAdd(held, h.AllShares());
  if (held > s.company.total_shares) {
    r_.Report(*total_shares_node_, "company.total_shares",
              "total_shares " + std::to_string(s.company.total_shares) + " is smaller than the " +
                  std::to_string(held) + " shares the holders' lots add up to");
  }
}

ScenarioLoad Finish(ScenarioParser* parser, Scenario scenario) {
  ScenarioLoad load;
  load.problems = parser->TakeProblems();
  load.order_slots = parser->TakeOrderSlots();
  if (load.problems.empty()) {
    load.scenario = std::move(scenario);
  } else if (parser->order_problems() == load.problems.size()) {
    load.scenario_without_bad_orders = std::move(scenario);
  }
  return load;
}

ScenarioLoad OneProblem(const std::string& file, int line, int column, std::string message) {
  ScenarioLoad load;
  load.problems.push_back(Diagnostic{file, line, column, "", std::move(message)});
  return load;
}

}  // namespace

ScenarioLoad ReadScenarioText(const std::string& text, const std::string& display_name,
                              const std::string& base_dir) {
  try {
    // UTF-8, no control characters, one document, bounded nesting and size (input/).
    if (auto problems = input::CheckYamlInput(text, display_name); !problems.empty()) {
      ScenarioLoad load;
      load.problems = std::move(problems);
      return load;
    }
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      const bool located = !e.mark.is_null() && e.mark.line >= 0;
      return OneProblem(display_name, located ? e.mark.line + 1 : 0,
                        located ? e.mark.column + 1 : 0, "YAML syntax error: " + e.msg);
    }
    ScenarioParser parser(display_name, base_dir);
    Scenario scenario = parser.Parse(root);
    return Finish(&parser, std::move(scenario));
  } catch (const YAML::Exception& e) {
    return OneProblem(display_name, 0, 0, "cannot read the scenario: " + e.msg);
  } catch (const std::exception& e) {
    return OneProblem(display_name, 0, 0, std::string("cannot read the scenario: ") + e.what());
  } catch (...) {
    return OneProblem(display_name, 0, 0, "cannot read the scenario: unknown error");
  }
}

bool TolerateBadOrders(ScenarioLoad& load) {
  if (load.scenario) return true;
  if (!load.scenario_without_bad_orders) return false;
  load.scenario = std::move(load.scenario_without_bad_orders);
  load.scenario_without_bad_orders.reset();
  load.problems.clear();
  return true;
}

ScenarioLoad ReadScenarioFile(const std::string& path) {
  try {
    std::string error;
    std::optional<std::string> text = input::ReadInputFile(path, input::kMaxDocumentBytes, &error);
    if (!text) return OneProblem(path, 0, 0, error);
    std::string base_dir = std::filesystem::path(path).parent_path().generic_string();
    if (base_dir.empty()) base_dir = ".";
    return ReadScenarioText(*text, path, base_dir);
  } catch (const std::exception& e) {
    return OneProblem(path, 0, 0, std::string("cannot read file: ") + e.what());
  }
}

}  // namespace reducheck::adapters
