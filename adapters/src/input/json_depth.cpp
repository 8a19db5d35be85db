#include "input/json_depth.h"

#include "input/limits.h"

namespace reducheck::input {

std::optional<std::size_t> JsonNestingExceeds(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > max_depth) return i;
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return std::nullopt;
}

std::string JsonNestingProblem(std::string_view text) {
  const std::optional<std::size_t> at = JsonNestingExceeds(text, kMaxNestingDepth);
  if (!at) return {};
  return "nested deeper than " + std::to_string(kMaxNestingDepth) + " levels (at byte " +
         std::to_string(*at + 1) + "); " + std::to_string(kMaxNestingDepth) +
         " is the nesting limit for every reducheck input";
}

}  // namespace reducheck::input
