#include "store/state_store.h"

#include <sqlite3.h>

#include <string_view>
#include <utility>

#include "audit/sha256.h"
#include "store/migrations.h"

namespace reducheck::store {

namespace {

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) {
    rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  void Bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p == nullptr ? std::string()
                        : std::string(reinterpret_cast<const char*>(p),
                                      static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

using audit::Sha256Hex;

Status SqlError(sqlite3* db, std::string_view what) {
  return Internal(std::string(what) + ": " + sqlite3_errmsg(db));
}

EventRow ReadEvent(const Statement& s) {
  EventRow e;
  e.seq = s.Int(0);
  e.company = s.Text(1);
  e.ref_version = s.Int(2);
  e.kind = s.Text(3);
  e.idempotency_key = s.Text(4);
  e.input_sha256 = s.Text(5);
  e.payload = s.Text(6);
  e.draws = s.Text(7);
  e.response = s.Text(8);
  e.recorded_at = s.Text(9);
  return e;
}

ReferenceRow ReadReference(const Statement& s) {
  return ReferenceRow{s.Text(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)};
}

constexpr std::string_view kEventColumns =
    "seq, company, ref_version, kind, idempotency_key, input_sha256, payload, draws, response, "
    "recorded_at";

}  // namespace

StateStore::~StateStore() { sqlite3_close_v2(db_); }

Result<std::unique_ptr<StateStore>> StateStore::Open(const std::string& path, OpenMode mode) {
  ProcessLock lock;
  if (mode == OpenMode::kWriter) {
    Result<ProcessLock> acquired = ProcessLock::Acquire(path, "the database");
    if (!acquired.ok()) return acquired.status();
    lock = std::move(acquired).value();
  }
  sqlite3* db = nullptr;
  const int flags = mode == OpenMode::kWriter
                        ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
                        : SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return InvalidInput(path + ": cannot open the database: " + message);
  }
  std::unique_ptr<StateStore> store(new StateStore(db, path));
  store->lock_ = std::move(lock);
  sqlite3_busy_timeout(db, 5000);
  if (mode == OpenMode::kReader) {
    const int have = store->schema_version();
    if (have != static_cast<int>(Migrations().size())) {
      return InvalidInput(
          path + ": the database has schema version " + std::to_string(have) + ", this reducheck " +
          "reads version " + std::to_string(Migrations().size()) +
          (have < static_cast<int>(Migrations().size())
               ? " (start `reducheck serve` on it once to migrate it; it is opened read-only here)"
               : " (use a newer build)"));
    }
    return store;
  }
  // WAL + FULL: each commit fsyncs the WAL, so a committed transaction is durable.
  if (Status st = store->Exec("PRAGMA journal_mode=WAL"); !st.ok()) {
    return InvalidInput(path + ": " + st.message());
  }
  if (Status st = store->Exec("PRAGMA synchronous=FULL"); !st.ok()) return st;
  if (Status st = store->Exec("PRAGMA foreign_keys=ON"); !st.ok()) return st;
  if (Status st = store->Migrate(); !st.ok()) {
    return InvalidInput(path + ": " + st.message());
  }
  return store;
}

Status StateStore::Exec(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    return Internal(std::string("SQLite: ") + message);
  }
  return Status::Ok();
}

int StateStore::schema_version() const {
  std::lock_guard lock(mu_);
  Statement s(db_, "PRAGMA user_version");
  return s.ok() && s.Step() == SQLITE_ROW ? static_cast<int>(s.Int(0)) : -1;
}

Status StateStore::Migrate() {
  const auto migrations = Migrations();
  std::lock_guard lock(mu_);
  for (const Migration& m : migrations) {
    // The version is read inside the transaction that would apply the migration, so two
    // processes racing on a new file (which the lock already prevents) could not both apply it.
    if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) {
      return Internal("migration " + std::to_string(m.version) + ": " + st.message());
    }
    int have = -1;
    {
      Statement s(db_, "PRAGMA user_version");
      if (s.ok() && s.Step() == SQLITE_ROW) have = static_cast<int>(s.Int(0));
    }
    if (have < 0) {
      Status st = SqlError(db_, "reading the schema version");
      (void)Exec("ROLLBACK");
      return st;
    }
    if (have > static_cast<int>(migrations.size())) {
      (void)Exec("ROLLBACK");
      return InvalidInput("the database has schema version " + std::to_string(have) +
                          ", newer than this reducheck knows (" +
                          std::to_string(migrations.size()) + "); use a newer build");
    }
    if (m.version <= have) {
      (void)Exec("COMMIT");
      continue;
    }
    const std::string sql =
        std::string(m.sql) + "PRAGMA user_version=" + std::to_string(m.version) + ";";
    if (Status st = Exec(sql.c_str()); !st.ok()) {
      (void)Exec("ROLLBACK");
      return Internal("migration " + std::to_string(m.version) + " (" + std::string(m.what) +
                      ") failed: " + st.message());
    }
    if (Status st = Exec("COMMIT"); !st.ok()) {
      (void)Exec("ROLLBACK");
      return Internal("migration " + std::to_string(m.version) + " (" + std::string(m.what) +
                      ") could not be committed: " + st.message());
    }
  }
  return Status::Ok();
}

Result<VerifyResult> StateStore::Verify(bool full) const {
  std::lock_guard lock(mu_);
  VerifyResult result;
  {
    Statement s(db_, full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
    if (!s.ok()) return SqlError(db_, "checking the database");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      const std::string line = s.Text(0);
      if (line == "ok") continue;
      if (result.problems.size() < 10) {
        result.problems.push_back(std::string(full ? "integrity_check" : "quick_check") + ": " +
                                  line);
      }
    }
    if (rc != SQLITE_DONE) {
      result.problems.push_back(std::string("the database cannot be checked: ") +
                                sqlite3_errmsg(db_));
    }
    if (!result.problems.empty()) return result;  // rows of a damaged file are not trusted
  }
  {
    Statement s(db_,
                "SELECT company, version, scenario, digest FROM reference ORDER BY company, "
                "version");
    if (!s.ok()) return SqlError(db_, "reading reference data");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ++result.references;
      if (Sha256Hex(s.Text(2)) != s.Text(3)) {
        result.problems.push_back("reference data of company " + s.Text(0) + ", version " +
                                  std::to_string(s.Int(1)) +
                                  ": the stored document does not match its stored SHA-256 "
                                  "(it was changed after it was recorded)");
      }
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "reading reference data");
  }
  {
    Statement s(db_, "SELECT seq, payload, input_sha256 FROM events ORDER BY seq");
    if (!s.ok()) return SqlError(db_, "reading events");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ++result.events;
      if (Sha256Hex(s.Text(1)) != s.Text(2)) {
        result.problems.push_back("event " + std::to_string(s.Int(0)) +
                                  ": the stored request does not match its stored SHA-256 (it "
                                  "was changed after it was recorded)");
      }
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "reading events");
  }
  return result;
}

Result<std::vector<ReferenceRow>> StateStore::LatestReferences() const {
  std::lock_guard lock(mu_);
  Statement s(db_,
              "SELECT company, version, scenario, digest, source, loaded_at FROM reference r "
              "WHERE version = (SELECT MAX(version) FROM reference WHERE company = r.company) "
              "ORDER BY company");
  if (!s.ok()) return SqlError(db_, "reading reference data");
  std::vector<ReferenceRow> rows;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) rows.push_back(ReadReference(s));
  if (rc != SQLITE_DONE) return SqlError(db_, "reading reference data");
  return rows;
}

Result<std::optional<ReferenceRow>> StateStore::Reference(const std::string& company,
                                                          std::int64_t version) const {
  std::lock_guard lock(mu_);
  Statement s(db_,
              "SELECT company, version, scenario, digest, source, loaded_at FROM reference "
              "WHERE company = ?1 AND version = ?2");
  if (!s.ok()) return SqlError(db_, "reading reference data");
  s.Bind(1, company);
  s.Bind(2, version);
  const int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<ReferenceRow>(ReadReference(s));
  if (rc != SQLITE_DONE) return SqlError(db_, "reading reference data");
  return std::optional<ReferenceRow>();
}

Result<std::int64_t> StateStore::InsertReference(const ReferenceRow& row) {
  std::lock_guard lock(mu_);
  Statement s(db_,
              "INSERT INTO reference (company, version, scenario, digest, source, loaded_at) "
              "VALUES (?1, (SELECT COALESCE(MAX(version), 0) + 1 FROM reference WHERE company = "
              "?1), ?2, ?3, ?4, ?5) RETURNING version");
  if (!s.ok()) return SqlError(db_, "storing reference data");
  s.Bind(1, row.company);
  s.Bind(2, row.scenario);
  s.Bind(3, row.digest);
  s.Bind(4, row.source);
  s.Bind(5, row.loaded_at);
  if (s.Step() != SQLITE_ROW) return SqlError(db_, "storing reference data");
  const std::int64_t version = s.Int(0);
  if (s.Step() != SQLITE_DONE) return SqlError(db_, "storing reference data");
  return version;
}

Result<std::vector<EventRow>> StateStore::Events(const std::string& company,
                                                 std::int64_t ref_version, std::int64_t up_to,
                                                 std::int64_t after) const {
  std::lock_guard lock(mu_);
  Statement s(db_, "SELECT " + std::string(kEventColumns) +
                       " FROM events WHERE company = ?1 AND ref_version = ?2 AND seq <= ?3 "
                       "AND seq > ?4 ORDER BY seq");
  if (!s.ok()) return SqlError(db_, "reading events");
  s.Bind(1, company);
  s.Bind(2, ref_version);
  s.Bind(3, up_to);
  s.Bind(4, after);
  std::vector<EventRow> rows;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) rows.push_back(ReadEvent(s));
  if (rc != SQLITE_DONE) return SqlError(db_, "reading events");
  return rows;
}

Result<std::optional<EventRow>> StateStore::FindByKey(const std::string& key) const {
  std::lock_guard lock(mu_);
  Statement s(db_,
              "SELECT " + std::string(kEventColumns) + " FROM events WHERE idempotency_key = ?1");
  if (!s.ok()) return SqlError(db_, "reading events");
  s.Bind(1, key);
  const int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<EventRow>(ReadEvent(s));
  if (rc != SQLITE_DONE) return SqlError(db_, "reading events");
  return std::optional<EventRow>();
}

Result<std::optional<EventRow>> StateStore::EventBySeq(std::int64_t seq) const {
  std::lock_guard lock(mu_);
  Statement s(db_, "SELECT " + std::string(kEventColumns) + " FROM events WHERE seq = ?1");
  if (!s.ok()) return SqlError(db_, "reading events");
  s.Bind(1, seq);
  const int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<EventRow>(ReadEvent(s));
  if (rc != SQLITE_DONE) return SqlError(db_, "reading events");
  return std::optional<EventRow>();
}

Result<std::int64_t> StateStore::InsertEvent(
    const EventRow& row, const std::function<std::string(std::int64_t)>& respond) {
  std::lock_guard lock(mu_);
  if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  auto fail = [&](std::string_view what) -> Status {
    Status st = SqlError(db_, what);
    (void)Exec("ROLLBACK");
    return st;
  };
  std::int64_t seq = 0;
  {
    Statement s(db_,
                "INSERT INTO events (company, ref_version, kind, idempotency_key, "
                "input_sha256, payload, draws, response, recorded_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!s.ok()) return fail("storing an event");
    s.Bind(1, row.company);
    s.Bind(2, row.ref_version);
    s.Bind(3, row.kind);
    s.Bind(4, row.idempotency_key);
    s.Bind(5, row.input_sha256);
    s.Bind(6, row.payload);
    s.Bind(7, row.draws);
    s.Bind(8, row.response);
    s.Bind(9, row.recorded_at);
    if (s.Step() != SQLITE_DONE) return fail("storing an event");
    seq = static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
  }
  if (respond) {
    Statement s(db_, "UPDATE events SET response = ?1 WHERE seq = ?2");
    if (!s.ok()) return fail("storing an event");
    s.Bind(1, respond(seq));
    s.Bind(2, seq);
    if (s.Step() != SQLITE_DONE) return fail("storing an event");
  }
  if (Status st = Exec("COMMIT"); !st.ok()) {
    (void)Exec("ROLLBACK");
    return st;
  }
  return seq;
}

Status StateStore::SetMeta(const std::string& key, const std::string& value) {
  std::lock_guard lock(mu_);
  Statement s(db_,
              "INSERT INTO meta (key, value) VALUES (?1, ?2) "
              "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!s.ok()) return SqlError(db_, "storing metadata");
  s.Bind(1, key);
  s.Bind(2, value);
  if (s.Step() != SQLITE_DONE) return SqlError(db_, "storing metadata");
  return Status::Ok();
}

Result<std::optional<std::string>> StateStore::GetMeta(const std::string& key) const {
  std::lock_guard lock(mu_);
  Statement s(db_, "SELECT value FROM meta WHERE key = ?1");
  if (!s.ok()) return SqlError(db_, "reading metadata");
  s.Bind(1, key);
  const int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<std::string>(s.Text(0));
  if (rc != SQLITE_DONE) return SqlError(db_, "reading metadata");
  return std::optional<std::string>();
}

}  // namespace reducheck::store
