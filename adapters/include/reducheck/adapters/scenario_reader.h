// Reads a scenario YAML file (contract.md §1, docs/input-format.md) into a Scenario.
//
// Collects every problem (unknown keys with a did-you-mean, wrong types, impossible dates,
// non-positive share counts, unknown holder or lot references, orders exceeding holdings)
// instead of stopping at the first. A scenario is returned only when there are no problems:
// nothing is evaluated on a broken file.
#ifndef REDUCHECK_ADAPTERS_SCENARIO_READER_H_
#define REDUCHECK_ADAPTERS_SCENARIO_READER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/engine/scenario.h"

namespace reducheck::adapters {

// One item of the file's `orders` list: where it is, and whether it could be read.
struct OrderSlot {
  int line = 0;  // 1-based position of the item in the file (0 = unknown)
  int column = 0;
  std::string id;  // as written ("" when unreadable)
  // Index into scenario->orders when the item was read without a problem; -1 for a bad one.
  std::ptrdiff_t order = -1;
  std::vector<Diagnostic> problems;  // the bad item's problems (also in ScenarioLoad::problems)
};

struct ScenarioLoad {
  std::optional<Scenario> scenario;  // set iff problems is empty
  std::vector<Diagnostic> problems;
  // Every item of `orders`, in file order (good ones: scenario->orders[slot.order]).
  std::vector<OrderSlot> order_slots;
  // Set when there are problems but every one is in a bad order: the scenario with its good
  // orders only. Used through TolerateBadOrders.
  std::optional<Scenario> scenario_without_bad_orders;
};

// For `check`, which keeps judging past a bad order (it reports each from order_slots): when
// every problem of `load` is in a bad order, makes the scenario with the good orders `scenario`
// and clears `problems`. Returns whether `load.scenario` is set.
bool TolerateBadOrders(ScenarioLoad& load);

// `display_name` is used in diagnostics. `closes_file` paths are resolved relative to
// `base_dir` (the scenario file's folder).
ScenarioLoad ReadScenarioText(const std::string& text, const std::string& display_name,
                              const std::string& base_dir = ".");
ScenarioLoad ReadScenarioFile(const std::string& path);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_SCENARIO_READER_H_
