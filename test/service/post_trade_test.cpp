// Post-trade alerts and due obligations (docs/service.md#alerts-and-obligations): a recorded
// execution is judged on the state before it; a failing one is an alert (reply, /metrics, audit
// log, GET /v1/alerts), and the announcements recorded executions made due are listed by
// GET /v1/obligations, as JSON or CSV.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "desk_fixture.h"

namespace reducheck::testing {
namespace {

// 6,000,000 on 2026-03-17: the 1% quota has 5,000,000 left (desk_pass.yaml), so CAP-CB-1PCT fails.
constexpr const char* kBreachFill =
    R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":6000000,"price":"18.60"})";
// 3,000,000 on 2026-03-17 passes and takes DY from 7.30% (58,400,000 - 3,000,000 = 55,400,000
// of 800,000,000 = 6.925%) across 7%: a 1% change notice is due the next trading day.
constexpr const char* kNoticeFill =
    R"({"holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":3000000,"price":"18.60"})";

TEST_F(DeskTest, ABreachingExecutionIsRecordedAndAnsweredWithItsViolations) {
  // A passing fill first (after the breach the quota is used up and every sale breaks it).
  const service::Reply fine = Execute(kFill, "fine-1");
  ASSERT_EQ(fine.status, 201) << fine.body;
  EXPECT_FALSE(Json(fine)["breach"].get<bool>());
  EXPECT_EQ(Json(fine)["verdict"]["verdict"], "pass");

  const service::Reply r = Execute(kBreachFill, "breach-1");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto body = Json(r);
  EXPECT_TRUE(body["breach"].get<bool>());
  EXPECT_EQ(body["verdict"]["verdict"], "fail");
  ASSERT_FALSE(body["verdict"]["violations"].empty());
  EXPECT_EQ(body["verdict"]["violations"][0]["rule"], "CAP-CB-1PCT");
  EXPECT_EQ(body["verdict"]["violations"][0]["category"], 3);
  EXPECT_EQ(body["holding_after"], 58400000 - 100 - 6000000);  // it happened: the holding moved

  const service::Reply alerts = Send("GET", "/v1/alerts");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  const auto a = Json(alerts);
  ASSERT_EQ(a["count"], 1);
  EXPECT_EQ(a["alerts"][0]["seq"], body["seq"]);
  EXPECT_EQ(a["alerts"][0]["idempotency_key"], "breach-1");
  EXPECT_EQ(a["alerts"][0]["execution"]["shares"], 6000000);
  EXPECT_EQ(a["alerts"][0]["violations"][0]["rule"], "CAP-CB-1PCT");

  const std::string m = Send("GET", "/metrics").body;
  EXPECT_NE(m.find("reducheck_breaches_total 1\n"), std::string::npos) << m;
  EXPECT_NE(m.find("reducheck_breach_violations_total{category=\"3\",name=\"procedural\"} 1"),
            std::string::npos)
      << m;

  // A retry is answered from the store, not counted or alerted twice.
  ASSERT_EQ(Execute(kBreachFill, "breach-1").status, 200);
  EXPECT_EQ(Json(Send("GET", "/v1/alerts"))["count"], 1);
  EXPECT_NE(Send("GET", "/metrics").body.find("reducheck_breaches_total 1\n"), std::string::npos);

  audit_->Close();
  const std::string log = ReadAll(audit_path());
  EXPECT_NE(log.find("\"type\":\"breach\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"rule\":\"CAP-CB-1PCT\""), std::string::npos);

  // Alerts are read from the store: a restart keeps them.
  Open(kToken);
  EXPECT_EQ(Json(Send("GET", "/v1/alerts"))["count"], 1);
  EXPECT_EQ(Json(Send("GET", "/v1/alerts?company=603876"))["count"], 1);
  EXPECT_EQ(Send("GET", "/v1/alerts?company=000001").status, 404);
  EXPECT_EQ(Send("GET", "/v1/alerts?nope=1").status, 400);
  EXPECT_EQ(Send("POST", "/v1/alerts").status, 405);
}

TEST_F(DeskTest, DueObligationsAreListedUntilAnnouncedAsJsonAndCsv) {
  const service::Reply r = Execute(kNoticeFill, "notice-1");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(Json(r)["breach"].get<bool>()) << r.body;

  auto list = Json(Send("GET", "/v1/obligations?due_before=2026-03-31"));
  ASSERT_EQ(list["count"], 1) << list.dump();
  const auto& o = list["obligations"][0];
  EXPECT_EQ(o["kind"], "report_1pct_change");
  EXPECT_EQ(o["holder"], "DY");
  EXPECT_EQ(o["company"], "603876");
  EXPECT_EQ(o["rule"], "EQ5-1PCT");
  EXPECT_EQ(o["due"], "2026-03-18");
  EXPECT_EQ(o["threshold_pct"], "7%");
  EXPECT_EQ(o["status"], "open");
  EXPECT_EQ(o["trigger"]["kind"], "execution");
  EXPECT_EQ(o["trigger"]["seq"], Json(r)["seq"]);
  EXPECT_EQ(o["trigger"]["date"], "2026-03-17");
  EXPECT_EQ(o["trigger"]["shares"], 3000000);
  EXPECT_EQ(o["trigger"]["idempotency_key"], "notice-1");

  // due_before is inclusive; earlier dates list nothing.
  EXPECT_EQ(Json(Send("GET", "/v1/obligations?due_before=2026-03-18"))["count"], 1);
  EXPECT_EQ(Json(Send("GET", "/v1/obligations?due_before=2026-03-17"))["count"], 0);
  EXPECT_EQ(Send("GET", "/v1/obligations?due_before=2026-02-30").status, 400);
  EXPECT_EQ(Send("GET", "/v1/obligations?format=xml").status, 400);

  const service::Reply csv = Send("GET", "/v1/obligations?due_before=2026-03-31&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body,
            "due,kind,company,holder,rule,threshold_pct,status,announcement_seq,trigger_seq,"
            "trigger_date,trigger_method,trigger_shares,trigger_idempotency_key\r\n"
            "2026-03-18,report_1pct_change,603876,DY,EQ5-1PCT,7%,open,," +
                std::to_string(Json(r)["seq"].get<int>()) +
                ",2026-03-17,centralized_bidding,3000000,notice-1\r\n");
  service::Request accept_csv;
  accept_csv.method = "GET";
  accept_csv.target = "/v1/obligations";
  accept_csv.accept = "text/csv";
  EXPECT_EQ(desk_->Handle(accept_csv).body, csv.body);

  // The 1% notice, once recorded, answers it.
  const service::Reply notice =
      Send("POST", "/v1/announcements",
           R"({"holder":"DY","kind":"one_percent_notice","published":"2026-03-18"})", "notice-ann",
           bearer_);
  ASSERT_EQ(notice.status, 201) << notice.body;
  list = Json(Send("GET", "/v1/obligations"));
  ASSERT_EQ(list["count"], 1);
  EXPECT_EQ(list["obligations"][0]["status"], "announced");
  EXPECT_EQ(list["obligations"][0]["announcement_seq"], Json(notice)["seq"]);
}

}  // namespace
}  // namespace reducheck::testing
