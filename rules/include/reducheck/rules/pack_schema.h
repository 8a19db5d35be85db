// The pack schema: one definition of every parameter a rule reads, with its one default, its
// range and the rules that read it. Owned by the rules layer (issue 10); the YAML reader only
// turns text into values by these definitions, and CheckParameters (run once at load) rejects
// combinations the rule code cannot honour, naming the key.
#ifndef REDUCHECK_RULES_PACK_SCHEMA_H_
#define REDUCHECK_RULES_PACK_SCHEMA_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "reducheck/engine/money.h"
#include "reducheck/engine/status.h"
#include "reducheck/rules/pack.h"
#include "reducheck/rules/pack_check.h"

namespace reducheck::rules {

enum class ParamKind : std::uint8_t {
  kPercent,       // (0, 100] with at most 2 decimals, stored in basis points
  kPercentOrOff,  // like kPercent, but 0 is allowed and switches the rule off
  kCount,         // a whole number in [min, max]
  kFlag,          // true | false
  kCapWindow,     // rolling_90_days | three_months | strict
  kEq5Reading,    // touch | amplitude
  kTiers,         // four non-decreasing percentages in [0, 100] (bp)
  kMultiples,     // four non-decreasing whole numbers in [0, max]
  kAmount,        // a non-negative amount in yuan
  kAmounts,       // four non-decreasing non-negative amounts in yuan
  kDate,          // YYYY-MM-DD
};

// One parameter. Exactly one of the member pointers matching `kind` is set.
struct ParamDef {
  std::string_view key;
  ParamKind kind;
  std::string_view default_value;  // as it would be written in YAML ("5.00", "[0, 3, 5, 10]")
  std::string_view read_by;        // the rule ids (or stage) whose code reads it
  std::int32_t RulePack::*count = nullptr;  // kPercent, kPercentOrOff, kCount
  bool RulePack::*flag = nullptr;           // kFlag
  std::int64_t min = 0;                     // kCount / kMultiples range, inclusive
  std::int64_t max = 0;
  std::array<std::int32_t, 4> RulePack::*tiers = nullptr;  // kTiers, kMultiples
  Money RulePack::*amount = nullptr;                       // kAmount
  std::array<Money, 4> RulePack::*amounts = nullptr;       // kAmounts
  Date RulePack::*date = nullptr;                          // kDate
  CapWindow RulePack::*cap_window = nullptr;               // kCapWindow
  Eq5Reading RulePack::*eq5_reading = nullptr;             // kEq5Reading
};

// Every parameter of a market ("cn", "hk"), in listing order (pack files list them in this
// order); empty for an unknown market. A pack sets only its own market's parameters.
std::span<const ParamDef> PackSchema(std::string_view market = "cn");
// nullptr for an unknown key.
const ParamDef* FindParam(std::string_view key, std::string_view market = "cn");

// Values the rule code cannot honour although each is in its own range (e.g. a 5% grid that is
// not a multiple of the 1% grid): one problem per offending key ("parameters.<key>.value").
std::vector<PackProblem> CheckParameters(const RulePack& pack);

// What a rule set compiled from a pack built in code checks (the reader ran the same checks
// with file and line): the pack is of `market`, CheckParameters, a non-empty id, CheckPack.
// The first problem, naming the pack and the key; Ok when there is none.
Status CheckPackToCompile(const RulePack& pack, std::string_view market);

}  // namespace reducheck::rules

#endif  // REDUCHECK_RULES_PACK_SCHEMA_H_
