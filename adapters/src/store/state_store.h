// StateStore: the desk service's durable state in one SQLite file.
//
// WAL journal with synchronous=FULL: a write returns only after its transaction is on disk,
// so an acknowledged execution survives a crash or power loss. One connection, serialised by
// an internal mutex; every method is thread-safe. Errors come back as Status values naming
// the SQLite message; nothing throws.
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
  std::string kind;  // "execution" | "announcement"
  std::string idempotency_key;
  std::string input_sha256;
  std::string payload;   // canonical JSON
  std::string draws;     // JSON
  std::string response;  // JSON acknowledgement
  std::string recorded_at;
};

class StateStore {
 public:
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // Opens or creates the database and applies the missing migrations. Fails on a database
  // written by a newer reducheck (more migrations than this build knows).
  static Result<std::unique_ptr<StateStore>> Open(const std::string& path);

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

  sqlite3* db_;
  std::string path_;
  mutable std::mutex mu_;
};

}  // namespace reducheck::store

#endif  // REDUCHECK_ADAPTERS_STORE_STATE_STORE_H_
