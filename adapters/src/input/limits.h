// Every limit reducheck puts on what it reads, in one place: the CLI readers (scenario, rule
// pack, calendar, schedule CSV), the service's requests and the HTTP transport all use these
// values, and docs/security.md#limits lists them. A parser swap (e.g. another YAML library)
// keeps them by keeping the checks in input/ in front of it.
#ifndef REDUCHECK_ADAPTERS_INPUT_LIMITS_H_
#define REDUCHECK_ADAPTERS_INPUT_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace reducheck::input {

// Nesting of JSON arrays/objects and YAML sequences/mappings. A scenario is about 7 levels
// deep; 64 leaves room for any real document and keeps every parser far from its stack limit.
inline constexpr int kMaxNestingDepth = 64;

}  // namespace reducheck::input

#endif  // REDUCHECK_ADAPTERS_INPUT_LIMITS_H_
