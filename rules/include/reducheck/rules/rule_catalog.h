// The catalog of every rule id in the spec (rules-cn.md), implemented or not, and of the hk
// market's rules (docs/markets.md).
#ifndef REDUCHECK_RULES_RULE_CATALOG_H_
#define REDUCHECK_RULES_RULE_CATALOG_H_

#include <span>
#include <string_view>

#include "reducheck/engine/rule_info.h"

namespace reducheck::rules {

// All rules of market "cn", in spec order. Pointers are to static storage.
std::span<const RuleInfo> AllRules();
// The rules of market "hk" (HKEX Main Board; hk_rule_catalog.cpp).
std::span<const RuleInfo> HkRules();
// nullptr when the id is unknown.
const RuleInfo* FindRule(std::string_view id);

}  // namespace reducheck::rules

#endif  // REDUCHECK_RULES_RULE_CATALOG_H_
