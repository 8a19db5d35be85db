// Locates and loads the rule packs and trading calendar shipped in rules/.
//
// Search order for the rules directory: the --rules-dir flag, the REDUCHECK_RULES_DIR
// environment variable, <prefix>/share/reducheck beside a program installed in <prefix>/bin
// (so an installed tree can be moved), the source tree's rules/ (compiled in), the installed
// share/reducheck. A host that embeds the library passes its directory to LoadEvaluator
// (the CMake package names it: reducheck_RULES_DIR). No network, ever.
#ifndef REDUCHECK_ADAPTERS_RUNTIME_DATA_H_
#define REDUCHECK_ADAPTERS_RUNTIME_DATA_H_

#include <optional>
#include <string>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/rules/pack.h"

namespace reducheck::adapters {

struct EvaluatorLoad {
  std::optional<Evaluator> evaluator;
  std::string rules_dir;
  std::vector<rules::RulePack> packs;  // as read, for `reducheck rules`
  std::vector<Diagnostic> problems;
};

std::string DefaultRulesDir(const std::string& flag_value);
EvaluatorLoad LoadEvaluator(const std::string& rules_dir);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_RUNTIME_DATA_H_
