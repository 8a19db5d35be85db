// Verification of an audit log's hash chain (`reducheck audit verify`), over its segments.
//
// A log is its closed segments in order ("<log>.000001[.zst]", ...) and then its active file,
// read as one chain (audit/chain.h): an edited line breaks the next line's prev (and, for an
// edited input, its own input_sha256); a dropped line breaks seq and prev; a reordered pair
// breaks both. A cut at the end is caught against the head the service records in its database
// at least once a second (`anchor`). When the oldest segments have been archived elsewhere, the
// chain is checked from the first line present, and the report says so.
#ifndef REDUCHECK_ADAPTERS_AUDIT_AUDIT_VERIFY_H_
#define REDUCHECK_ADAPTERS_AUDIT_AUDIT_VERIFY_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/chain.h"
#include "audit/segments.h"

namespace reducheck::audit {

// The lines of a log across its segments, oldest first.
class LogLines {
 public:
  // All segments of `log`, or those from the one holding `from_seq` on (found by the first line
  // of each segment, so older segments are not read through).
  explicit LogLines(const std::string& log, std::int64_t from_seq = 0);
  // The next line; `where` names it ("audit.jsonl.000002: line 17"); `complete` is false for a
  // last line without its '\n'. False at the end or on an error (error()).
  bool Next(std::string& line, std::string& where, bool& complete);
  const std::string& error() const { return error_; }
  // True when the first segment read is not the log's first (archived, or skipped).
  bool starts_later() const { return starts_later_; }
  bool empty() const { return segments_.empty(); }

 private:
  std::vector<Segment> segments_;
  std::size_t next_segment_ = 0;
  std::unique_ptr<LineReader> reader_;
  std::string name_;
  std::int64_t line_no_ = 0;
  bool starts_later_ = false;
  std::string error_;
};

struct LogVerifyOptions {
  std::string key;                  // the log's HMAC key, "" if not keyed
  std::optional<ChainHead> anchor;  // the head the service recorded, checked if given
};

// Verifies the log at `log` (its segments and active file).
VerifyReport VerifyLog(const std::string& log, const LogVerifyOptions& options);

// One stream as a whole log (tests; a single exported file).
VerifyReport VerifyChain(std::istream& log, const std::optional<ChainHead>& anchor);

}  // namespace reducheck::audit

#endif  // REDUCHECK_ADAPTERS_AUDIT_AUDIT_VERIFY_H_
