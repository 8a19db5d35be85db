// The audit log's hash chain: how a line names its predecessor, and an incremental verifier.
//
// Line N is {"seq":N,"prev":L(N-1),...} where L(line) is the SHA-256 of the line's exact bytes
// (without its '\n'), or — for a keyed log — HMAC-SHA256 of those bytes under the log's key, so
// that re-chaining an edited log needs the key (docs/service.md#audit-trail). Line 1 names
// kGenesisHash. The first line of a log, of every segment and the first line written after
// every start carry "chain" ("sha256" or "hmac-sha256"), "key_id" for a keyed log (the first 16
// hex digits of SHA-256 over "reducheck-audit-key:" and the key: it names the key without
// revealing it) and "log_id", the log's identity, which the service also records in its
// database.
#ifndef REDUCHECK_ADAPTERS_AUDIT_CHAIN_H_
#define REDUCHECK_ADAPTERS_AUDIT_CHAIN_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/engine/status.h"

namespace reducheck::audit {

struct ChainHead {
  std::int64_t seq = 0;  // 0 = empty log
  std::string hash;      // the link of line `seq` (kGenesisHash when empty)
};

// The link of `line`: SHA-256 of its bytes, or HMAC-SHA256 under `key` when `key` is not empty.
std::string LinkHash(std::string_view line, const std::string& key);

// "a1b2..." (16 hex digits) naming `key`; "" for no key.
std::string KeyId(const std::string& key);

// The key in `path`: its bytes without trailing line ends; at least 32 bytes (e.g. from
// `head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'`, 64 hex characters).
Result<std::string> ReadKeyFile(const std::string& path);

// "seq hash" <-> ChainHead, the anchor's stored form in the service database.
std::string AnchorText(const ChainHead& head);
std::optional<ChainHead> ParseAnchor(const std::string& text);

struct VerifyReport {
  std::int64_t lines = 0;
  std::int64_t first_seq = 0;         // the seq the lines read start at (1 for a whole log)
  ChainHead head;                     // of the last line read
  std::vector<std::string> problems;  // "FILE: line 17: ...", at most kMaxProblems
  std::vector<std::string> notes;     // facts worth saying that are not problems
  std::int64_t problem_count = 0;     // all of them
  bool keyed = false;                 // the log says it is keyed (hmac-sha256)
  bool ok() const { return problem_count == 0; }
  static constexpr std::size_t kMaxProblems = 50;
};

// Checks lines one at a time: each is a JSON object (nested at most kMaxNestingDepth) whose
// seq is one more than the previous line's and whose prev is the previous line's link; an input
// matches its input_sha256; the first line has seq 1 and the genesis prev unless
// `may_start_later` (older segments archived: the chain is then checked from the first line
// present, and that is noted). An `anchor` (the head the service recorded in its database) is
// checked at Finish: the log must reach it, and its line there must be the one recorded.
class ChainVerifier {
 public:
  // `key`: the log's HMAC key, or "" (a keyed log then reports that its links cannot be checked).
  ChainVerifier(std::string key, bool may_start_later, std::optional<ChainHead> anchor);

  // `where` names the line in problems ("audit.jsonl.000002: line 17"); `complete` is false
  // for a last line without its '\n' (cut in the middle of a write).
  void Feed(std::string_view line, const std::string& where, bool complete);
  // Ends the check; `where` names the end of the log for problems found there.
  VerifyReport Finish(const std::string& where);

 private:
  void Problem(const std::string& where, const std::string& what);

  std::string key_;
  bool may_start_later_;
  std::optional<ChainHead> anchor_;
  std::optional<std::string> anchored_link_;  // the link of the line at anchor->seq, once read
  bool started_ = false;
  bool links_unverifiable_ = false;
  VerifyReport report_;
};

}  // namespace reducheck::audit

#endif  // REDUCHECK_ADAPTERS_AUDIT_CHAIN_H_
