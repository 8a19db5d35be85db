// Formatting helpers for violation messages and facts. Used only when a rule fails or cannot
// decide (never on the pass path).
#ifndef REDUCHECK_RULES_EXPLAIN_H_
#define REDUCHECK_RULES_EXPLAIN_H_

#include <string>
#include <string_view>

#include "reducheck/engine/types.h"
#include "reducheck/engine/verdict.h"

namespace reducheck::rules_internal {

std::string Iso(Date d);
std::string Num(Shares n);                   // 4,000,000
std::string Pct(Shares part, Shares whole);  // 1.1000% (truncated, exact)
std::string BpText(std::int64_t bp);         // 500 -> 5%, 150 -> 1.5%
std::string MethodEn(Method m);
std::string MethodZh(Method m);

}  // namespace reducheck::rules_internal

#endif  // REDUCHECK_RULES_EXPLAIN_H_
