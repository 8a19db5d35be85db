// The China A-share rule set: compiles a RulePack into an engine RuleSet.
#ifndef REDUCHECK_RULES_CN_RULE_SET_H_
#define REDUCHECK_RULES_CN_RULE_SET_H_

#include <memory>

#include "reducheck/engine/rule_set.h"
#include "reducheck/engine/status.h"
#include "reducheck/rules/pack.h"

namespace reducheck::rules {

// Validates the pack's numbers (positive, in range) and returns the compiled rule set.
Result<std::shared_ptr<const RuleSet>> MakeCnRuleSet(RulePack pack);

}  // namespace reducheck::rules

#endif  // REDUCHECK_RULES_CN_RULE_SET_H_
