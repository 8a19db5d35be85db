// StateStore: the desk service's durable state in one SQLite file.
//
// WAL journal with synchronous=FULL: a write returns only after its transaction is on disk,
// so an acknowledged execution survives a crash or power loss. One connection, serialised by
// an internal mutex; every method is thread-safe. Errors come back as Status values naming
// the SQLite message; nothing throws.
//
// One writer per database: a writer holds an exclusive lock on "<db>.lock" (store/process_lock.h)
// from before it opens the file until it is destroyed, so a second writer — another `serve`, or a
// gateway in another process — is refused naming the holder, before it reads or migrates
// anything. Readers (`audit verify`, `replay`) open the file read-only, take no lock and run no
// migration.
#ifndef REDUCHECK_ADAPTERS_STORE_STATE_STORE_H_
#define REDUCHECK_ADAPTERS_STORE_STATE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/status.h"
#include "store/process_lock.h"

struct sqlite3;

namespace reducheck::store {

struct ReferenceRow {
  std::string company;
  std::int64_t version = 0;
  std::string scenario;  // the document as received
  std::string digest;    // SHA-256 of scenario
  std::string source;
  std::string loaded_at;
};

struct EventRow {
  std::int64_t seq = 0;  // assigned by InsertEvent
  std::string company;
  std::int64_t ref_version = 0;
  std::string kind;  // "execution" | "purchase" | "announcement"
  std::string idempotency_key;
  std::string input_sha256;
  std::string payload;   // canonical JSON
  std::string draws;     // JSON
  std::string response;  // JSON acknowledgement
  std::string recorded_at;
};

enum class OpenMode {
  kWriter,  // lock, create if missing, migrate
  kReader,  // read-only: no lock, no migration; the file must exist at the current schema
};

// What Verify found: PRAGMA quick_check (or integrity_check) and every stored digest.
struct VerifyResult {
  std::vector<std::string> problems;  // empty: the database checks out
  std::int64_t references = 0;        // reference documents whose SHA-256 was re-checked
  std::int64_t events = 0;            // events whose payload SHA-256 was re-checked
};

class StateStore {
 public:
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // kWriter: takes the database's lock (refusing, with the holder named, when another process
  // has it), opens or creates the database and applies the missing migrations, each in one
  // transaction that re-reads the schema version inside it. Fails on a database written by a
  // newer reducheck (more migrations than this build knows). kReader: see OpenMode.
  static Result<std::unique_ptr<StateStore>> Open(const std::string& path,
                                                  OpenMode mode = OpenMode::kWriter);

  // Checks the stored state before it is served: SQLite's own consistency check (quick_check,
  // or the slower integrity_check when `full`), then the SHA-256 of every reference document and
  // of every event's payload against the digest stored with it. Problems name the row.
  Result<VerifyResult> Verify(bool full) const;

  int schema_version() const;
  const std::string& path() const { return path_; }

  // The newest reference version of every company, by company code.
  Result<std::vector<ReferenceRow>> LatestReferences() const;
  Result<std::optional<ReferenceRow>> Reference(const std::string& company,
                                                std::int64_t version) const;
  // Stores a new version (latest + 1) of a company's reference data; returns the version.
  Result<std::int64_t> InsertReference(const ReferenceRow& row);

  // Events of one book (company, reference version) with after < seq <= up_to, in seq order.
  Result<std::vector<EventRow>> Events(const std::string& company, std::int64_t ref_version,
                                       std::int64_t up_to = INT64_MAX,
                                       std::int64_t after = 0) const;
  Result<std::optional<EventRow>> FindByKey(const std::string& idempotency_key) const;
  Result<std::optional<EventRow>> EventBySeq(std::int64_t seq) const;
  // Durably appends an event in one transaction; returns its seq. `respond` (if set) builds
  // the stored response from the seq the row received. A duplicate idempotency key is an error.
  Result<std::int64_t> InsertEvent(const EventRow& row,
                                   const std::function<std::string(std::int64_t)>& respond = {});

  Status SetMeta(const std::string& key, const std::string& value);
  Result<std::optional<std::string>> GetMeta(const std::string& key) const;

 private:
  StateStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Exec(const char* sql) const;
  Status Migrate();

  ProcessLock lock_;  // writers only; declared first so it is released last
  sqlite3* db_;
  std::string path_;
  mutable std::mutex mu_;
};

}  // namespace reducheck::store

#endif  // REDUCHECK_ADAPTERS_STORE_STATE_STORE_H_
