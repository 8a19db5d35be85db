// The listed company and its dated facts (contract.md §1 `company`).
#ifndef REDUCHECK_ENGINE_COMPANY_H_
#define REDUCHECK_ENGINE_COMPANY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/money.h"
#include "reducheck/engine/types.h"

namespace reducheck {

struct DatedPrice {
  Date date;
  Money price;
};
struct PeriodValue {  // net assets per share at a fiscal period end
  Date period_end;
  Money value;
};
struct YearAmount {  // cash dividends or net profit of a fiscal year
  int year = 0;
  Money amount;
};
struct PeriodicReport {
  ReportKind kind = ReportKind::kAnnual;
  std::string period;              // "2025", "2025H1", "2025Q1"
  Date date;                       // publication date
  std::optional<Date> originally;  // first scheduled date, if postponed
};
struct MaterialEvent {
  Date occurred;
  std::optional<Date> disclosed;
};
// An open-or-closed period; `to` is the last day included, nullopt = still open.
struct DatedPeriod {
  Date from;
  std::optional<Date> to;
};
struct DatedDecision {  // penalties (`decided`) and reprimands (`date`)
  Date date;
};

// A change of share capital on its ex-date (除权日 / the day the change is registered): from
// `date` on, holdings and the total include it; a sale on `date` is of post-action shares.
// Same-date actions: bonus and conversion add up (10送3转增5 = 8 per 10); issuances and
// cancellations of that date apply after them, in post-action shares.
struct CorporateAction {
  CorporateActionKind kind = CorporateActionKind::kBonus;
  Date date;
  std::int64_t per_10_units = 0;  // kBonus, kConversion: new shares per 10 held, x 10000
  std::int64_t split_from = 0;    // kSplit: every split_from shares become split_to
  std::int64_t split_to = 0;
  Shares shares = 0;  // kIssuance, kCancellation: shares added to / removed from the total
  std::string note;   // free text (e.g. "2025 年度权益分派"), not interpreted
};

struct Company {
  std::string code;
  std::string name;
  Exchange exchange = Exchange::kSse;
  Board board = Board::kMain;
  Date listing_date;
  std::optional<Money> issue_price;
  Shares total_shares = 0;  // denominator of every percentage (A7); after every corporate action
  std::optional<bool> profitable_at_listing;
  std::vector<DatedPrice> closes;  // sorted by date, unique
  std::vector<PeriodValue> net_assets_per_share;
  std::vector<YearAmount> cash_dividends;
  std::vector<YearAmount> net_profits;
  std::vector<PeriodicReport> reports;
  std::vector<MaterialEvent> events;
  std::vector<DatedPeriod> investigations;
  std::vector<DatedDecision> penalties;
  std::vector<DatedDecision> reprimands;
  std::vector<DatedPeriod> delisting_risk;
  std::vector<CorporateAction> corporate_actions;  // any order; ShareCapital sorts by date
  // The day the company abolished its supervisory board (监事会), its supervisors leaving
  // office (2023 Company Law; CSRC transition ending 2026-01-01). nullopt: not stated.
  std::optional<Date> supervisory_board_abolished;
  // The day the IPO application was filed (accepted); LOCK-NEWHOLDER-36M reads it.
  std::optional<Date> ipo_filing_date;
  // An A+H issuer's Hong Kong listing (docs/markets.md): the day dealings in its H shares
  // commenced on the HKEX, the date of its listing document (prospectus), and the H shares in
  // issue (the class the SFO Part XV percentages of H-share interests are taken on). All three
  // or none; with them the hk packs judge H-share orders and, for the hk rules that reach every
  // class, A-share orders too.
  std::optional<Date> h_listing_date;
  std::optional<Date> h_listing_document_date;
  Shares h_shares = 0;
  bool HasHListing() const { return h_listing_date.has_value(); }
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_COMPANY_H_
