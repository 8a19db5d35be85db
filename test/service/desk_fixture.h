// A Desk over the shipped rules, a temporary store and audit log, loaded with an example.
#ifndef REDUCHECK_TEST_SERVICE_DESK_FIXTURE_H_
#define REDUCHECK_TEST_SERVICE_DESK_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/audit_log.h"
#include "reducheck/adapters/runtime_data.h"
#include "service/desk.h"
#include "store/state_store.h"
#include "test_dir.h"

namespace reducheck::testing {

inline constexpr const char* kToken = "test-token-0123456789abcdef";
inline constexpr const char* kPassOrder =
    R"({"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":2000000,"price":"18.60"})";
inline constexpr const char* kFill =
    R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":100,"price":"18.60"})";

inline const Evaluator& ShippedRules() {
  static const adapters::EvaluatorLoad load = adapters::LoadEvaluator(REDUCHECK_RULES_DIR);
  EXPECT_TRUE(load.evaluator.has_value());
  return *load.evaluator;
}

inline std::string Example(const std::string& name) {
  return ReadAll(std::string(REDUCHECK_EXAMPLES_DIR) + "/" + name);
}

class DeskTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(kToken); }

  // (Re)opens the desk on the same store and log, as a restart would.
  void Open(const std::string& token, bool load_example = true) {
    desk_.reset();
    audit_.reset();
    store_.reset();
    auto store = store::StateStore::Open(dir_.File("state.sqlite"));
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    auto log = audit::AuditLog::Open(audit_path());
    ASSERT_TRUE(log.ok()) << log.status().message();
    audit_ = std::move(log).value();
    service::DeskOptions options;
    options.token = token;
    options.rules_digest = "rules-digest-for-tests";
    options.calendar_id = ShippedRules().calendar().id();
    options.today = [this] { return today_; };
    auto desk = service::Desk::Open(ShippedRules(), *store_, audit_.get(), options);
    ASSERT_TRUE(desk.ok()) << desk.status().message();
    desk_ = std::move(desk).value();
    if (load_example) {
      auto loaded = desk_->LoadReference(Example("desk_pass.yaml"), "desk_pass.yaml");
      ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    }
  }

  std::string audit_path() const { return dir_.File("audit.jsonl"); }

  Date today_ = Date(2026, 3, 17);  // the desk's "today" (DeskOptions::today)

  service::Reply Send(std::string_view method, std::string_view target, std::string_view body = {},
                      std::string_view key = {}, std::string_view auth = {},
                      std::string_view content_type = "application/json") {
    service::Request r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.content_type = content_type;
    r.idempotency_key = key;
    r.authorization = auth;
    return desk_->Handle(r);
  }
  service::Reply Check(std::string_view body) { return Send("POST", "/v1/check", body); }
  service::Reply Execute(std::string_view body, std::string_view key) {
    return Send("POST", "/v1/executions", body, key, bearer_);
  }
  nlohmann::json Headroom(std::string_view query = "") {
    const service::Reply r = Send("GET", "/v1/holders/DY/headroom" + std::string(query));
    EXPECT_EQ(r.status, 200) << r.body;
    return nlohmann::json::parse(r.body);
  }
  static nlohmann::json Json(const service::Reply& r) { return nlohmann::json::parse(r.body); }

  TestDir dir_;
  std::unique_ptr<store::StateStore> store_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<service::Desk> desk_;
  std::string bearer_ = std::string("Bearer ") + kToken;
};

}  // namespace reducheck::testing

#endif  // REDUCHECK_TEST_SERVICE_DESK_FIXTURE_H_
