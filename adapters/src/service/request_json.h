// Strict readers for the service's JSON request bodies, and the canonical JSON of what they
// read (sorted keys, no spaces: the bytes that are hashed, stored and audited).
//
// Strict: malformed JSON, duplicate keys, unknown fields (with a did-you-mean), wrong types,
// impossible dates and non-positive counts are all problems naming the field. Prices are
// decimal strings ("31.10") or integers, never binary floats, so they stay exact.
#ifndef REDUCHECK_ADAPTERS_SERVICE_REQUEST_JSON_H_
#define REDUCHECK_ADAPTERS_SERVICE_REQUEST_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/engine/history.h"
#include "reducheck/engine/order.h"

namespace reducheck::service {

struct FieldProblem {
  std::string field;    // "shares", "methods[1]"; "" for the body as a whole
  std::string message;  // what is wrong and what was expected
};

template <typename T>
struct Parsed {
  std::optional<T> value;  // set iff problems is empty
  std::vector<FieldProblem> problems;
};

struct OrderRequest {
  std::optional<std::string> company;  // absent: resolved from the holder id
  Order order;
};

struct AnnouncementRequest {
  std::optional<std::string> company;
  Announcement announcement;
};

enum class OrderKind {
  kCheck,      // POST /v1/check: id required
  kExecution,  // POST /v1/executions: id (the desk's fill or order id) optional
};

Parsed<OrderRequest> ParseOrderRequest(std::string_view body, OrderKind kind);
Parsed<AnnouncementRequest> ParseAnnouncementRequest(std::string_view body);

// Canonical JSON: fixed key set in sorted order, money as decimal strings, absent optionals
// omitted. Parsing the canonical form gives back the same values.
std::string CanonicalOrder(std::string_view company, const Order& order);
std::string CanonicalAnnouncement(std::string_view company, const Announcement& a);

}  // namespace reducheck::service

#endif  // REDUCHECK_ADAPTERS_SERVICE_REQUEST_JSON_H_
