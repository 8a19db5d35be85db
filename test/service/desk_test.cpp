// Desk: the service's behaviour without a socket — same verdicts as the CLI, executions,
// idempotency, restarts, reference reloads, bad requests, auth, concurrency and replay.
#include "service/desk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "audit/audit_verify.h"
#include "audit/replay.h"
#include "desk_fixture.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/adapters/verdict_render.h"

namespace reducheck::testing {
namespace {

TEST_F(DeskTest, CheckAnswersTheSameVerdictAsTheEngineOnTheScenario) {
  // The same order through the CLI path (scenario file -> ledger -> Check -> JSON).
  auto load = adapters::ReadScenarioText(Example("desk_pass.yaml"), "desk_pass.yaml");
  ASSERT_TRUE(load.scenario.has_value());
  const Order order = load.scenario->orders.at(0);
  auto ledger = Ledger::Build(*load.scenario);
  ASSERT_TRUE(ledger.ok());
  auto verdict = ShippedRules().Check(order, ledger.value());
  ASSERT_TRUE(verdict.ok());
  const std::string expected = adapters::RenderVerdictJsonCompact({&order, verdict.value()});

  const service::Reply r = Check(kPassOrder);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, expected);
  EXPECT_EQ(Json(r)["verdict"], "pass");
  EXPECT_FALSE(r.request_id.empty());
}

TEST_F(DeskTest, AFailingCheckCarriesItsViolations) {
  const service::Reply r = Check(
      R"({"id":"O2","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":5000001,"price":"18.60"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = Json(r);
  EXPECT_EQ(j["verdict"], "fail");
  EXPECT_EQ(j["violations"][0]["rule"], "CAP-CB-1PCT");
  EXPECT_EQ(j["violations"][0]["shares_in_breach"], 1);
  EXPECT_EQ(j["max_compliant_shares"], 5000000);
}

TEST_F(DeskTest, ExecutionIsRecordedAndTheNextCheckSeesIt) {
  EXPECT_EQ(Headroom()["methods"][0]["max_compliant_shares"], 5000000);
  const service::Reply r = Execute(kFill, "fill-1");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto ack = Json(r);
  EXPECT_EQ(ack["recorded"], "execution");
  EXPECT_EQ(ack["lots"][0]["lot"], "DY-IPO");
  EXPECT_EQ(ack["lots"][0]["shares"], 100);
  EXPECT_EQ(ack["holding_after"], 58400000 - 100);
  const auto h = Headroom();
  EXPECT_EQ(h["methods"][0]["method"], "centralized_bidding");
  EXPECT_EQ(h["methods"][0]["max_compliant_shares"], 5000000 - 100);
  EXPECT_EQ(h["holding"], 58400000 - 100);
}

// POST /v1/purchases (the FIX gateway records buy fills through it): a new lot, which the
// short-swing rule (Securities Law Art.44) looks back on; durable, idempotent on its key.
TEST_F(DeskTest, APurchaseIsRecordedAndASaleWithinSixMonthsFailsShortSwing) {
  const char* sale =
      R"({"id":"S","holder":"DY","date":"%s","method":"centralized_bidding","shares":100,"price":"18.60"})";
  auto check_on = [&](const char* date) {
    char body[256];
    std::snprintf(body, sizeof body, sale, date);
    const service::Reply r = Check(body);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto verdict = Json(r);
    std::vector<std::string> rules;
    for (const auto& v : verdict["violations"]) rules.push_back(v["rule"].get<std::string>());
    return rules;
  };
  auto has = [](const std::vector<std::string>& rules, const char* id) {
    return std::find(rules.begin(), rules.end(), id) != rules.end();
  };
  EXPECT_TRUE(check_on("2026-03-17").empty());
  const char* buy =
      R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":1000,"price":"18.10"})";
  const service::Reply r = Send("POST", "/v1/purchases", buy, "buy-1", bearer_);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto ack = Json(r);
  EXPECT_EQ(ack["recorded"], "purchase");
  EXPECT_EQ(ack["lot"]["id"], "purchase:buy-1");
  EXPECT_EQ(ack["lot"]["source"], "secondary_bidding");
  EXPECT_EQ(ack["lot"]["acquired"], "2026-03-17");
  EXPECT_EQ(ack["holding_after"], 58400000 + 1000);
  EXPECT_EQ(Headroom()["holding"], 58400000 + 1000);
  EXPECT_TRUE(has(check_on("2026-03-17"), "DIR-SHORTSWING"));
  EXPECT_TRUE(has(check_on("2026-09-17"), "DIR-SHORTSWING"));  // the period's last day
  EXPECT_FALSE(has(check_on("2026-09-18"), "DIR-SHORTSWING"));

  // A retry is answered from the store, not counted again; the same key for another request
  // or for a sale is a conflict.
  const service::Reply again = Send("POST", "/v1/purchases", buy, "buy-1", bearer_);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.body, r.body);
  EXPECT_EQ(Headroom()["holding"], 58400000 + 1000);
  EXPECT_EQ(Send("POST", "/v1/executions", buy, "buy-1", bearer_).status, 409);
  EXPECT_EQ(Send("POST", "/v1/purchases", kFill, "buy-1", bearer_).status, 409);

  // Durable: a restart rebuilds the lot and the purchase from the store.
  Open(kToken);
  EXPECT_EQ(Headroom()["holding"], 58400000 + 1000);
  EXPECT_TRUE(has(check_on("2026-09-17"), "DIR-SHORTSWING"));
  EXPECT_FALSE(has(check_on("2026-09-18"), "DIR-SHORTSWING"));
}

TEST_F(DeskTest, PurchasesThatCannotHaveHappenedAreRefusedAndNotStored) {
  auto post = [&](const std::string& body, const std::string& key) {
    return Send("POST", "/v1/purchases", body, key, bearer_);
  };
  EXPECT_EQ(post(kFill, "").status, 400);                             // no Idempotency-Key
  EXPECT_EQ(Send("POST", "/v1/purchases", kFill, "k0").status, 401);  // no token
  EXPECT_EQ(
      post(R"({"holder":"NOBODY","date":"2026-03-17","method":"centralized_bidding","shares":1})",
           "k1")
          .status,
      404);
  // More shares than the company has left outside the holders' lots (800,000,000 in all).
  const service::Reply too_many = post(
      R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":741600001})",
      "k2");
  EXPECT_EQ(too_many.status, 422) << too_many.body;
  EXPECT_NE(Json(too_many)["message"].get<std::string>().find("company.total_shares"),
            std::string::npos)
      << too_many.body;
  // Before the group's last trade (the 2026-02-10 sale in the reference data).
  const service::Reply early = post(
      R"({"holder":"DY","date":"2026-02-09","method":"centralized_bidding","shares":100})", "k3");
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_NE(Json(early)["message"].get<std::string>().find("date order"), std::string::npos)
      << early.body;
  EXPECT_EQ(
      post(R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":0})", "k4")
          .status,
      400);
  for (const char* key : {"k1", "k2", "k3", "k4"}) {
    auto row = store_->FindByKey(key);
    ASSERT_TRUE(row.ok());
    EXPECT_FALSE(row.value().has_value()) << key;
  }
  EXPECT_EQ(Headroom()["holding"], 58400000);
}

TEST_F(DeskTest, ARetryWithTheSameKeyIsAnsweredFromTheStoreAndNotCountedTwice) {
  const service::Reply first = Execute(kFill, "fill-1");
  ASSERT_EQ(first.status, 201);
  const service::Reply again = Execute(kFill, "fill-1");
  EXPECT_EQ(again.status, 200);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(Headroom()["holding"], 58400000 - 100);
  // The same key for a different fill is a conflict, not a silent replay.
  const service::Reply other =
      Execute(R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":200})",
              "fill-1");
  EXPECT_EQ(other.status, 409);
  EXPECT_NE(other.body.find("fill-1"), std::string::npos);
  EXPECT_EQ(Headroom()["holding"], 58400000 - 100);
}

TEST_F(DeskTest, ExecutionsSurviveARestartAndRebuildTheSameState) {
  ASSERT_EQ(Execute(kFill, "fill-1").status, 201);
  ASSERT_EQ(Execute(kFill, "fill-2").status, 201);
  ASSERT_EQ(
      Send("POST", "/v1/announcements",
           R"({"holder":"DY","kind":"progress_report","published":"2026-03-17"})", "ann-1", bearer_)
          .status,
      201);
  const auto before = Headroom();
  Open(kToken);  // restart; --load of the same file keeps the recorded events
  const auto after = Headroom();
  EXPECT_EQ(after["holding"], 58400000 - 200);
  EXPECT_EQ(after["methods"], before["methods"]);
  EXPECT_EQ(after["last_event_seq"], before["last_event_seq"]);
  EXPECT_EQ(Execute(kFill, "fill-1").status, 200);  // still known after the restart
  EXPECT_EQ(Headroom()["holding"], 58400000 - 200);
}

TEST_F(DeskTest, NewReferenceDataStartsANewVersionAndOldEventsStayStored) {
  ASSERT_EQ(Execute(kFill, "fill-1").status, 201);
  std::string changed = Example("desk_pass.yaml");
  const size_t at = changed.find("shares: 58400000");
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, 16, "shares: 58300000");
  // The current version has a recorded execution that the new document would drop: refused
  // unless the caller says the document already includes it.
  const service::Reply refused =
      Send("PUT", "/v1/companies/603876", changed, {}, bearer_, "application/yaml");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("replace_events=true"), std::string::npos) << refused.body;
  EXPECT_EQ(Headroom()["holding"], 58400000 - 100);
  auto at_load = desk_->LoadReference(changed, "changed.yaml");
  ASSERT_FALSE(at_load.ok());
  EXPECT_NE(at_load.status().message().find("--replace-reference"), std::string::npos);
  const service::Reply put = Send("PUT", "/v1/companies/603876?replace_events=true", changed, {},
                                  bearer_, "application/yaml");
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(Json(put)["reference_version"], 2);
  EXPECT_EQ(Json(put)["ignored_orders"], 1);
  EXPECT_EQ(Headroom()["holding"], 58300000);
  const service::Reply same =
      Send("PUT", "/v1/companies/603876", changed, {}, bearer_, "application/yaml");
  EXPECT_EQ(same.status, 200);
  EXPECT_EQ(Json(same)["unchanged"], true);
  // The version-1 event is still in the store, listed under version 1 only.
  auto v1 = store_->Events("603876", 1);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1.value().size(), 1u);
  EXPECT_EQ(Json(Send("GET", "/v1/companies/603876/events"))["events"].size(), 0u);
}

TEST_F(DeskTest, ARetryAfterNewReferenceDataIsNotCountedAgainstTheNewState) {
  ASSERT_EQ(Execute(kFill, "fill-1").status, 201);
  std::string changed = Example("desk_pass.yaml");
  changed.replace(changed.find("shares: 58400000"), 16, "shares: 58399900");
  ASSERT_EQ(Send("PUT", "/v1/companies/603876?replace_events=true", changed, {}, bearer_,
                 "application/yaml")
                .status,
            201);
  const service::Reply retry = Execute(kFill, "fill-1");
  EXPECT_EQ(retry.status, 409) << retry.body;
  EXPECT_NE(retry.body.find("reference version 1"), std::string::npos) << retry.body;
  EXPECT_EQ(Headroom()["holding"], 58399900);
}

TEST_F(DeskTest, EventsArePagedAndALimitOfZeroIsRefused) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Execute(kFill, "fill-" + std::to_string(i)).status, 201);
  EXPECT_EQ(Send("GET", "/v1/companies/603876/events?limit=0").status, 400);
  const auto page1 = Json(Send("GET", "/v1/companies/603876/events?limit=2"));
  ASSERT_EQ(page1["events"].size(), 2u);
  EXPECT_EQ(page1["events"][0]["lots"][0]["lot"], "DY-IPO");
  const std::int64_t next = page1["next_after"].get<std::int64_t>();
  EXPECT_EQ(next, page1["events"][1]["seq"].get<std::int64_t>());
  const auto page2 =
      Json(Send("GET", "/v1/companies/603876/events?limit=2&after=" + std::to_string(next)));
  ASSERT_EQ(page2["events"].size(), 1u);
  EXPECT_EQ(page2["events"][0]["idempotency_key"], "fill-2");
  EXPECT_TRUE(page2["next_after"].is_null());
}

TEST_F(DeskTest, HeadroomOnAWeekendIsForTheNextTradingDay) {
  desk_.reset();
  service::DeskOptions options;
  options.token = kToken;
  options.today = [] { return Date(2026, 3, 14); };  // a Saturday
  auto desk = service::Desk::Open(ShippedRules(), *store_, nullptr, options);
  ASSERT_TRUE(desk.ok());
  desk_ = std::move(desk).value();
  EXPECT_EQ(Headroom()["date"], "2026-03-16");
  EXPECT_EQ(Send("GET", "/v1/holders/DY/headroom?date=2026-03-14").status, 422);  // asked for it
}

TEST_F(DeskTest, MediaTypesAreMatchedLikeHttpSays) {
  EXPECT_EQ(Send("POST", "/v1/check", kPassOrder, {}, {}, "Application/JSON").status, 200);
  EXPECT_EQ(
      Send("POST", "/v1/check", kPassOrder, {}, {}, "application/json ; charset=utf-8").status,
      200);
  const service::Reply wrong = Send("PUT", "/v1/check", kPassOrder);
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.allow, "POST");
}

TEST_F(DeskTest, ExecutionsThatCannotHaveHappenedAreRejectedAndNotStored) {
  const service::Reply too_many = Execute(
      R"({"holder":"DY","date":"2026-03-17","method":"block_trade","shares":58400001})", "big");
  EXPECT_EQ(too_many.status, 422) << too_many.body;
  ASSERT_EQ(Execute(kFill, "fill-1").status, 201);
  const service::Reply earlier = Execute(
      R"({"holder":"DY","date":"2026-03-16","method":"centralized_bidding","shares":100})", "old");
  EXPECT_EQ(earlier.status, 422) << earlier.body;
  EXPECT_NE(earlier.body.find("date order"), std::string::npos) << earlier.body;
  EXPECT_FALSE(store_->FindByKey("big").value().has_value());
  EXPECT_FALSE(store_->FindByKey("old").value().has_value());
  EXPECT_EQ(Headroom()["holding"], 58400000 - 100);
}

struct BadCase {
  const char* name;
  const char* body;
  int status;
  const char* field;  // must appear in problems[].field ("" = whole body)
  const char* says;   // must appear in the message
};

class DeskBadCheck : public DeskTest, public ::testing::WithParamInterface<BadCase> {};

TEST_P(DeskBadCheck, IsRejectedNamingTheField) {
  const BadCase& c = GetParam();
  const service::Reply r = Check(c.body);
  EXPECT_EQ(r.status, c.status) << r.body;
  const auto j = Json(r);
  EXPECT_NE(j["message"].get<std::string>().find(c.says), std::string::npos) << r.body;
  if (c.status == 400) {
    bool named = false;
    for (const auto& p : j["problems"]) named = named || p["field"] == c.field;
    EXPECT_TRUE(named) << r.body;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DeskBadCheck,
    ::testing::Values(
        BadCase{"Empty", "", 400, "", "empty"},
        BadCase{"Malformed", "{\"id\":", 400, "", "malformed JSON"},
        BadCase{"NotAnObject", "[1,2]", 400, "", "expected a JSON object"},
        BadCase{
            "DuplicateKey",
            R"({"id":"a","id":"b","holder":"DY","date":"2026-03-17","method":"block_trade","shares":1})",
            400, "id", "twice"},
        BadCase{
            "UnknownField",
            R"({"id":"a","holder":"DY","date":"2026-03-17","method":"block_trade","shares":1,"prise":"1"})",
            400, "prise", "did you mean \"price\""},
        BadCase{
            "SharesAsString",
            R"({"id":"a","holder":"DY","date":"2026-03-17","method":"block_trade","shares":"100"})",
            400, "shares", "JSON integer"},
        BadCase{"SharesZero",
                R"({"id":"a","holder":"DY","date":"2026-03-17","method":"block_trade","shares":0})",
                400, "shares", "positive"},
        BadCase{
            "SharesFraction",
            R"({"id":"a","holder":"DY","date":"2026-03-17","method":"block_trade","shares":1.5})",
            400, "shares", "whole number"},
        BadCase{
            "SharesTooBig",
            R"({"id":"a","holder":"DY","date":"2026-03-17","method":"block_trade","shares":18446744073709551615})",
            400, "shares", "too large"},
        BadCase{"ImpossibleDate",
                R"({"id":"a","holder":"DY","date":"2026-02-30","method":"block_trade","shares":1})",
                400, "date", "date"},
        BadCase{"DateAsNumber",
                R"({"id":"a","holder":"DY","date":20260317,"method":"block_trade","shares":1})",
                400, "date", "YYYY-MM-DD"},
        BadCase{
            "UnknownMethod",
            R"({"id":"a","holder":"DY","date":"2026-03-17","method":"block_trades","shares":1})",
            400, "method", "did you mean \"block_trade\""},
        BadCase{
            "FloatPrice",
            R"({"id":"a","holder":"DY","date":"2026-03-17","method":"block_trade","shares":1,"price":18.6})",
            400, "price", "decimal string"},
        BadCase{
            "PriceTooPrecise",
            R"({"id":"a","holder":"DY","date":"2026-03-17","method":"block_trade","shares":1,"price":"18.60001"})",
            400, "price", "4 decimals"},
        BadCase{"MissingId",
                R"({"holder":"DY","date":"2026-03-17","method":"block_trade","shares":1})", 400,
                "id", "required"},
        BadCase{"MissingEverything", "{}", 400, "holder", "required"},
        BadCase{"UnknownHolder",
                R"({"id":"a","holder":"ZZ","date":"2026-03-17","method":"block_trade","shares":1})",
                404, "", "ZZ"},
        BadCase{
            "UnknownCompany",
            R"({"id":"a","company":"000000","holder":"DY","date":"2026-03-17","method":"block_trade","shares":1})",
            404, "", "000000"},
        BadCase{"DateOutsideTheCalendar",
                R"({"id":"a","holder":"DY","date":"2032-03-17","method":"block_trade","shares":1})",
                422, "", "2032"}),
    [](const ::testing::TestParamInfo<BadCase>& p) { return std::string(p.param.name); });

TEST_F(DeskTest, RequestsOutsideTheApiGetClearErrors) {
  EXPECT_EQ(Send("GET", "/v1/nothing").status, 404);
  EXPECT_EQ(Send("GET", "/v1/check").status, 405);
  EXPECT_EQ(Send("DELETE", "/v1/companies/603876").status, 405);
  EXPECT_EQ(Send("POST", "/v1/check", kPassOrder, {}, {}, "text/plain").status, 415);
  EXPECT_EQ(Send("POST", "/v1/check?x=1", kPassOrder).status, 400);
  EXPECT_EQ(Send("GET", "/v1/holders/DY/headroom?dat=2026-03-17").status, 400);
  EXPECT_EQ(Send("GET", "/v1/holders/DY/headroom?date=2026-13-01").status, 400);
  EXPECT_EQ(Send("GET", "/v1/holders/NOBODY/headroom").status, 404);
  EXPECT_EQ(Send("GET", "/v1/companies/603876/events?limit=abc").status, 400);
  EXPECT_EQ(Send("GET", "/healthz").status, 200);
}

TEST_F(DeskTest, WritesNeedTheBearerToken) {
  EXPECT_EQ(Send("POST", "/v1/executions", kFill, "k1").status, 401);
  EXPECT_EQ(Send("POST", "/v1/executions", kFill, "k1", "Bearer wrong-token-0123456789").status,
            401);
  EXPECT_EQ(Send("POST", "/v1/executions", kFill, "k1", "Basic abc").status, 401);
  EXPECT_EQ(
      Send("PUT", "/v1/companies/603876", Example("desk_pass.yaml"), {}, {}, "application/yaml")
          .status,
      401);
  EXPECT_EQ(Send("POST", "/v1/executions", kFill, {}, bearer_).status, 400);  // no Idempotency-Key
  EXPECT_FALSE(store_->FindByKey("k1").value().has_value());
  EXPECT_EQ(Send("POST", "/v1/executions", kFill, "k1", bearer_).status, 201);
}

TEST_F(DeskTest, WithoutATokenEveryWriteIsRefused) {
  Open("");
  const service::Reply r = Send("POST", "/v1/executions", kFill, "k1", bearer_);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("REDUCHECK_TOKEN"), std::string::npos);
  EXPECT_EQ(Check(kPassOrder).status, 200);  // reads still work
}

TEST_F(DeskTest, BadReferenceDataIsRejectedWithItsLocation) {
  const service::Reply broken =
      Send("PUT", "/v1/companies/603876", "company:\n  code: \"603876\"\n  exchange: NYSE\n", {},
           bearer_, "application/yaml");
  EXPECT_EQ(broken.status, 400) << broken.body;
  EXPECT_NE(broken.body.find("exchange"), std::string::npos) << broken.body;
  EXPECT_NE(broken.body.find("request body:3:"), std::string::npos) << broken.body;
  const service::Reply wrong_code = Send("PUT", "/v1/companies/600000", Example("desk_pass.yaml"),
                                         {}, bearer_, "application/yaml");
  EXPECT_EQ(wrong_code.status, 400);
  EXPECT_NE(wrong_code.body.find("600000"), std::string::npos);
  EXPECT_EQ(Headroom()["reference_version"], 1);  // nothing changed
}

// GET /v1/companies/{code}/holders lists every role a holder has, by its contract name, the
// sponsor's co-investor (the last bit of the RoleSet in use) included.
TEST_F(DeskTest, HoldersListEveryRoleByName) {
  std::string other = Example("desk_pass.yaml");
  other.replace(other.find("code: \"603876\""), 14, "code: \"603877\"");
  const std::string roles = "roles: [major_shareholder, pre_ipo_shareholder]";
  other.replace(other.find(roles), roles.size(),
                "roles: [sponsor_coinvestor, strategic_investor, controlling_shareholder]");
  ASSERT_EQ(Send("PUT", "/v1/companies/603877", other, {}, bearer_, "application/yaml").status,
            201);
  const service::Reply r = Send("GET", "/v1/companies/603877/holders");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json holders = Json(r)["holders"];
  ASSERT_EQ(holders.size(), 1u) << r.body;
  EXPECT_EQ(holders[0]["roles"],
            nlohmann::json::array(
                {"controlling_shareholder", "strategic_investor", "sponsor_coinvestor"}));
}

TEST_F(DeskTest, AHolderOfTwoCompaniesMustBeNamedWithItsCompany) {
  std::string other = Example("desk_pass.yaml");
  other.replace(other.find("code: \"603876\""), 14, "code: \"603877\"");
  ASSERT_EQ(Send("PUT", "/v1/companies/603877", other, {}, bearer_, "application/yaml").status,
            201);
  const service::Reply ambiguous = Check(kPassOrder);
  EXPECT_EQ(ambiguous.status, 400);
  EXPECT_NE(ambiguous.body.find("603876, 603877"), std::string::npos) << ambiguous.body;
  EXPECT_EQ(
      Check(
          R"({"id":"O1","company":"603877","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":2000000,"price":"18.60"})")
          .status,
      200);
  EXPECT_EQ(Send("GET", "/v1/holders/DY/headroom?company=603877").status, 200);
  EXPECT_EQ(Json(Send("GET", "/v1/companies"))["companies"].size(), 2u);
}

TEST_F(DeskTest, ChecksRunningAlongsideExecutionsNeverSeeAHalfAppliedExecution) {
  constexpr int kFills = 200;
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::atomic<int> checks{0};
  auto reader = [&] {
    std::int64_t last = 5000000;
    while (!done.load()) {
      service::Request req;
      req.method = "POST";
      req.target = "/v1/check";
      req.body = kPassOrder;
      req.content_type = "application/json";
      const service::Reply r = desk_->Handle(req);
      const auto j = nlohmann::json::parse(r.body);
      const std::int64_t headroom = j["max_compliant_shares"].get<std::int64_t>();
      // Every state is "k fills of 100 applied": headroom 5,000,000 - 100k, never in between,
      // and never going back.
      if (r.status != 200 || (5000000 - headroom) % 100 != 0 || headroom > last ||
          headroom < 5000000 - 100 * kFills) {
        ++bad;
      }
      last = headroom;
      ++checks;
    }
  };
  std::thread r1(reader), r2(reader);
  for (int i = 0; i < kFills; ++i) {
    ASSERT_EQ(Execute(kFill, "fill-" + std::to_string(i)).status, 201);
  }
  done = true;
  r1.join();
  r2.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(checks.load(), 0);
  EXPECT_EQ(Headroom()["methods"][0]["max_compliant_shares"], 5000000 - 100 * kFills);
}

TEST_F(DeskTest, TheAuditLogRecordsEveryDecisionAndReplaysIdentically) {
  ASSERT_EQ(Check(kPassOrder).status, 200);
  ASSERT_EQ(Execute(kFill, "fill-1").status, 201);
  ASSERT_EQ(Check(kPassOrder).status, 200);
  ASSERT_EQ(
      Check(
          R"({"id":"O3","holder":"DY","date":"2026-03-17","method":"block_trade","shares":50000000})")
          .status,
      200);
  ASSERT_EQ(Execute(kFill, "fill-1").status, 200);  // a retry is logged too
  const audit::ChainHead head = audit_->Close();
  std::ifstream log(audit_path());
  const audit::VerifyReport verified = audit::VerifyChain(log, head);
  EXPECT_TRUE(verified.ok());
  EXPECT_EQ(verified.lines, 6);  // reference, 3 checks, execution, retry

  audit::LogLines again(audit_path());
  const audit::ReplayReport replay =
      audit::Replay(again, *store_, ShippedRules(), "rules-digest-for-tests");
  EXPECT_EQ(replay.decisions, 3);
  EXPECT_EQ(replay.identical, 3);
  EXPECT_TRUE(replay.differences.empty());
  EXPECT_TRUE(replay.problems.empty());
  EXPECT_EQ(replay.other_rules, 0);
}

TEST_F(DeskTest, ReplayReportsADecisionThatNoLongerHolds) {
  ASSERT_EQ(Check(kPassOrder).status, 200);
  audit_->Close();
  // Alter the logged verdict (as if an older engine had answered differently).
  std::string text = ReadAll(audit_path());
  const size_t at = text.find("\"max_compliant_shares\":5000000");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 30, "\"max_compliant_shares\":6000000");
  WriteAll(audit_path(), text);
  audit::LogLines log(audit_path());
  const audit::ReplayReport replay = audit::Replay(log, *store_, ShippedRules(), "other-rules");
  ASSERT_EQ(replay.differences.size(), 1u);
  EXPECT_EQ(replay.differences[0].line, 2);
  EXPECT_NE(replay.differences[0].summary.find("max_compliant_shares 6000000 -> 5000000"),
            std::string::npos)
      << replay.differences[0].summary;
  EXPECT_EQ(replay.other_rules, 1);
}

TEST_F(DeskTest, MetricsCountRequestsVerdictsAndCategories) {
  ASSERT_EQ(Check(kPassOrder).status, 200);
  ASSERT_EQ(
      Check(
          R"({"id":"O2","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":5000001})")
          .status,
      200);
  Check("{");
  const std::string m = Send("GET", "/metrics").body;
  EXPECT_NE(m.find("reducheck_http_requests_total{route=\"check\",code=\"200\"} 2"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("reducheck_http_requests_total{route=\"check\",code=\"400\"} 1"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("reducheck_verdicts_total{verdict=\"pass\"} 1"), std::string::npos) << m;
  EXPECT_NE(m.find("reducheck_verdicts_total{verdict=\"fail\"} 1"), std::string::npos) << m;
  EXPECT_NE(m.find("reducheck_violations_total{category=\"3\",name=\"procedural\"} 1"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("reducheck_http_request_duration_seconds_count{route=\"check\"} 3"),
            std::string::npos)
      << m;
}

}  // namespace
}  // namespace reducheck::testing

namespace reducheck::testing {
namespace {

// GET /healthz and /metrics report the calendar's last official and provisional day, and warn
// when the official calendar ends within 30 days (today injected through DeskOptions::today).
TEST_F(DeskTest, HealthReportsTheCalendarAndWarnsBeforeTheOfficialEnd) {
  const auto far = nlohmann::json::parse(Send("GET", "/healthz").body);  // today 2026-03-17
  EXPECT_EQ(far["calendar_last_official_day"], "2026-12-31");
  EXPECT_EQ(far["calendar_last_provisional_day"], "2031-12-31");
  EXPECT_FALSE(far.contains("warnings"));
  EXPECT_FALSE(desk_->CalendarWarning().has_value());

  today_ = Date(2026, 12, 1);  // 30 days before the end: warned
  const service::Reply near_reply = Send("GET", "/healthz");
  EXPECT_EQ(near_reply.status, 200);  // a warning, not a failure
  const auto near = nlohmann::json::parse(near_reply.body);
  ASSERT_TRUE(near.contains("warnings"));
  EXPECT_NE(near["warnings"][0].get<std::string>().find("ends on 2026-12-31 (in 30 days)"),
            std::string::npos);
  today_ = Date(2026, 11, 30);  // 31 days: not yet
  EXPECT_FALSE(desk_->CalendarWarning().has_value());
  today_ = Date(2027, 1, 4);  // ended
  ASSERT_TRUE(desk_->CalendarWarning().has_value());
  EXPECT_NE(desk_->CalendarWarning()->find("ended on 2026-12-31"), std::string::npos);

  const std::string m = Send("GET", "/metrics").body;
  EXPECT_NE(m.find("reducheck_calendar_last_official_day 20261231\n"), std::string::npos);
  EXPECT_NE(m.find("reducheck_calendar_last_provisional_day 20311231\n"), std::string::npos);
  EXPECT_NE(m.find("reducheck_calendar_official_days_left -4\n"), std::string::npos);
}

}  // namespace
}  // namespace reducheck::testing
