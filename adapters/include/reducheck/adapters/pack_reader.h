// Reads rule packs (rules/packs/*.yaml, docs/rule-pack-format.md) into RulePack values by the
// rules layer's schema (rules/pack_schema.h, rules/pack_check.h): a parameter given carries its
// legal source, one omitted takes the schema default; unknown keys are errors; values the rule
// code cannot honour and citations of instruments not in force are load errors (file, line, key).
#ifndef REDUCHECK_ADAPTERS_PACK_READER_H_
#define REDUCHECK_ADAPTERS_PACK_READER_H_

#include <string>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/rules/pack.h"

namespace reducheck::adapters {

struct PackLoad {
  std::vector<rules::RulePack> packs;  // complete only when problems is empty
  std::vector<Diagnostic> problems;
};

PackLoad ReadPackText(const std::string& text, const std::string& display_name);
PackLoad ReadPackFile(const std::string& path);
// Every *.yaml file in `dir`, sorted by effective_from.
PackLoad ReadPackDir(const std::string& dir);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_PACK_READER_H_
