// The checks every YAML input passes before it is loaded (scenario, rule pack, calendar, and
// reference data sent to the service, YAML or JSON): the text checks of input/text.h, then its
// structure — one document, nesting at most kMaxNestingDepth, at most kMaxYamlNodes nodes with
// aliases expanded (input/limits.h). A structural pass over the parser's events stops at the
// first problem, so no parser recursion goes deeper than the limit.
#ifndef REDUCHECK_ADAPTERS_INPUT_YAML_DOCUMENT_H_
#define REDUCHECK_ADAPTERS_INPUT_YAML_DOCUMENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "input/limits.h"
#include "reducheck/adapters/diagnostic.h"

namespace reducheck::input {

// No problems, or one Diagnostic located in `file` (line and column when known).
std::vector<adapters::Diagnostic> CheckYamlInput(std::string_view text, const std::string& file,
                                                 std::size_t max_bytes = kMaxDocumentBytes);

}  // namespace reducheck::input

#endif  // REDUCHECK_ADAPTERS_INPUT_YAML_DOCUMENT_H_
