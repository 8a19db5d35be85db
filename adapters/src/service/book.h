// Book: one company's live state in the service — its reference data (a scenario document,
// versioned in the store) with every recorded event applied, as the same in-memory Ledger the
// CLI uses. Readers hold `mu` shared while they check; the single writer holds it exclusively
// while it applies an event. A new reference version builds a new Book that replaces the old
// one whole, so a reader never sees half of either.
#ifndef REDUCHECK_ADAPTERS_SERVICE_BOOK_H_
#define REDUCHECK_ADAPTERS_SERVICE_BOOK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "store/state_store.h"

namespace reducheck::service {

struct Book {
  std::string company;
  std::int64_t ref_version = 0;
  std::string ref_digest;
  std::string pinned_pack;  // the scenario's rule_pack ("" = by order date)

  mutable std::shared_mutex mu;  // guards everything below
  std::optional<Ledger> ledger;
  std::int64_t last_event_seq = 0;  // the newest event applied (0: none)
  std::int64_t event_count = 0;
};

// Lot draws <-> their stored JSON form [["L1",100],...], by lot id (lot indices shift as lots
// are drawn to zero; ids do not).
std::string DrawsJson(const Holder& holder, std::span<const LotDraw> draws);
Result<std::vector<LotDraw>> DrawsFromJson(const Holder& holder, const std::string& json);

// Parses a reference document (YAML or JSON scenario text) into a ledger. Problems are
// returned one per line as "name:line:column: field: message". The document's `orders`, if
// any, are not reference data: they are dropped and their number set in `ignored_orders`.
Result<Ledger> BuildLedger(const Evaluator& evaluator, const std::string& text,
                           const std::string& display_name, std::string* pinned_pack,
                           int* ignored_orders = nullptr);

// Applies one stored event to a ledger (startup, replay).
Status ApplyEvent(const store::EventRow& event, Ledger& ledger);

// The lot a recorded purchase adds to the holder (event kind "purchase"): id
// "purchase:<idempotency key>", the shares bought, acquired on the purchase date, its source the
// purchase kind of the method (centralized_bidding: secondary_bidding, block_trade:
// block_trade_purchase, agreement_transfer / inquiry_transfer: their purchase kinds).
Lot PurchaseLot(const Order& purchase, const std::string& idempotency_key);

// A book at reference `ref` with `events` (of that reference, in seq order) applied.
Result<std::shared_ptr<Book>> BuildBook(const Evaluator& evaluator, const store::ReferenceRow& ref,
                                        std::span<const store::EventRow> events);

}  // namespace reducheck::service

#endif  // REDUCHECK_ADAPTERS_SERVICE_BOOK_H_
