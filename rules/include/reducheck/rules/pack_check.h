// The checks every rule pack passes once, when it is loaded (docs/rule-pack-format.md): the
// market and its rule catalog, the rule list, and the citations against the in-force dates of
// the instruments they name. Pure: the reader maps each problem's key to a file line.
#ifndef REDUCHECK_RULES_PACK_CHECK_H_
#define REDUCHECK_RULES_PACK_CHECK_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/engine/rule_info.h"
#include "reducheck/rules/pack.h"

namespace reducheck::rules {

// One problem: `key` is the YAML path of the offending entry ("rules.EQ5-MULT.citations[1]",
// "market"), `message` says what is wrong and what is expected.
struct PackProblem {
  std::string key;
  std::string message;
};

// The markets a pack may declare, and each market's rule catalog (rules the code implements or
// lists as not implemented). Empty span for an unknown market.
std::span<const std::string_view> Markets();
std::span<const RuleInfo> MarketRules(std::string_view market);

// Every problem of `pack`, in file order:
// - `market` names a known market;
// - `rules` lists each rule of the market's catalog exactly once and nothing else;
// - a rule's `applies_from` lies inside the pack's period (before it the rule's findings are
//   dropped from verdicts; `lockup` lot states still show its locks: use it for rules that
//   cannot bind before that day, such as a board's rules before the board existed);
// - each rule has citations; the first applies from the pack's start (or the rule's
//   applies_from), later ones start strictly later and inside the period;
// - every instrument a citation names is declared under `sources` and in force on every day the
//   citation applies: in_force_from <= the citation's first day and in_force_to (if any) >= its
//   last day (an open-ended pack needs an open-ended instrument).
std::vector<PackProblem> CheckPack(const RulePack& pack);

}  // namespace reducheck::rules

#endif  // REDUCHECK_RULES_PACK_CHECK_H_
