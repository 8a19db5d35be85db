// Contract names of the verdict enums (contract.md §2).
#include "reducheck/engine/verdict.h"

namespace reducheck {

std::string_view CategoryName(Category c) {
  switch (c) {
    case Category::kNone:
      return "informational";
    case Category::kRestrictedOriginalShares:
      return "restricted_original_shares";
    case Category::kRestrictedPeriodOther:
      return "restricted_period_other";
    case Category::kProcedural:
      return "procedural";
    case Category::kStopTrading:
      return "stop_trading";
    case Category::kShortSwing:
      return "short_swing";
  }
  return {};
}

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    case Outcome::kUnknown:
      return "unknown";
  }
  return {};
}

}  // namespace reducheck
