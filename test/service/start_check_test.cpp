// What `serve` verifies before it answers (service/start_check.h): a damaged or changed
// database, a database that does not belong to the log (new, emptied, replaced, older), a log
// that was removed or cut — each refused with a message naming it; a crash is not a refusal.
#include "service/start_check.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "audit/audit_log.h"
#include "audit/segments.h"
#include "desk_fixture.h"

namespace reducheck::testing {
namespace {

class StartCheckTest : public DeskTest {
 protected:
  // Closes everything as a clean stop does (recording the chain head), then reopens the store and
  // the log the way serve does and runs the start check.
  Result<std::string> Restart(bool clean_stop = true) {
    if (clean_stop) {
      const audit::ChainHead head = audit_->Close();
      EXPECT_TRUE(store_->SetMeta(service::kMetaAuditHead, audit::AnchorText(head)).ok());
    }
    desk_.reset();
    audit_.reset();
    store_.reset();
    auto store = store::StateStore::Open(db_path());
    if (!store.ok()) return store.status();
    store_ = std::move(store).value();
    audit::AuditOptions options;
    auto id = store_->GetMeta(service::kMetaAuditLogId);
    if (id.ok() && id.value()) options.log_id = *id.value();
    options.on_durable = [this](const audit::ChainHead& h) {
      (void)store_->SetMeta(service::kMetaAuditHead, audit::AnchorText(h));
    };
    auto log = audit::AuditLog::Open(audit_path(), options);
    if (!log.ok()) return log.status();
    audit_ = std::move(log).value();
    Result<std::string> verified = service::VerifyStateAtStart(*store_, *audit_, {});
    if (!verified.ok()) return verified;
    service::DeskOptions desk_options;
    desk_options.token = kToken;
    desk_options.today = [] { return Date(2026, 3, 17); };
    auto desk = service::Desk::Open(ShippedRules(), *store_, audit_.get(), desk_options);
    if (!desk.ok()) return desk.status();
    desk_ = std::move(desk).value();
    return verified;
  }

  // The first start: the log's identity recorded, the head anchored.
  void SetUp() override {
    DeskTest::SetUp();
    // As serve does at its first start, with an empty log: the database records its log.
    ASSERT_TRUE(store_->SetMeta(service::kMetaAuditLogId, audit_->log_id()).ok());
    ASSERT_EQ(Execute(kFill, "fill-1").status, 201);
    ASSERT_EQ(Check(kPassOrder).status, 200);
    auto first = Restart();
    ASSERT_TRUE(first.ok()) << Message(first);
  }

  std::string db_path() const { return dir_.File("state.sqlite"); }

  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  void CloseAll() {
    const audit::ChainHead head = audit_->Close();
    ASSERT_TRUE(store_->SetMeta(service::kMetaAuditHead, audit::AnchorText(head)).ok());
    desk_.reset();
    audit_.reset();
    store_.reset();
  }

  static std::string Message(const Result<std::string>& r) {
    return r.ok() ? "ok: " + r.value() : r.status().message();
  }
};

TEST_F(StartCheckTest, AVerifiedRestartSummarisesWhatWasChecked) {
  auto again = Restart();
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_NE(again.value().find("quick_check ok, 1 reference documents and 1 events re-hashed"),
            std::string::npos)
      << again.value();
  EXPECT_NE(again.value().find("anchored line"), std::string::npos) << again.value();
}

TEST_F(StartCheckTest, AnEmptiedDatabaseWithANonEmptyLogIsRefused) {
  CloseAll();
  std::filesystem::resize_file(db_path(), 0);  // the 0-byte database used to be taken as new
  std::filesystem::remove(db_path() + "-wal");
  std::filesystem::remove(db_path() + "-shm");
  auto r = Restart(false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("the database has no record of the audit log"), std::string::npos)
      << Message(r);
  EXPECT_NE(Message(r).find("executions included"), std::string::npos);
}

TEST_F(StartCheckTest, AFlippedDigitInAStoredReferenceIsRefused) {
  CloseAll();
  Sql("UPDATE reference SET scenario = replace(scenario, '800000000', '900000000')");
  auto r = Restart(false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("reference data of company 603876, version 1: the stored document "
                            "does not match its stored SHA-256"),
            std::string::npos)
      << Message(r);
}

TEST_F(StartCheckTest, AnEventChangedInTheDatabaseIsRefused) {
  CloseAll();
  Sql("UPDATE events SET payload = replace(payload, '\"shares\":100', '\"shares\":900')");
  auto r = Restart(false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("event 1: the stored request does not match"), std::string::npos)
      << Message(r);
}

TEST_F(StartCheckTest, ADatabaseOlderThanItsLogIsRefused) {
  CloseAll();
  std::filesystem::copy_file(db_path(), dir_.File("backup.sqlite"));
  ASSERT_TRUE(Restart(false).ok());
  ASSERT_EQ(
      Execute(
          R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":200,"price":"18.60"})",
          "fill-2")
          .status,
      201);
  CloseAll();
  std::filesystem::copy_file(dir_.File("backup.sqlite"), db_path(),
                             std::filesystem::copy_options::overwrite_existing);
  auto r = Restart(false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("the database lacks what its audit log recorded"), std::string::npos)
      << Message(r);
  EXPECT_NE(Message(r).find("execution event 2"), std::string::npos) << Message(r);
}

TEST_F(StartCheckTest, ALogCutAtItsEndIsRefused) {
  CloseAll();
  std::string text = ReadAll(audit_path());
  text.resize(text.rfind('\n', text.size() - 2) + 1);  // drop the last line
  WriteAll(audit_path(), text);
  auto r = Restart(false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("lines were cut from its end"), std::string::npos) << Message(r);
}

TEST_F(StartCheckTest, ARemovedLogIsRefused) {
  CloseAll();
  std::filesystem::remove(audit_path());
  auto r = Restart(false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("the audit log is empty or missing"), std::string::npos) << Message(r);
}

TEST_F(StartCheckTest, AnotherServicesDatabaseIsRefused) {
  CloseAll();
  Sql("UPDATE meta SET value = 'feedfeedfeedfeedfeedfeedfeedfeed' WHERE key = 'audit_log_id'");
  auto r = Restart(false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("the database belongs to another audit log"), std::string::npos)
      << Message(r);
}

TEST_F(StartCheckTest, AnEditedLineAfterTheAnchorIsRefused) {
  // The anchor is older than the log's end (a crash after more lines were written).
  const std::string anchor = *store_->GetMeta(service::kMetaAuditHead).value();
  ASSERT_EQ(Check(kPassOrder).status, 200);
  ASSERT_EQ(Check(kPassOrder).status, 200);
  CloseAll();
  Sql("UPDATE meta SET value = '" + anchor + "' WHERE key = 'audit_head'");
  ASSERT_TRUE(Restart(false).ok());  // lines after an older anchor are fine when they verify
  CloseAll();
  Sql("UPDATE meta SET value = '" + anchor + "' WHERE key = 'audit_head'");
  std::string text = ReadAll(audit_path());
  // Not the last line: its successor's prev catches the edit (an edit of the very last line is
  // caught only by an anchor that covers it).
  const std::size_t last = text.rfind("\"verdict\":\"pass\"");
  ASSERT_NE(last, std::string::npos);
  const std::size_t at = text.rfind("\"verdict\":\"pass\"", last - 1);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 16, "\"verdict\":\"fail\"");
  WriteAll(audit_path(), text);
  auto r = Restart(false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("the audit log does not verify"), std::string::npos) << Message(r);
}

TEST_F(StartCheckTest, ACrashBeforeTheLastLinesWereAnchoredIsNotARefusal) {
  ASSERT_EQ(
      Execute(
          R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":300,"price":"18.60"})",
          "fill-3")
          .status,
      201);
  const std::string anchor = *store_->GetMeta(service::kMetaAuditHead).value();
  audit_->Flush();
  CloseAll();
  // As if killed right after the lines were written, before their head was anchored.
  Sql("UPDATE meta SET value = '" + anchor + "' WHERE key = 'audit_head'");
  auto r = Restart(false);
  EXPECT_TRUE(r.ok()) << Message(r);
}

}  // namespace
}  // namespace reducheck::testing
