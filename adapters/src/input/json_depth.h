// A lexical pre-check of JSON nesting, run before any JSON input is parsed, so that no parser,
// serialiser or destructor ever recurses over an input-controlled depth.
#ifndef REDUCHECK_ADAPTERS_INPUT_JSON_DEPTH_H_
#define REDUCHECK_ADAPTERS_INPUT_JSON_DEPTH_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reducheck::input {

// The byte offset (0-based) of the first '[' or '{' (outside strings) that opens level
// max_depth + 1, or nullopt when `text` never nests deeper than max_depth. One pass, no
// allocation; it does not validate the JSON otherwise (the parser does that afterwards).
std::optional<std::size_t> JsonNestingExceeds(std::string_view text, int max_depth);

// "nested deeper than 64 levels at byte 1234 (the limit for every reducheck input)", or "" when
// `text` is within kMaxNestingDepth.
std::string JsonNestingProblem(std::string_view text);

}  // namespace reducheck::input

#endif  // REDUCHECK_ADAPTERS_INPUT_JSON_DEPTH_H_
