// The Hong Kong rule set (market "hk", HKEX Main Board): compiles an hk RulePack into an engine
// RuleSet that judges the H shares of an A+H issuer, and, in cross-market mode, the A-share
// orders its rules reach (docs/markets.md).
#ifndef REDUCHECK_RULES_HK_RULE_SET_H_
#define REDUCHECK_RULES_HK_RULE_SET_H_

#include <memory>

#include "reducheck/engine/rule_set.h"
#include "reducheck/engine/status.h"
#include "reducheck/rules/pack.h"

namespace reducheck::rules {

// Validates the pack (market "hk", its parameters, one citation per rule) and returns the set.
Result<std::shared_ptr<const RuleSet>> MakeHkRuleSet(RulePack pack);

// The rule set of a pack of any market: MakeCnRuleSet or MakeHkRuleSet by pack.market.
Result<std::shared_ptr<const RuleSet>> MakeRuleSet(RulePack pack);

}  // namespace reducheck::rules

#endif  // REDUCHECK_RULES_HK_RULE_SET_H_
