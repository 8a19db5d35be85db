// AuditLog: the service's append-only, hash-chained record of decisions and recorded events.
//
// One JSON object per line: {"seq":N,"prev":"<SHA-256 of line N-1>","time":"...",<payload>}.
// Line 1 names kGenesisHash as its predecessor; reopening a log continues its chain. Append
// stamps the time and queues the record; every millisecond the queued records go as one batch
// through an spdlog async logger (one worker thread, blocking when its queue is full: a line is
// never dropped), whose sink numbers, chains and writes them; it flushes at least once a second
// and on Flush/Close.
// A torn last line (a crash in the middle of a write) is moved, byte for byte, into the first
// line written after reopening ("torn_tail"), so nothing written is lost and the chain holds.
#ifndef REDUCHECK_ADAPTERS_AUDIT_AUDIT_LOG_H_
#define REDUCHECK_ADAPTERS_AUDIT_AUDIT_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "reducheck/engine/status.h"

namespace reducheck::audit {

struct ChainHead {
  std::int64_t seq = 0;  // 0 = empty log
  std::string hash;      // SHA-256 of line `seq` (kGenesisHash when empty)
};

class AuditLog {
 public:
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Opens (creating) the log at `path`, reading its last line to continue the chain. Fails on a
  // last line that is not a chained audit line.
  static Result<std::unique_ptr<AuditLog>> Open(const std::string& path);

  // Appends one line. `members` is the body of a JSON object without its braces
  // ("\"type\":\"check\",..."); seq, prev and time are added by the writer. Thread-safe; the
  // order of lines is the order of calls.
  void Append(std::string_view members);
  // Writes everything queued, flushes and fsyncs; returns the head of the chain.
  ChainHead Flush();
  // Flush, then stop the worker. Idempotent; the destructor calls it.
  ChainHead Close();

  const std::string& path() const { return path_; }

 private:
  struct Impl;  // spdlog logger, its worker pool, the chaining sink and the 1 s flusher
  explicit AuditLog(std::string path, std::unique_ptr<Impl> impl);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

// JSON string literal for `text` (quotes included), escaped exactly as nlohmann::json::dump
// escapes a valid UTF-8 string (ensure_ascii off), so digests of hand-built JSON match digests
// of the same value dumped by nlohmann. Inputs are checked as UTF-8 at the edge (input/text.h);
// should a byte that is not UTF-8 reach this anyway, it is written as U+FFFD: the result is
// always valid JSON.
std::string JsonString(std::string_view text);
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace reducheck::audit

#endif  // REDUCHECK_ADAPTERS_AUDIT_AUDIT_LOG_H_
