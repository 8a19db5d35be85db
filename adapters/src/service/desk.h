// Desk: the desk service without its transport. Routes one HTTP-shaped request to the engine,
// the store and the audit log, and returns the reply; the HTTP server (http/) only moves bytes.
// Tests drive it directly.
//
// Threading: Handle is safe to call from many threads. Reads (check, headroom, listings) run in
// parallel under a book's shared lock; writes (executions, announcements, reference data) are
// serialised by one mutex and applied under the book's exclusive lock only after the store has
// made them durable. A check therefore sees a book either before or after an event, never half.
#ifndef REDUCHECK_ADAPTERS_SERVICE_DESK_H_
#define REDUCHECK_ADAPTERS_SERVICE_DESK_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "audit/audit_log.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/evaluator.h"
#include "service/book.h"
#include "service/metrics.h"
#include "store/state_store.h"

namespace reducheck::service {

struct Request {
  std::string_view method;  // "GET", "POST", "PUT", ...
  std::string_view target;  // path and query, e.g. "/v1/holders/H1/headroom?date=2026-03-20"
  std::string_view body;
  std::string_view content_type;
  std::string_view authorization;    // the Authorization header, "" if absent
  std::string_view idempotency_key;  // the Idempotency-Key header
  std::string_view request_id;       // the X-Request-Id header (echoed if well formed)
  std::string_view accept;           // the Accept header ("" if absent)
};

struct Reply {
  int status = 200;
  std::string body;
  std::string_view content_type = "application/json";
  std::string request_id;
  bool replayed = false;  // an idempotent retry answered from the store
  std::string allow;      // 405: the methods the path takes (the Allow header)
};

struct DeskOptions {
  std::string token;         // bearer token for writes; empty = writes refused (403)
  std::string rules_digest;  // SHA-256 over the rule packs and calendars in use
  std::string calendar_id;
  // Today's date for headroom queries without ?date= (China Standard Time by default).
  std::function<Date()> today;
};

class Desk {
 public:
  // Loads every company's newest reference data from `store` and applies its events. Fails
  // (refusing to serve) if stored state does not rebuild. `audit` may be null (tests).
  static Result<std::unique_ptr<Desk>> Open(const Evaluator& evaluator, store::StateStore& store,
                                            audit::AuditLog* audit, DeskOptions options);

  // Loads a scenario file as a company's reference data (serve --load): a new reference version
  // unless the newest stored one has the same content, which keeps its recorded events. A new
  // version starts with no events, so replacing a version that has recorded events is refused
  // unless `replace_events` says the new document already includes them (its lots and
  // history). Returns a one-line description for the service log.
  Result<std::string> LoadReference(const std::string& text, const std::string& source,
                                    bool replace_events = false);

  Reply Handle(const Request& request);
  // For the FIX gateway (adapters/src/fix): judges `order` exactly as POST /v1/check does (the
  // book's shared lock, the audit line with "channel":"fix", the verdict metrics), without JSON.
  // False with `problem` (a JSON error body or a message) when it cannot be judged.
  bool CheckDirect(const std::string& company, const Order& order, adapters::CheckedOrder& checked,
                   Evaluator::Scratch& scratch, std::string& problem);
  // True for requests that change state (the HTTP server runs them off its I/O threads).
  static bool IsWrite(std::string_view method, std::string_view target);

  // Days within which an ending official calendar is warned about (GET /healthz, the log).
  static constexpr int kCalendarWarningDays = 30;
  // A warning when the official trading calendar ends within kCalendarWarningDays of today
  // (DeskOptions::today) or has already ended; nullopt otherwise.
  std::optional<std::string> CalendarWarning() const;
  const Metrics& metrics() const { return metrics_; }
  // Counts a request the transport refused before it reached Handle (413, 431, bad HTTP).
  void RecordTransportRefusal(int status) { metrics_.RecordRequest(Route::kOther, status, 0); }
  // `given` when it is a well-formed request id (1-64 of [A-Za-z0-9._:-]), else a new one.
  std::string NextRequestId(std::string_view given);
  // A JSON object naming each book's state, for the audit log's service_start line.
  std::string StateSummaryJson() const;

 private:
  Desk(const Evaluator& evaluator, store::StateStore& store, audit::AuditLog* audit,
       DeskOptions options);

  Reply Route(const Request& request, service::Route& route);
  Reply Check(const Request& request);
  Reply RecordExecution(const Request& request);
  Reply RecordPurchase(const Request& request);
  Reply RecordAnnouncement(const Request& request);
  Reply PutCompany(const Request& request, const std::string& code, std::string_view query);
  Reply Companies() const;
  Reply Company(const std::string& code) const;
  Reply Holders(const std::string& code) const;
  Reply Events(const std::string& code, std::string_view query) const;
  Reply Headroom(const std::string& holder, std::string_view query) const;
  Reply Alerts(std::string_view query) const;
  Reply Obligations(const Request& request, std::string_view query) const;
  Reply Health() const;

  // Write access: the bearer token matches. Sets `reply` when refused.
  bool Authorized(const Request& request, Reply& reply) const;
  // The book for `company`, or (when absent) for the only company holding `holder`.
  std::shared_ptr<Book> FindBook(const std::optional<std::string>& company,
                                 const std::string& holder, Reply& reply) const;
  std::shared_ptr<Book> BookByCode(const std::string& code) const;
  struct Installed {
    std::shared_ptr<Book> book;
    bool unchanged = false;  // same document as the newest version: nothing stored
    int ignored_orders = 0;
    // Refused: the current version has this many recorded events and replace_events was not
    // given (book = the current one, unchanged).
    std::int64_t refused_events = 0;
  };
  Result<Installed> InstallReference(const std::string& text, const std::string& source,
                                     const std::string& expected_code, bool replace_events);
  void Audit(std::string_view members);
  // The audit line of a check (POST /v1/check or the FIX gateway's, `channel` "fix"): the state
  // it read, the canonical input and its digest, and the verdict JSON. Appended under the
  // book's lock, so the log orders the decision against the events that change that state.
  void AuditCheck(std::string_view channel, std::string_view request_id, const Book& book,
                  const Order& order, std::string_view verdict_json);
  // The answer to an event whose idempotency key is already stored (nullopt: it is not): the
  // stored acknowledgement (200, audited as "<kind>_retry"), or 409 when the key was used for
  // another request or against a reference version since replaced. Needs write_mu_.
  std::optional<Reply> AnswerStoredKey(const std::string& key, std::string_view kind,
                                       const std::string& digest, const Book& book,
                                       const std::string& audit_head, Reply& reply);
  // A 503 while the audit log cannot be written (no decision is made without its record).
  std::optional<Reply> AuditUnavailable() const;
  std::string AuditGauge() const;      // the reducheck_audit_writable metric
  std::string CalendarGauges() const;  // the trading calendar's last official/provisional day

  const Evaluator& evaluator_;
  store::StateStore& store_;
  audit::AuditLog* audit_;
  DeskOptions options_;
  Metrics metrics_;

  mutable std::shared_mutex books_mu_;  // guards books_ and holder_companies_
  std::map<std::string, std::shared_ptr<Book>> books_;
  std::unordered_map<std::string, std::vector<std::string>> holder_companies_;

  std::mutex write_mu_;  // one writer at a time: idempotency check, store, apply
  std::atomic<std::uint64_t> request_counter_{0};
  std::string request_prefix_;
};

}  // namespace reducheck::service

#endif  // REDUCHECK_ADAPTERS_SERVICE_DESK_H_
