// Diagnostic: one problem found in an input file, located for a person to fix it.
#ifndef REDUCHECK_ADAPTERS_DIAGNOSTIC_H_
#define REDUCHECK_ADAPTERS_DIAGNOSTIC_H_

#include <string>
#include <string_view>
#include <vector>

namespace reducheck::adapters {

struct Diagnostic {
  std::string file;     // path as given by the user
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string field;    // path like "holders[0].lots[2].shares"
  std::string message;  // what is wrong and what was expected
};

// "file:line:column: field: message" (line/column omitted when 0), on one line: control and
// invisible formatting characters, and bytes that are not UTF-8, are shown escaped (\x1B).
std::string Format(const Diagnostic& d);
std::string FormatAll(const std::vector<Diagnostic>& ds);

// The candidate closest to `word` by edit distance (a transposition counts as one edit), for
// "did you mean" hints. Returns "" when no candidate is close enough to be a likely typo.
std::string ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_DIAGNOSTIC_H_
