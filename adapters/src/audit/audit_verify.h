// Verification of an audit log's hash chain (`reducheck audit verify`).
//
// A line is accepted when it is a JSON object whose seq is one more than the previous line's,
// whose prev is the SHA-256 of the previous line's exact bytes (kGenesisHash for seq 1), and
// whose input (if any) hashes to its input_sha256. An edited line breaks the next line's prev
// (and, for an edited input, its own input_sha256); a dropped line breaks seq and prev; a
// reordered pair breaks both. A cut at the end is caught against the head the service records
// in its database on shutdown (`anchor`).
#ifndef REDUCHECK_ADAPTERS_AUDIT_AUDIT_VERIFY_H_
#define REDUCHECK_ADAPTERS_AUDIT_AUDIT_VERIFY_H_

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"

namespace reducheck::audit {

struct VerifyReport {
  std::int64_t lines = 0;
  ChainHead head;                     // of the last line read
  std::vector<std::string> problems;  // "line 17 (seq 17): ...", at most kMaxProblems
  std::int64_t problem_count = 0;     // all of them
  bool ok() const { return problem_count == 0; }
  static constexpr size_t kMaxProblems = 50;
};

// `anchor`: a chain head recorded elsewhere (the service database), checked if given.
VerifyReport VerifyChain(std::istream& log, const std::optional<ChainHead>& anchor);

// "seq hash" <-> ChainHead, the anchor's stored form.
std::string AnchorText(const ChainHead& head);
std::optional<ChainHead> ParseAnchor(const std::string& text);

}  // namespace reducheck::audit

#endif  // REDUCHECK_ADAPTERS_AUDIT_AUDIT_VERIFY_H_
