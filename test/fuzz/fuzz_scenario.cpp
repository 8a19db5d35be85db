// libFuzzer target: the scenario reader (YAML text -> Scenario), and, for a scenario that reads,
// the ledger and the evaluator on its orders. Contract under test: any input ends in a
// scenario or a list of located problems — never a crash, a hang, an uncaught exception or
// undefined behaviour (docs/security.md#fuzzing).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_rules.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A base folder with nothing in it: a closes_file names a file that is not there.
  reducheck::adapters::ScenarioLoad load =
      reducheck::adapters::ReadScenarioText(text, "fuzz.yaml", "/nonexistent-reducheck-fuzz");
  if (!load.scenario) return 0;
  reducheck::Result<reducheck::Ledger> ledger = reducheck::Ledger::Build(std::move(*load.scenario));
  if (!ledger.ok()) return 0;
  const reducheck::Evaluator& evaluator = reducheck::fuzz::ShippedRules();
  int judged = 0;
  for (const reducheck::Order& order : ledger.value().scenario().orders) {
    if (++judged > 4) break;  // bounded work per input
    (void)evaluator.Check(order, ledger.value());
  }
  return 0;
}
