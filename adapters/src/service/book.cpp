#include "service/book.h"

#include <nlohmann/json.hpp>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/scenario_reader.h"
#include "service/request_json.h"

namespace reducheck::service {

std::string DrawsJson(const Holder& holder, std::span<const LotDraw> draws) {
  nlohmann::json j = nlohmann::json::array();
  for (const LotDraw& d : draws) {
    j.push_back({holder.lots[static_cast<size_t>(d.lot)].id, d.shares});
  }
  return j.dump();
}

Result<std::vector<LotDraw>> DrawsFromJson(const Holder& holder, const std::string& json) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Internal("stored lot draws are not a JSON array");
  std::vector<LotDraw> draws;
  for (const auto& item : j) {
    if (!item.is_array() || item.size() != 2 || !item[0].is_string() ||
        !item[1].is_number_integer()) {
      return Internal("a stored lot draw is not [lot id, shares]");
    }
    const auto& id = item[0].get_ref<const std::string&>();
    std::int32_t index = -1;
    for (size_t i = 0; i < holder.lots.size(); ++i) {
      if (holder.lots[i].id == id) index = static_cast<std::int32_t>(i);
    }
    if (index < 0)
      return Internal("a stored lot draw names lot '" + id + "', which " + holder.id +
                      " no longer holds");
    draws.push_back({index, item[1].get<Shares>()});
  }
  return draws;
}

Result<Ledger> BuildLedger(const Evaluator& evaluator, const std::string& text,
                           const std::string& display_name, std::string* pinned_pack,
                           int* ignored_orders) {
  // Reference data must be self-contained: the store keeps the document, not files it names.
  if (text.find("closes_file") != std::string::npos) {
    return InvalidInput(display_name +
                        ": company.closes_file: reference data for the service "
                        "must carry its closes inline (company.closes), not name a file");
  }
  adapters::ScenarioLoad load = adapters::ReadScenarioText(text, display_name);
  if (!load.problems.empty() || !load.scenario) {
    std::string all = load.problems.empty() ? display_name + ": the scenario could not be read"
                                            : adapters::FormatAll(load.problems);
    while (!all.empty() && all.back() == '\n') all.pop_back();
    return InvalidInput(all);
  }
  // Reference data is the state orders are judged against; a document's own orders (an
  // example file, say) are not part of it. They are dropped and counted, never evaluated.
  if (ignored_orders != nullptr) *ignored_orders = static_cast<int>(load.scenario->orders.size());
  load.scenario->orders.clear();
  std::string pinned;
  if (const auto& pack = load.scenario->rule_pack; pack && !pack->empty()) {
    std::string known;
    for (const auto& p : evaluator.packs())
      known += (known.empty() ? "" : ", ") + std::string(p->id());
    if (evaluator.PackFor(Date(), *pack) == nullptr) {
      return InvalidInput(display_name + ": rule_pack: unknown rule pack \"" + *pack +
                          "\" (known: " + known + ")");
    }
    pinned = *pack;
  }
  Result<Ledger> built = Ledger::Build(std::move(*load.scenario));
  if (!built.ok())
    return Status(built.status().code(), display_name + ": " + built.status().message());
  if (pinned_pack != nullptr) *pinned_pack = pinned;
  return built;
}

Lot PurchaseLot(const Order& purchase, const std::string& idempotency_key) {
  Lot lot;
  lot.id = "purchase:" + idempotency_key;
  lot.shares = purchase.shares;
  lot.acquired = purchase.date;
  switch (purchase.method) {
    case Method::kCentralizedBidding:
      lot.source = Source::kSecondaryBidding;
      break;
    case Method::kBlockTrade:
      lot.source = Source::kBlockTradePurchase;
      break;
    case Method::kAgreementTransfer:
      lot.source = Source::kAgreementTransferPurchase;
      break;
    case Method::kInquiryTransfer:
      lot.source = Source::kInquiryTransferPurchase;
      break;
  }
  return lot;
}

Status ApplyEvent(const store::EventRow& event, Ledger& ledger) {
  const std::string where = "event " + std::to_string(event.seq) + " (" + event.kind + ")";
  if (event.kind == "execution") {
    auto parsed = ParseOrderRequest(event.payload, OrderKind::kExecution);
    if (!parsed.value) return Internal(where + ": stored payload does not parse");
    const Order& o = parsed.value->order;
    const std::int32_t hi = ledger.HolderIndex(o.holder);
    if (hi < 0) return Internal(where + ": unknown holder '" + o.holder + "'");
    auto draws = DrawsFromJson(ledger.holder(hi), event.draws);
    if (!draws.ok()) return Internal(where + ": " + draws.status().message());
    Status st =
        ledger.RecordSale(Trade{o.holder, o.date, o.method, o.shares, o.price}, draws.value());
    return st.ok() ? st : Internal(where + ": " + st.message());
  }
  if (event.kind == "purchase") {
    auto parsed = ParseOrderRequest(event.payload, OrderKind::kExecution);
    if (!parsed.value) return Internal(where + ": stored payload does not parse");
    const Order& o = parsed.value->order;
    Status st = ledger.RecordPurchase(Trade{o.holder, o.date, o.method, o.shares, o.price},
                                      PurchaseLot(o, event.idempotency_key));
    return st.ok() ? st : Internal(where + ": " + st.message());
  }
  if (event.kind == "announcement") {
    auto parsed = ParseAnnouncementRequest(event.payload);
    if (!parsed.value) return Internal(where + ": stored payload does not parse");
    Status st = ledger.RecordAnnouncement(parsed.value->announcement);
    return st.ok() ? st : Internal(where + ": " + st.message());
  }
  return Internal(where + ": unknown event kind");
}

Result<std::shared_ptr<Book>> BuildBook(const Evaluator& evaluator, const store::ReferenceRow& ref,
                                        std::span<const store::EventRow> events) {
  auto book = std::make_shared<Book>();
  book->company = ref.company;
  book->ref_version = ref.version;
  book->ref_digest = ref.digest;
  Result<Ledger> ledger =
      BuildLedger(evaluator, ref.scenario, ref.company + "@v" + std::to_string(ref.version),
                  &book->pinned_pack);
  if (!ledger.ok()) return ledger.status();
  book->ledger.emplace(std::move(ledger).value());
  for (const store::EventRow& e : events) {
    if (Status st = ApplyEvent(e, *book->ledger); !st.ok()) return st;
    book->last_event_seq = e.seq;
    ++book->event_count;
  }
  return book;
}

}  // namespace reducheck::service
