// Direct (tree-free) writer of the compact verdict JSON; see verdict_json_writer.cpp.
#ifndef REDUCHECK_ADAPTERS_JSON_VERDICT_JSON_WRITER_H_
#define REDUCHECK_ADAPTERS_JSON_VERDICT_JSON_WRITER_H_

#include <string>

#include "reducheck/adapters/verdict_render.h"

namespace reducheck::adapters {

// Appends the compact JSON of `c` to `out`, byte for byte as the general renderer writes it.
// Returns false, with `out` unchanged, for a verdict it cannot reproduce exactly (invalid UTF-8
// text, a repeated fact key): the caller then uses the general renderer.
bool AppendVerdictJsonDirect(const CheckedOrder& c, std::string& out);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_JSON_VERDICT_JSON_WRITER_H_
