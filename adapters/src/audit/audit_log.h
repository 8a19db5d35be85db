// AuditLog: the service's append-only, hash-chained record of decisions and recorded events.
//
// One JSON object per line: {"seq":N,"prev":"<link of line N-1>","time":"...",<payload>}
// (audit/chain.h). Append stamps the time and queues the record; every millisecond the queued
// records go as one batch through an spdlog async logger (one worker thread, blocking when its
// queue is full: a line is never dropped), whose sink numbers, chains and writes them. The sink
// writes with write(2) and syncs (fsync) at least once a second and on Flush/Close; after each
// sync it reports the durable chain head (AuditOptions::on_durable: the service anchors it in
// its database).
//
// Durability and failure: a write or sync that fails (disk full, file size limit, I/O error)
// keeps every byte not yet written in memory, marks the log unwritable with the reason
// (health()), and is retried at each flush; once it succeeds the log is writable again. A line
// is never half-written twice and never dropped; the process never aborts for it. A torn last
// line (a crash in the middle of a write) is moved, byte for byte, into the first line written
// after reopening ("torn_tail_hex"), so nothing written is lost and the chain holds.
//
// Rotation (AuditOptions::rotate_bytes / rotate_age): at a line boundary, after a sync, the
// active file is renamed to the next numbered segment (audit/segments.h) and a new active file
// starts with a "segment_start" line that continues the chain; closed segments are optionally
// compressed with zstd on a background thread. A process killed at any point of a rotation
// reopens where it left off.
#ifndef REDUCHECK_ADAPTERS_AUDIT_AUDIT_LOG_H_
#define REDUCHECK_ADAPTERS_AUDIT_AUDIT_LOG_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "audit/chain.h"
#include "reducheck/engine/status.h"

namespace reducheck::audit {

struct AuditOptions {
  std::uint64_t rotate_bytes = 0;      // rotate when the active file reaches this; 0: never
  std::chrono::seconds rotate_age{0};  // rotate when its first line is this old; 0: never
  bool compress = false;               // zstd-compress closed segments
  std::string key;                     // HMAC-SHA256 key; "" for SHA-256 links
  std::string log_id;                  // identity for a new log; "" makes one up
  // A record larger than this is written as its type, size and SHA-256 instead (inputs are
  // bounded far below it; this keeps one decision from ever writing megabytes).
  std::size_t max_record_bytes = 64u << 10;
  std::chrono::milliseconds sync_interval{1000};
  // Called on the log's worker thread after each successful sync, with the durable head.
  std::function<void(const ChainHead&)> on_durable;
  // Problems and recoveries an operator should see (unwritable, writable again, compression).
  std::function<void(std::string_view)> log_warning;
};

struct AuditHealth {
  bool writable = true;
  std::string reason;  // why not: "cannot write state.sqlite.audit.jsonl: No space left on device"
  std::string since;   // UTC time it became unwritable
};

class AuditLog {
 public:
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Opens (creating) the log at `path` — its active file and its segments — taking its lock
  // ("<path>.lock"), and reads the end of its chain to continue it. Fails on a last line that
  // is not a chained audit line, on a key that is not the log's (or a key for a log that is not
  // keyed), and when another process holds the lock.
  static Result<std::unique_ptr<AuditLog>> Open(const std::string& path, AuditOptions options = {});

  // Appends one line. `members` is the body of a JSON object without its braces
  // ("\"type\":\"check\",..."); seq, prev and time are added by the writer. Thread-safe; the
  // order of lines is the order of calls.
  void Append(std::string_view members);
  // Writes everything queued and syncs; returns the durable head (behind the last line appended
  // while the log is unwritable).
  ChainHead Flush();
  // Flush, then stop the worker, close the file and release the log's lock. Idempotent; the
  // destructor calls it.
  ChainHead Close();
  // Lines that could not be written by Close (the log stayed unwritable), for the caller to put
  // somewhere else rather than lose them.
  std::string TakeUnwritten();

  AuditHealth health() const;
  bool writable() const;

  const std::string& path() const { return path_; }
  ChainHead opened_head() const;     // the chain head found when opened
  std::string log_id() const;        // the log's identity (its own, or the one given when new)
  bool log_id_was_recorded() const;  // false for a log written before identities existed

 private:
  struct Impl;
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
