// Reads a scenario YAML file (contract.md §1, docs/input-format.md) into a Scenario.
//
// Collects every problem (unknown keys with a did-you-mean, wrong types, impossible dates,
// non-positive share counts, unknown holder or lot references, orders exceeding holdings)
// instead of stopping at the first. A scenario is returned only when there are no problems:
// nothing is evaluated on a broken file.
#ifndef REDUCHECK_ADAPTERS_SCENARIO_READER_H_
#define REDUCHECK_ADAPTERS_SCENARIO_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/engine/scenario.h"

namespace reducheck::adapters {

struct ScenarioLoad {
  std::optional<Scenario> scenario;  // set iff problems is empty
  std::vector<Diagnostic> problems;
};

// `display_name` is used in diagnostics. `closes_file` paths are resolved relative to
// `base_dir` (the scenario file's folder).
ScenarioLoad ReadScenarioText(const std::string& text, const std::string& display_name,
                              const std::string& base_dir = ".");
ScenarioLoad ReadScenarioFile(const std::string& path);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_SCENARIO_READER_H_
