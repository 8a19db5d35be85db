// One scenario file's content as plain values: the company, its holders, history and orders.
// Produced by adapters (YAML reader), consumed by Ledger::Build. No I/O here.
#ifndef REDUCHECK_ENGINE_SCENARIO_H_
#define REDUCHECK_ENGINE_SCENARIO_H_

#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/company.h"
#include "reducheck/engine/history.h"
#include "reducheck/engine/holder.h"
#include "reducheck/engine/order.h"

namespace reducheck {

struct Scenario {
  std::optional<std::string>
      rule_pack;  // pinned pack id; nullopt = the pack in force per order date
  Company company;
  std::vector<Holder> holders;
  History history;
  std::vector<Order> orders;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_SCENARIO_H_
