// Request parsing and the canonical JSON that is hashed, stored and audited.
#include "service/request_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "input/json_depth.h"

namespace reducheck::service {
namespace {

// What nlohmann writes for the same value (sorted keys, compact): the audit verifier recomputes
// input digests this way, so the hand-built canonical form must match it byte for byte.
std::string NlohmannCanonical(std::string_view company, const Order& o) {
  nlohmann::json j = nlohmann::json::object();
  j["company"] = company;
  j["date"] = "2026-03-17";
  if (o.gain_estimate) j["gain_estimate"] = "1000.50";
  j["holder"] = o.holder;
  if (!o.id.empty()) j["id"] = o.id;
  j["method"] = "block_trade";
  if (o.price) j["price"] = "18.60";
  j["shares"] = o.shares;
  return j.dump();
}

TEST(CanonicalOrder, IsNlohmannsSortedCompactFormEvenForAwkwardStrings) {
  const std::vector<std::string> texts = {
      "DY",      "a\"b\\c", "tab\tnl\ncr\rbs\bff\f", std::string("ctl\x01\x1f", 5), "张三",
      "del\x7f", "slash/"};
  for (const std::string& text : texts) {
    Order o;
    o.id = text;
    o.holder = text;
    o.date = Date(2026, 3, 17);
    o.method = Method::kBlockTrade;
    o.shares = 9007199254740993;  // beyond double precision: stays an exact integer
    o.price = Money::Parse("18.6");
    o.gain_estimate = Money::Parse("1000.5");
    EXPECT_EQ(CanonicalOrder(text, o), NlohmannCanonical(text, o)) << text;
    o.price.reset();
    o.gain_estimate.reset();
    o.id.clear();
    EXPECT_EQ(CanonicalOrder(text, o), NlohmannCanonical(text, o)) << text;
  }
}

TEST(CanonicalOrder, ParsesBackToTheSameOrder) {
  auto parsed = ParseOrderRequest(
      R"({"shares":100,"method":"block_trade","holder":"DY","date":"2026-03-17","id":"x","price":"18.6","company":"603876"})",
      OrderKind::kCheck);
  ASSERT_TRUE(parsed.value.has_value());
  const std::string canonical = CanonicalOrder("603876", parsed.value->order);
  EXPECT_EQ(
      canonical,
      R"({"company":"603876","date":"2026-03-17","holder":"DY","id":"x","method":"block_trade","price":"18.60","shares":100})");
  auto again = ParseOrderRequest(canonical, OrderKind::kCheck);
  ASSERT_TRUE(again.value.has_value());
  EXPECT_EQ(CanonicalOrder("603876", again.value->order), canonical);
}

TEST(ParseOrderRequest, ExecutionsMayOmitTheId) {
  auto parsed =
      ParseOrderRequest(R"({"holder":"DY","date":"2026-03-17","method":"block_trade","shares":1})",
                        OrderKind::kExecution);
  ASSERT_TRUE(parsed.value.has_value());
  EXPECT_EQ(parsed.value->order.id, "");
  EXPECT_FALSE(parsed.value->company.has_value());
}

TEST(ParseOrderRequest, ReportsEveryProblemAtOnce) {
  auto parsed = ParseOrderRequest(
      R"({"holder":7,"date":"2026-3-17","method":null,"shares":-5,"x":1})", OrderKind::kCheck);
  ASSERT_FALSE(parsed.value.has_value());
  std::vector<std::string> fields;
  for (const auto& p : parsed.problems) fields.push_back(p.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"x", "id", "holder", "date", "method", "shares"}));
}

TEST(ParseAnnouncementRequest, PlanNeedsItsFieldsAndOthersMustNotHaveThem) {
  auto plan = ParseAnnouncementRequest(
      R"({"holder":"DY","kind":"reduction_plan","published":"2026-01-05","window_start":"2026-01-27","window_end":"2026-04-26","max_shares":16000000,"methods":["centralized_bidding","block_trade"]})");
  ASSERT_TRUE(plan.value.has_value());
  EXPECT_EQ(plan.value->announcement.methods.size(), 2u);
  auto no_methods = ParseAnnouncementRequest(
      R"({"holder":"DY","kind":"reduction_plan","published":"2026-01-05","max_shares":1,"methods":[]})");
  ASSERT_FALSE(no_methods.value.has_value());
  EXPECT_EQ(no_methods.problems[0].field, "methods");
  auto backwards = ParseAnnouncementRequest(
      R"({"holder":"DY","kind":"reduction_plan","published":"2026-01-05","window_start":"2026-02-01","window_end":"2026-01-31","max_shares":1,"methods":["block_trade"]})");
  ASSERT_FALSE(backwards.value.has_value());
  EXPECT_EQ(backwards.problems[0].field, "window_end");
  auto stray = ParseAnnouncementRequest(
      R"({"holder":"DY","kind":"progress_report","published":"2026-01-05","max_shares":1})");
  ASSERT_FALSE(stray.value.has_value());
  EXPECT_EQ(stray.problems[0].field, "max_shares");
  auto bad_method = ParseAnnouncementRequest(
      R"({"holder":"DY","kind":"reduction_plan","published":"2026-01-05","max_shares":1,"methods":["block"]})");
  ASSERT_FALSE(bad_method.value.has_value());
  EXPECT_EQ(bad_method.problems[0].field, "methods[0]");
}

TEST(JsonString, MatchesNlohmannForEveryByteValueBelow0x80) {
  std::string all;
  for (int c = 0; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(audit::JsonString(all), nlohmann::json(all).dump());
}

}  // namespace
}  // namespace reducheck::service

namespace reducheck::input {
namespace {

TEST(JsonNesting, CountsBracketsOutsideStringsOnly) {
  EXPECT_FALSE(JsonNestingExceeds(R"({"a":[1,[2]]})", 3));
  EXPECT_EQ(JsonNestingExceeds(R"({"a":[1,[2]]})", 2), std::optional<std::size_t>(8));
  // Brackets inside strings, escaped quotes included, are text.
  EXPECT_FALSE(JsonNestingExceeds(R"({"a":"[[[[\"[[[[","b":"\\"})", 1));
  EXPECT_FALSE(JsonNestingExceeds("", 0));
}

TEST(JsonNesting, ARequestNestedDeeperThanTheLimitIsRefusedBeforeParsing) {
  // {"id":[[[...]]]} 100,000 deep: dumping it for the error message overflowed the stack.
  const std::string body = R"({"id":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  const auto parsed = service::ParseOrderRequest(body, service::OrderKind::kCheck);
  ASSERT_FALSE(parsed.value);
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_NE(parsed.problems[0].message.find("nested deeper than 64 levels"), std::string::npos)
      << parsed.problems[0].message;
  // 64 levels in all is within the limit (the body is then just of the wrong shape).
  const std::string ok = R"({"id":)" + std::string(63, '[') + std::string(63, ']') + "}";
  const auto shallow = service::ParseOrderRequest(ok, service::OrderKind::kCheck);
  ASSERT_FALSE(shallow.problems.empty());
  EXPECT_EQ(shallow.problems[0].message.find("nested"), std::string::npos);
}

}  // namespace
}  // namespace reducheck::input
