// A proposed sale to judge (contract.md §1 `orders`).
#ifndef REDUCHECK_ENGINE_ORDER_H_
#define REDUCHECK_ENGINE_ORDER_H_

#include <optional>
#include <string>

#include "reducheck/engine/money.h"
#include "reducheck/engine/types.h"

namespace reducheck {

struct Order {
  std::string id;
  std::string holder;
  Date date;
  Method method = Method::kCentralizedBidding;
  Shares shares = 0;
  std::optional<Money> price;  // limit price; needed by price floors and penalty amounts
  // Estimated illegal gain if the sale breaks the 5% rule (category-4 fines are multiples of
  // it under the draft penalty rules); optional.
  std::optional<Money> gain_estimate;
  // A shares (SSE/SZSE/BSE, judged by the cn packs) or H shares (HKEX, the hk packs); the
  // other market's rules that reach every class of the issuer see the order too (evaluator.h).
  ShareClass share_class = ShareClass::kA;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_ORDER_H_
