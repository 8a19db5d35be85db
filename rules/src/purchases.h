// When did a holder buy: one notion for every rule that asks (issue 15, defect 3). Used by
// DIR-SHORTSWING (a sale within six months after a purchase) and DIR-25PCT (shares bought since
// the base day are not in the year-start base).
//
// A purchase is an entry of history.purchases, or a lot whose `source` is a purchase (below)
// with an `acquired` date, even when history.purchases does not list it. The same purchase is
// often in both (the lot that holds what the history entry bought), so each day counts once:
// the day's purchased shares are the larger of history's total for that day and the purchase
// lots' total acquired that day. Share counts are in current units (after every corporate
// action, as the lots are): a purchase dated before a bonus issue is restated.
#ifndef REDUCHECK_RULES_PURCHASES_H_
#define REDUCHECK_RULES_PURCHASES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "reducheck/engine/ledger.h"

namespace reducheck::rules_internal {

// Securities Law Art.44 "买入" (buying, for short-swing and year-start bases): shares paid for
// by the holder. Bought on the exchange (secondary_bidding, block_trade_purchase), by transfer
// (agreement_transfer_purchase, inquiry_transfer_purchase), by subscribing to an issue
// (ipo_subscribed, public_offering, private_placement: Art.44's own exception for underwriters
// holding unsold shares of an offering shows that subscriptions are purchases, and placement
// subscribers commit not to sell in the six months around the issue for that reason), or under
// an incentive plan (equity_incentive: plans defer a D&O's grant for six months after a sale "按
// 短线交易的规定"; conservative, practice not verified). Not purchases: ipo_original (pre-IPO
// shares) and other (inheritance, gifts, court transfers, ...).
bool IsPurchaseSource(Source s);

struct Purchases {
  Shares shares = 0;           // purchased shares with a date in the range, each day once
  std::optional<Date> latest;  // the latest purchase day in the range
};

// The holder's purchases with a date in [from, to]. Allocates nothing.
Purchases HolderPurchases(const Ledger& ledger, std::int32_t holder, Date from, Date to);

// The first day after `d` on which the holder bought (a history purchase or a purchase lot's
// `acquired`), if any: when a later purchase enters a look-back period (earliest-date search).
std::optional<Date> FirstPurchaseAfter(const Ledger& ledger, std::int32_t holder, Date d);
// One purchase for explanations and profit pairing: a history entry (with its price, if any), or
// the shares of a day's purchase lots beyond what history records that day (no price).
struct PurchaseEntry {
  Date date;
  Shares shares = 0;
  std::optional<Money> price;
  bool from_lots = false;  // not (fully) in history.purchases: known from the lots only
};
// Appends the holder's purchases with a date in [from, to] to `out`, in no particular order;
// their shares add up to HolderPurchases(...).shares.
void HolderPurchaseEntries(const Ledger& ledger, std::int32_t holder, Date from, Date to,
                           std::vector<PurchaseEntry>& out);

}  // namespace reducheck::rules_internal

#endif  // REDUCHECK_RULES_PURCHASES_H_
