// Post-trade views of the desk's recorded state (docs/service.md#alerts-and-obligations):
// the breaches (executions whose verdict at record time failed) and the announcements the
// recorded executions made due. Both are read from the stored acknowledgements, which carry the
// verdict the execution got when it was recorded (so a later change of rules never rewrites an
// alert), of each company's current reference version.
#ifndef REDUCHECK_ADAPTERS_SERVICE_POST_TRADE_H_
#define REDUCHECK_ADAPTERS_SERVICE_POST_TRADE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/state_store.h"

namespace reducheck::service {

// One announcement a recorded execution made due.
struct DueObligation {
  std::string due;  // YYYY-MM-DD (inclusive deadline)
  std::string kind;
  std::string company;
  std::string holder;
  std::string rule;
  std::string threshold_pct;  // "" when the obligation has none
  std::int64_t trigger_seq = 0;
  std::string trigger_date;
  std::string trigger_method;
  std::int64_t trigger_shares = 0;
  std::string trigger_key;
  std::int64_t announced_seq = 0;  // a recorded announcement that answers it (0: none yet)
};

// The alert of one stored execution, or nullopt when it was not a breach (or was recorded
// before executions were judged).
std::optional<nlohmann::ordered_json> AlertFromEvent(const store::EventRow& event);

// Appends the obligations with a due date on or before `due_before` (YYYY-MM-DD; "" = any)
// of the executions in `events` (one book's, in seq order). An obligation counts as announced
// when the same holder's announcement of the matching kind was recorded after the execution.
void CollectDueObligations(const std::vector<store::EventRow>& events,
                           const std::string& due_before, std::vector<DueObligation>& out);

nlohmann::ordered_json ObligationJson(const DueObligation& o);
// RFC 4180 CSV with a header line; fields quoted when needed.
std::string ObligationsCsv(const std::vector<DueObligation>& obligations);

}  // namespace reducheck::service

#endif  // REDUCHECK_ADAPTERS_SERVICE_POST_TRADE_H_
