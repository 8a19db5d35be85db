// What `serve` verifies before it answers anything (docs/security.md#verified-at-start):
//
//  1. the database: PRAGMA quick_check (integrity_check with `full`), and the SHA-256 of every
//     stored reference document and event request against the digest stored with it;
//  2. that the database and the audit log belong together: the database records the log's
//     identity (log_id) and, at least once a second, the log's durable chain head (the anchor).
//     A log with lines that the database does not know (a new, emptied or replaced database),
//     a database that knows a log that is now empty or another one, a log that ends before the
//     anchor (a tail cut) or whose line at the anchor differs, are all refused;
//  3. the log's lines from the anchor on: their chain holds, and every execution, announcement
//     and reference they record is in the database with the same digest — so a database restored
//     from an older backup, which lacks what the log recorded since, is refused too.
//
// The database may be ahead of the log (a crash loses at most the last second of log lines,
// never a committed execution). Refusals name what was found and what to do.
#ifndef REDUCHECK_ADAPTERS_SERVICE_START_CHECK_H_
#define REDUCHECK_ADAPTERS_SERVICE_START_CHECK_H_

#include <string>

#include "audit/audit_log.h"
#include "reducheck/engine/status.h"
#include "store/state_store.h"

namespace reducheck::service {

// The database meta keys the service keeps for its log.
inline constexpr const char* kMetaAuditHead = "audit_head";  // "seq hash" (audit::AnchorText)
inline constexpr const char* kMetaAuditLogId = "audit_log_id";

struct StartCheckOptions {
  bool full_integrity_check = false;  // integrity_check instead of quick_check
  std::string audit_key;              // the log's HMAC key, "" if not keyed
};

// Runs the checks above; on success records the log's identity in the database when it is new
// and returns a one-line summary for the service log. Fails with InvalidInput naming the problem.
Result<std::string> VerifyStateAtStart(store::StateStore& store, const audit::AuditLog& log,
                                       const StartCheckOptions& options);

}  // namespace reducheck::service

#endif  // REDUCHECK_ADAPTERS_SERVICE_START_CHECK_H_
