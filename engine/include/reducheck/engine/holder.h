// A shareholder / insider, its lots and its commitments (contract.md §1 `holders`).
#ifndef REDUCHECK_ENGINE_HOLDER_H_
#define REDUCHECK_ENGINE_HOLDER_H_

#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/company.h"
#include "reducheck/engine/money.h"
#include "reducheck/engine/types.h"

namespace reducheck {

// Shares held now (after everything in history), with where they came from.
struct Lot {
  std::string id;
  Shares shares = 0;
  Source source = Source::kOther;
  std::optional<Date> acquired;
  std::optional<Date> lockup_until;  // last locked day, inclusive (A31)
  std::optional<AcquiredFrom> acquired_from;
  ShareClass share_class = ShareClass::kA;  // the holder's `lots` are A, its `h_lots` H
};

struct Commitment {
  CommitmentKind kind = CommitmentKind::kNoSale;
  std::optional<Date> until;           // last day bound, inclusive (A26)
  std::vector<std::string> lots;       // kNoSale: lots covered; empty = every lot
  std::optional<Money> price;          // kPriceFloor
  std::optional<std::int32_t> pct_bp;  // kMaxPerPeriod: percent of total shares, in basis points
  std::optional<std::int32_t> days;    // kMaxPerPeriod: window length in calendar days
  std::optional<std::int32_t> months;  // kExtendIfBelowIssuePrice
};

struct Holder {
  std::string id;
  std::string name;
  RoleSet roles = 0;
  std::string concert_group;     // empty: acts alone
  std::optional<Date> term_end;  // directors, supervisors, senior managers
  std::optional<Date> departed;
  // Controlling shareholder / actual controller at the IPO (Measures Art.11 binds it, and its
  // concert parties, after it loses control). nullopt: not stated — a current controller is then
  // presumed to have controlled at the IPO (conservative), anyone else not.
  std::optional<bool> controlling_at_ipo;
  // The day this holder completed an acquisition of control of the company (上市公司收购;
  // Securities Law Art.75): every share it holds is locked 18 months after (LOCK-ACQ-18M).
  std::optional<Date> control_acquired;
  // A venture-capital fund (创业投资基金, filed with the AMAC and meeting the CSRC Special
  // Provisions' conditions) whose pre-IPO shares follow the reverse link (CAP-VC): the day its
  // investment period starts (the provisions count it to the listing date). nullopt: not such
  // a fund, the ordinary caps apply.
  std::optional<Date> vc_invested_on;
  std::vector<DatedPeriod> investigations;
  std::vector<DatedDecision> penalties;
  std::vector<DatedDecision> reprimands;
  bool fines_unpaid = false;
  std::vector<Lot> lots;    // A shares: what the cn rules lock, cap and sell
  std::vector<Lot> h_lots;  // H shares of an A+H issuer (share_class kH): what the hk rules sell
  std::vector<Commitment> commitments;

  // A shares held (the cn rules' holding).
  Shares TotalShares() const { return Sum(lots); }
  Shares HShares() const { return Sum(h_lots); }
  // Every share of the company held, both classes: what thresholds on total share capital count.
  Shares AllShares() const { return TotalShares() + HShares(); }
  // The lots of one class.
  const std::vector<Lot>& LotsOf(ShareClass c) const { return c == ShareClass::kH ? h_lots : lots; }
  std::vector<Lot>& LotsOf(ShareClass c) { return c == ShareClass::kH ? h_lots : lots; }

 private:
  static Shares Sum(const std::vector<Lot>& v) {
    Shares s = 0;
    for (const Lot& l : v) s += l.shares;
    return s;
  }
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_HOLDER_H_
