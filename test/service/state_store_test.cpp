// StateStore: migrations, durability settings, events and idempotency keys.
#include "store/state_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit/sha256.h"
#include "store/migrations.h"
#include "test_dir.h"

namespace reducheck::store {
namespace {

using testing::TestDir;

std::int64_t Pragma(const std::string& path, const char* pragma) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, pragma, -1, &st, nullptr);
  std::int64_t v = -1;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

ReferenceRow Ref(const std::string& company, const std::string& text) {
  return ReferenceRow{company, 0, text, "d-" + text, "test", "2026-11-22T00:00:00Z"};
}

EventRow Event(const std::string& key, std::int64_t ref_version = 1) {
  EventRow e;
  e.company = "603876";
  e.ref_version = ref_version;
  e.kind = "execution";
  e.idempotency_key = key;
  e.input_sha256 = "h-" + key;
  e.payload = "{}";
  e.draws = "[]";
  e.response = "{}";
  e.recorded_at = "2026-11-22T00:00:00Z";
  return e;
}

TEST(StateStore, NewDatabaseGetsEveryMigrationWalAndFullSync) {
  TestDir dir;
  auto store = StateStore::Open(dir.File("s.sqlite"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(store.value()->schema_version(), static_cast<int>(Migrations().size()));
  EXPECT_EQ(Pragma(dir.File("s.sqlite"), "PRAGMA user_version"),
            static_cast<std::int64_t>(Migrations().size()));
  // journal_mode is persistent in the file; synchronous is per connection (checked via the
  // store's own connection indirectly: a commit must survive reopening, below).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("s.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(StateStore, MigratesAVersion1DatabaseKeepingItsData) {
  TestDir dir;
  const std::string path = dir.File("v1.sqlite");
  RawExec(path, "BEGIN;" + std::string(Migrations()[0].sql) +
                    "INSERT INTO reference VALUES ('603876', 1, 'doc', 'dig', 'test', 't');"
                    "PRAGMA user_version=1; COMMIT;");
  auto store = StateStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(store.value()->schema_version(), static_cast<int>(Migrations().size()));
  auto refs = store.value()->LatestReferences();
  ASSERT_TRUE(refs.ok());
  ASSERT_EQ(refs.value().size(), 1u);
  EXPECT_EQ(refs.value()[0].scenario, "doc");
  // The v2 table exists and works.
  ASSERT_TRUE(store.value()->SetMeta("k", "v").ok());
  EXPECT_EQ(*store.value()->GetMeta("k").value(), "v");
}

TEST(StateStore, MigratesAVersion2DatabaseKeepingItsEventsAndTheirSequence) {
  TestDir dir;
  const std::string path = dir.File("v2.sqlite");
  // Events 1-3 recorded, then 3 deleted by hand: AUTOINCREMENT must not give 3 again.
  RawExec(path, "BEGIN;" + std::string(Migrations()[0].sql) + std::string(Migrations()[1].sql) +
                    "INSERT INTO reference VALUES ('603876', 1, 'doc', 'dig', 'test', 't');"
                    "INSERT INTO events (company, ref_version, kind, idempotency_key, input_sha256,"
                    " payload, draws, response, recorded_at) VALUES"
                    " ('603876', 1, 'execution', 'k1', 'h1', '{}', '[]', '{}', 't'),"
                    " ('603876', 1, 'announcement', 'k2', 'h2', '{}', '[]', '{}', 't'),"
                    " ('603876', 1, 'execution', 'k3', 'h3', '{}', '[]', '{}', 't');"
                    "DELETE FROM events WHERE seq = 3;"
                    "PRAGMA user_version=2; COMMIT;");
  // A version 2 database refuses a purchase (its CHECK constraint).
  RawExec(path,
          "INSERT OR IGNORE INTO events (company, ref_version, kind, idempotency_key,"
          " input_sha256, payload, draws, response, recorded_at) VALUES"
          " ('603876', 1, 'purchase', 'kx', 'hx', '{}', '[]', '{}', 't')");
  EXPECT_EQ(Pragma(path, "SELECT count(*) FROM events"), 2);
  const std::int64_t last_seq =
      Pragma(path, "SELECT seq FROM sqlite_sequence WHERE name = 'events'");
  EXPECT_GE(last_seq, 3);
  auto store = StateStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(store.value()->schema_version(), 3);
  auto events = store.value()->Events("603876", 1);
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events.value().size(), 2u);
  EXPECT_EQ(events.value()[0].seq, 1);
  EXPECT_EQ(events.value()[0].idempotency_key, "k1");
  EXPECT_EQ(events.value()[1].seq, 2);
  EXPECT_EQ(events.value()[1].kind, "announcement");
  EventRow purchase = Event("k4");
  purchase.kind = "purchase";
  auto seq = store.value()->InsertEvent(purchase);
  ASSERT_TRUE(seq.ok()) << seq.status().message();
  EXPECT_EQ(seq.value(), last_seq + 1);  // no seq is ever given twice
  EventRow bad = Event("k5");
  bad.kind = "gift";
  EXPECT_FALSE(store.value()->InsertEvent(bad).ok());
}

TEST(StateStore, RefusesADatabaseFromANewerBuild) {
  TestDir dir;
  const std::string path = dir.File("future.sqlite");
  RawExec(path, "PRAGMA user_version=99");
  auto store = StateStore::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("schema version 99"), std::string::npos)
      << store.status().message();
  EXPECT_NE(store.status().message().find(path), std::string::npos);
}

TEST(StateStore, UnopenablePathIsAnErrorNamingIt) {
  auto store = StateStore::Open("/nonexistent-dir/x/state.sqlite");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("/nonexistent-dir/x/state.sqlite"), std::string::npos);
}

TEST(StateStore, ReferenceVersionsCountUpPerCompany) {
  TestDir dir;
  auto store = StateStore::Open(dir.File("s.sqlite"));
  ASSERT_TRUE(store.ok());
  StateStore& s = *store.value();
  EXPECT_EQ(s.InsertReference(Ref("A", "a1")).value(), 1);
  EXPECT_EQ(s.InsertReference(Ref("B", "b1")).value(), 1);
  EXPECT_EQ(s.InsertReference(Ref("A", "a2")).value(), 2);
  auto latest = s.LatestReferences();
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest.value().size(), 2u);
  EXPECT_EQ(latest.value()[0].company, "A");
  EXPECT_EQ(latest.value()[0].version, 2);
  EXPECT_EQ(latest.value()[0].scenario, "a2");
  EXPECT_EQ(s.Reference("A", 1).value()->scenario, "a1");
  EXPECT_FALSE(s.Reference("A", 3).value().has_value());
}

TEST(StateStore, EventsAreDurableOrderedAndKeyedOnce) {
  TestDir dir;
  const std::string path = dir.File("s.sqlite");
  {
    auto store = StateStore::Open(path);
    ASSERT_TRUE(store.ok());
    StateStore& s = *store.value();
    ASSERT_TRUE(s.InsertReference(Ref("603876", "doc")).ok());
    auto seq1 = s.InsertEvent(
        Event("k1"), [](std::int64_t seq) { return "{\"seq\":" + std::to_string(seq) + "}"; });
    ASSERT_TRUE(seq1.ok()) << seq1.status().message();
    auto seq2 = s.InsertEvent(Event("k2"));
    ASSERT_TRUE(seq2.ok());
    EXPECT_LT(seq1.value(), seq2.value());
    // The same key again is refused, and the failed transaction leaves nothing behind.
    auto dup = s.InsertEvent(Event("k1"));
    EXPECT_FALSE(dup.ok());
    EXPECT_NE(dup.status().message().find("UNIQUE"), std::string::npos) << dup.status().message();
    auto seq3 = s.InsertEvent(Event("k3"));
    ASSERT_TRUE(seq3.ok()) << seq3.status().message();
  }
  auto store = StateStore::Open(path);  // reopened: everything committed is there
  ASSERT_TRUE(store.ok());
  auto all = store.value()->Events("603876", 1);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all.value().size(), 3u);
  EXPECT_EQ(all.value()[0].idempotency_key, "k1");
  EXPECT_EQ(all.value()[0].response, "{\"seq\":" + std::to_string(all.value()[0].seq) + "}");
  EXPECT_EQ(all.value()[2].idempotency_key, "k3");
  auto window = store.value()->Events("603876", 1, all.value()[1].seq, all.value()[0].seq);
  ASSERT_EQ(window.value().size(), 1u);
  EXPECT_EQ(window.value()[0].idempotency_key, "k2");
  auto found = store.value()->FindByKey("k2");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found.value().has_value());
  EXPECT_EQ(found.value()->input_sha256, "h-k2");
  EXPECT_FALSE(store.value()->FindByKey("nope").value().has_value());
}

TEST(StateStore, AnEventMustBelongToAStoredReferenceVersion) {
  TestDir dir;
  auto store = StateStore::Open(dir.File("s.sqlite"));
  ASSERT_TRUE(store.ok());
  auto orphan = store.value()->InsertEvent(Event("k", 7));
  EXPECT_FALSE(orphan.ok());
  EXPECT_NE(orphan.status().message().find("FOREIGN KEY"), std::string::npos)
      << orphan.status().message();
}

// ---- One writer per database (issue 14) ----

TEST(StateStoreLock, ASecondWriterIsRefusedNamingTheHolder) {
  TestDir dir;
  const std::string path = dir.File("s.sqlite");
  auto first = StateStore::Open(path);
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto second = StateStore::Open(path);
  ASSERT_FALSE(second.ok());
  const std::string& message = second.status().message();
  EXPECT_NE(message.find(path + ": the database is in use by another reducheck process (pid " +
                         std::to_string(getpid()) + " on host "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find(path + ".lock"), std::string::npos) << message;
  // A reader (audit verify, replay) is not a writer: it opens read-only alongside.
  auto reader = StateStore::Open(path, OpenMode::kReader);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  // The lock goes with the writer.
  first.value().reset();
  EXPECT_TRUE(StateStore::Open(path).ok());
}

TEST(StateStoreLock, AReaderNeedsAnExistingDatabaseAtTheCurrentSchema) {
  TestDir dir;
  auto missing = StateStore::Open(dir.File("none.sqlite"), OpenMode::kReader);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("cannot open the database"), std::string::npos);
  RawExec(dir.File("old.sqlite"), "PRAGMA user_version=1");
  auto old = StateStore::Open(dir.File("old.sqlite"), OpenMode::kReader);
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.status().message().find("start `reducheck serve` on it once"), std::string::npos)
      << old.status().message();
}

TEST(StateStoreLock, WritersStartedTogetherOnANewFileOneOpensTheOtherIsRefusedByTheLock) {
  // Two processes opening a new database at the same instant: before the lock, one of them
  // failed in a migration ("table reference already exists"). Now exactly one opens it and the
  // other is told who holds it.
  for (int round = 0; round < 5; ++round) {
    TestDir dir;
    const std::string path = dir.File("race.sqlite");
    int go[2];
    ASSERT_EQ(pipe(go), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < 2; ++i) {
      const pid_t pid = fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        close(go[1]);
        char c;
        (void)!read(go[0], &c, 1);
        auto store = StateStore::Open(path);
        int code = 3;
        if (store.ok()) {
          code = 0;
          usleep(200 * 1000);  // hold it while the other one tries
        } else if (store.status().message().find("in use by another reducheck process") !=
                   std::string::npos) {
          code = 1;
        }
        _exit(code);
      }
      children.push_back(pid);
    }
    close(go[0]);
    close(go[1]);  // both start now
    int opened = 0;
    int refused = 0;
    for (const pid_t pid : children) {
      int status = 0;
      ASSERT_EQ(waitpid(pid, &status, 0), pid);
      ASSERT_TRUE(WIFEXITED(status));
      opened += WEXITSTATUS(status) == 0;
      refused += WEXITSTATUS(status) == 1;
    }
    EXPECT_EQ(opened, 1) << "round " << round;
    EXPECT_EQ(refused, 1) << "round " << round;
    auto store = StateStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().message();
    EXPECT_EQ(store.value()->schema_version(), static_cast<int>(Migrations().size()));
  }
}

TEST(StateStoreVerify, ADamagedOrChangedDatabaseIsReported) {
  TestDir dir;
  const std::string path = dir.File("v.sqlite");
  {
    auto store = StateStore::Open(path);
    ASSERT_TRUE(store.ok());
    ReferenceRow ref{"603876", 0, "company: {code: \"603876\"}", "", "test", "t"};
    ref.digest = audit::Sha256Hex(ref.scenario);
    ASSERT_TRUE(store.value()->InsertReference(ref).ok());
    EventRow e = Event("k1");
    e.payload = R"({"shares":100})";
    e.input_sha256 = audit::Sha256Hex(e.payload);
    ASSERT_TRUE(store.value()->InsertEvent(e).ok());
    auto clean = store.value()->Verify(false);
    ASSERT_TRUE(clean.ok());
    EXPECT_TRUE(clean.value().problems.empty());
    EXPECT_EQ(clean.value().references, 1);
    EXPECT_EQ(clean.value().events, 1);
  }
  // A flipped digit in the stored reference document and in an event's request.
  RawExec(path, "UPDATE reference SET scenario = replace(scenario, '603876', '603877')");
  RawExec(path, "UPDATE events SET payload = replace(payload, '100', '900')");
  auto store = StateStore::Open(path);
  ASSERT_TRUE(store.ok());
  auto changed = store.value()->Verify(true);
  ASSERT_TRUE(changed.ok());
  ASSERT_EQ(changed.value().problems.size(), 2u);
  EXPECT_NE(changed.value().problems[0].find("reference data of company 603876, version 1: the "
                                             "stored document does not match its stored SHA-256"),
            std::string::npos);
  EXPECT_NE(changed.value().problems[1].find("event 1: the stored request does not match"),
            std::string::npos);
}

}  // namespace
}  // namespace reducheck::store
