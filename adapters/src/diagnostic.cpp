// Formatting of input diagnostics and the "did you mean" matcher.
#include "reducheck/adapters/diagnostic.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "input/text.h"

namespace reducheck::adapters {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
// transpositions each cost one. Case-insensitive.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
          Lower(a[i - 2]) == Lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

// How many edits still look like a typo of a word of this length.
std::size_t MaxTypoDistance(std::size_t length) {
  if (length <= 4) return 1;
  if (length <= 10) return 2;
  return 3;
}

}  // namespace

std::string Format(const Diagnostic& d) {
  // One line, safe on a terminal: whatever an input smuggled into a field path or a quoted
  // value (control characters, escape sequences, bytes that are not UTF-8) is shown escaped.
  constexpr std::size_t kWhole = std::numeric_limits<std::size_t>::max();
  std::string out = input::Printable(d.file, kWhole);
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += ": ";
  if (!d.field.empty()) out += input::Printable(d.field, kWhole) + ": ";
  out += input::Printable(d.message, kWhole);
  return out;
}

std::string FormatAll(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += Format(d) + '\n';
  return out;
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates) {
  constexpr std::size_t kLongWord = 64;  // longer inputs are not typos of a field name
  if (word.empty() || word.size() > kLongWord) return "";
  std::string_view best;
  std::size_t best_distance = MaxTypoDistance(word.size()) + 1;
  for (std::string_view c : candidates) {
    if (c.size() > kLongWord) continue;
    const std::size_t distance = EditDistance(word, c);
    if (distance < best_distance) {
      best = c;
      best_distance = distance;
    }
  }
  return std::string(best);
}

}  // namespace reducheck::adapters
