// docs/openapi.yaml describes exactly what the desk service does. These tests hold the document
// to the code: the routes Desk::Route serves, who needs the bearer token, the fields the request
// parsers accept (asked of the parsers themselves), the keys the verdict renderer writes (asked
// of the renderer), the statuses each handler can return and the error codes it can send (read
// from the handlers' source), and the request and verdict examples (run through the parsers and
// the engine).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "../adapters/src/service/request_json.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/ledger.h"

namespace reducheck {
namespace {

using Json = nlohmann::ordered_json;
using Names = std::set<std::string>;

const std::string kRoot = std::string(REDUCHECK_RULES_DIR) + "/..";

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const YAML::Node& Doc() {
  static const YAML::Node doc = YAML::LoadFile(kRoot + "/docs/openapi.yaml");
  return doc;
}

// Follows "$ref": "#/a/b/c" within the document. (Nodes are rebound with reset(), never
// assigned: assigning a yaml-cpp node writes into the document.)
const YAML::Node Resolve(const YAML::Node& start) {
  YAML::Node node;
  node.reset(start);
  for (int hops = 0; hops < 8 && node.IsMap() && std::as_const(node)["$ref"].IsDefined(); ++hops) {
    const std::string ref = std::as_const(node)["$ref"].as<std::string>();
    EXPECT_EQ(ref.rfind("#/", 0), 0u) << ref;
    YAML::Node at;
    at.reset(Doc());
    std::string_view rest = std::string_view(ref).substr(2);
    while (!rest.empty()) {
      const size_t slash = rest.find('/');
      const std::string key(rest.substr(0, slash));
      const YAML::Node next = std::as_const(at)[key];
      EXPECT_TRUE(next.IsDefined()) << "dangling $ref " << ref;
      if (!next.IsDefined()) return YAML::Node();
      at.reset(next);
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    node.reset(at);
  }
  return node;
}

// `node[key]`, or an undefined node when `node` itself is undefined (yaml-cpp throws on
// indexing a missing node).
const YAML::Node Get(const YAML::Node& node, const std::string& key) {
  if (!node.IsDefined() || !node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  return node[key];
}

const YAML::Node Schema(const std::string& name) {
  const YAML::Node s = Doc()["components"]["schemas"][name];
  EXPECT_TRUE(s.IsDefined()) << "components.schemas." << name;
  return s;
}

Names Keys(const YAML::Node& map) {
  Names out;
  if (map.IsMap())
    for (const auto& kv : map) out.insert(kv.first.as<std::string>());
  return out;
}

Names Strings(const YAML::Node& seq) {
  Names out;
  if (seq.IsSequence())
    for (const auto& v : seq) out.insert(v.as<std::string>());
  return out;
}

template <typename J>
Names JsonKeys(const J& object) {
  Names out;
  for (const auto& [key, value] : object.items()) out.insert(key);
  return out;
}

// A YAML example as JSON: quoted scalars are strings; plain ones are null, booleans, integers or
// decimals when they read as such.
Json ToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& v : n) a.push_back(ToJson(v));
      return a;
    }
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>()] = ToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") return s;  // quoted
      if (s == "true") return true;
      if (s == "false") return false;
      std::int64_t i = 0;
      if (auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
          ec == std::errc() && p == s.data() + s.size()) {
        return i;
      }
      if (std::regex_match(s, std::regex(R"(-?[0-9]+\.[0-9]+)"))) return std::stod(s);
      return s;
    }
    default:
      return nullptr;
  }
}

// ----- the code's side -----------------------------------------------------------------------

// Every (method, path) the Desk serves: the branches of Desk::Route in
// adapters/src/service/desk.cpp. A new route there must be added here and to docs/openapi.yaml.
const Names kDeskRoutes = {
    "POST /v1/check",
    "POST /v1/executions",
    "POST /v1/purchases",
    "POST /v1/announcements",
    "GET /v1/companies",
    "GET /v1/companies/{code}",
    "PUT /v1/companies/{code}",
    "GET /v1/companies/{code}/holders",
    "GET /v1/companies/{code}/events",
    "GET /v1/holders/{id}/headroom",
    "GET /v1/alerts",
    "GET /v1/obligations",
    "GET /healthz",
    "GET /metrics",
};

// The writes: Desk::IsWrite, and the handlers that call Desk::Authorized.
const Names kWrites = {"POST /v1/executions", "POST /v1/purchases", "POST /v1/announcements",
                       "PUT /v1/companies/{code}"};

// Each route's handler in desk.cpp ("" for /metrics, answered inline in Desk::Route).
const std::map<std::string, std::string> kHandlers = {
    {"POST /v1/check", "Reply Desk::Check("},
    {"POST /v1/executions", "Reply Desk::RecordExecution("},
    {"POST /v1/purchases", "Reply Desk::RecordPurchase("},
    {"POST /v1/announcements", "Reply Desk::RecordAnnouncement("},
    {"GET /v1/companies", "Reply Desk::Companies("},
    {"GET /v1/companies/{code}", "Reply Desk::Company("},
    {"PUT /v1/companies/{code}", "Reply Desk::PutCompany("},
    {"GET /v1/companies/{code}/holders", "Reply Desk::Holders("},
    {"GET /v1/companies/{code}/events", "Reply Desk::Events("},
    {"GET /v1/holders/{id}/headroom", "Reply Desk::Headroom("},
    {"GET /v1/alerts", "Reply Desk::Alerts("},
    {"GET /v1/obligations", "Reply Desk::Obligations("},
    {"GET /healthz", "Reply Desk::Health("},
    {"GET /metrics", ""},
};

// The fields ParseOrderRequest accepts (adapters/src/service/request_json.cpp).
const Names kOrderFields = {"id",     "company", "holder", "date",
                            "method", "shares",  "price",  "gain_estimate"};

// The body of the function whose definition starts with `signature` (up to its closing brace
// in column 0).
std::string FunctionBody(const std::string& source, const std::string& signature) {
  const size_t begin = source.find(signature);
  EXPECT_NE(begin, std::string::npos) << "no `" << signature << "` in the source";
  if (begin == std::string::npos) return "";
  const size_t end = source.find("\n}\n", begin);
  return source.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// The HTTP statuses a function body answers directly: Error(NNN, ...), JsonReply(... NNN ...,
// body), reply.status = NNN.
std::set<int> DirectStatuses(const std::string& body) {
  static const std::regex call(R"((?:\bError|\bJsonReply)\(([^,;]*),|\.status = (\d{3}))");
  static const std::regex number(R"(\b([1-5][0-9][0-9])\b)");
  std::set<int> out;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), call); it != std::sregex_iterator();
       ++it) {
    const std::string text = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    for (auto n = std::sregex_iterator(text.begin(), text.end(), number);
         n != std::sregex_iterator(); ++n) {
      out.insert(std::stoi((*n)[1].str()));
    }
  }
  return out;
}

// The statuses a handler can return: its own, and those of the helpers it calls.
std::set<int> HandlerStatuses(const std::string& desk, const std::string& body) {
  static const std::map<std::string, std::string> helpers = {
      {"Authorized(", "bool Desk::Authorized("},
      {"FindBook(", "std::shared_ptr<Book> Desk::FindBook("},
      {"StatusReply(", "Reply StatusReply("},
      {"BadRequest(", "Reply BadRequest("},
      {"AuditUnavailable(", "std::optional<Reply> Desk::AuditUnavailable("},
      {"AnswerStoredKey(", "std::optional<Reply> Desk::AnswerStoredKey("},
  };
  std::set<int> out = DirectStatuses(body);
  for (const auto& [call, signature] : helpers) {
    if (body.find(call) == std::string::npos) continue;
    const std::set<int> more = DirectStatuses(FunctionBody(desk, signature));
    EXPECT_FALSE(more.empty()) << signature;
    out.insert(more.begin(), more.end());
  }
  return out;
}

// The message of the problem reported for `field`, or "".
std::string ProblemFor(const std::vector<service::FieldProblem>& problems,
                       const std::string& field) {
  for (const auto& p : problems)
    if (p.field == field) return p.message;
  return "";
}

// The comma-separated list after `marker` up to the closing parenthesis.
Names ListAfter(const std::string& message, const std::string& marker) {
  Names out;
  const size_t at = message.find(marker);
  EXPECT_NE(at, std::string::npos) << "no \"" << marker << "\" in: " << message;
  if (at == std::string::npos) return out;
  const size_t begin = at + marker.size();
  const size_t end = message.find(')', begin);
  EXPECT_NE(end, std::string::npos) << message;
  if (end == std::string::npos) return out;
  std::string_view list(message.data() + begin, end - begin);
  while (!list.empty()) {
    const size_t comma = list.find(", ");
    out.insert(std::string(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 2);
  }
  return out;
}

Names MissingFields(const std::vector<service::FieldProblem>& problems) {
  Names out;
  for (const auto& p : problems)
    if (p.message == "required field is missing") out.insert(p.field);
  return out;
}

// Every operation in the document, as "METHOD /path" -> operation node.
const std::map<std::string, YAML::Node> Operations() {
  std::map<std::string, YAML::Node> ops;
  for (const auto& path : Doc()["paths"]) {
    for (const auto& item : path.second) {
      std::string method = item.first.as<std::string>();
      if (method == "parameters" || method == "description" || method == "summary" ||
          method == "servers") {
        continue;
      }
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      ops[method + " " + path.first.as<std::string>()] = item.second;
    }
  }
  return ops;
}

std::set<int> DocumentedStatuses(const YAML::Node& op) {
  std::set<int> out;
  for (const auto& r : op["responses"]) out.insert(std::stoi(r.first.as<std::string>()));
  return out;
}

std::string Show(const std::set<int>& s) {
  std::string out;
  for (int v : s) {
    if (!out.empty()) out += ' ';
    out += std::to_string(v);
  }
  return out;
}

// ----- tests -------------------------------------------------------------------------------

TEST(OpenApi, IsOpenApi30AndSaysWhereTheServiceListens) {
  const YAML::Node& doc = Doc();
  ASSERT_TRUE(doc["openapi"].IsDefined());
  EXPECT_EQ(doc["openapi"].as<std::string>().rfind("3.0.", 0), 0u) << doc["openapi"];
  EXPECT_FALSE(doc["info"]["title"].as<std::string>().empty());
  EXPECT_FALSE(doc["info"]["version"].as<std::string>().empty());
  EXPECT_NE(doc["servers"][0]["url"].as<std::string>().find("127.0.0.1"), std::string::npos);
  const std::string about = doc["info"]["description"].as<std::string>();
  EXPECT_NE(about.find("loopback"), std::string::npos);
  EXPECT_NE(about.find("no outbound connection"), std::string::npos);
}

TEST(OpenApi, DocumentsExactlyTheRoutesTheDeskServes) {
  Names documented;
  for (const auto& [op, node] : Operations()) documented.insert(op);
  EXPECT_EQ(documented, kDeskRoutes);
  // Every path says what other methods get (Desk::Route answers them 405).
  for (const auto& path : Doc()["paths"]) {
    const YAML::Node d = path.second["description"];
    ASSERT_TRUE(d.IsDefined()) << path.first;
    EXPECT_NE(d.as<std::string>().find("405"), std::string::npos) << path.first;
  }
  EXPECT_TRUE(Doc()["components"]["responses"]["MethodNotAllowed"].IsDefined());
}

TEST(OpenApi, WritesNeedTheBearerTokenAndNothingElseDoes) {
  const YAML::Node scheme = Doc()["components"]["securitySchemes"]["bearerAuth"];
  ASSERT_TRUE(scheme.IsDefined());
  EXPECT_EQ(scheme["type"].as<std::string>(), "http");
  EXPECT_EQ(scheme["scheme"].as<std::string>(), "bearer");
  // No document-wide requirement: each operation says for itself.
  EXPECT_TRUE(!Doc()["security"].IsDefined() || Doc()["security"].size() == 0);
  for (const auto& [op, node] : Operations()) {
    const YAML::Node security = node["security"];
    ASSERT_TRUE(security.IsDefined() && security.IsSequence()) << op << ": no `security`";
    if (kWrites.count(op) > 0) {
      ASSERT_EQ(security.size(), 1u) << op;
      EXPECT_EQ(Keys(security[0]), Names{"bearerAuth"}) << op;
      EXPECT_EQ(security[0]["bearerAuth"].size(), 0u) << op;
      EXPECT_TRUE(node["responses"]["401"].IsDefined()) << op;
      EXPECT_TRUE(node["responses"]["403"].IsDefined()) << op;
    } else {
      EXPECT_EQ(security.size(), 0u) << op << " is a read: it needs no credentials";
      EXPECT_FALSE(node["responses"]["401"].IsDefined()) << op;
    }
  }
  // The same split in the code: the write handlers (and only they) call Authorized.
  const std::string desk = ReadText(kRoot + "/adapters/src/service/desk.cpp");
  for (const auto& [op, signature] : kHandlers) {
    if (signature.empty()) continue;
    const bool authorizes = FunctionBody(desk, signature).find("Authorized(") != std::string::npos;
    EXPECT_EQ(authorizes, kWrites.count(op) > 0) << op;
  }
}

TEST(OpenApi, OrderBodiesAreWhatParseOrderRequestAccepts) {
  // Ask the parser which fields it allows: an unknown field's problem lists them.
  const auto unknown =
      service::ParseOrderRequest(R"({"not_a_field_at_all":1})", service::OrderKind::kCheck);
  const Names allowed = ListAfter(ProblemFor(unknown.problems, "not_a_field_at_all"), "(allowed: ");
  EXPECT_EQ(allowed, kOrderFields);

  for (const auto& [name, kind] : {std::pair{"CheckRequest", service::OrderKind::kCheck},
                                   std::pair{"ExecutionRequest", service::OrderKind::kExecution}}) {
    SCOPED_TRACE(name);
    const YAML::Node s = Schema(name);
    EXPECT_EQ(s["type"].as<std::string>(), "object");
    EXPECT_FALSE(s["additionalProperties"].as<bool>());
    EXPECT_EQ(Keys(s["properties"]), kOrderFields);
    // Required: what an empty object is missing.
    const auto empty = service::ParseOrderRequest("{}", kind);
    EXPECT_EQ(Strings(s["required"]), MissingFields(empty.problems));
  }
  // The request bodies of the two operations are these schemas.
  const auto ops = Operations();
  EXPECT_EQ(ops.at("POST /v1/check")["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                .as<std::string>(),
            "#/components/schemas/CheckRequest");
  EXPECT_EQ(
      ops.at("POST /v1/executions")["requestBody"]["content"]["application/json"]["schema"]["$ref"]
          .as<std::string>(),
      "#/components/schemas/ExecutionRequest");
}

TEST(OpenApi, MethodAndAnnouncementKindEnumsAreTheParsersVocabulary) {
  const auto bad_method = service::ParseOrderRequest(
      R"({"id":"X","holder":"DY","date":"2026-03-17","method":"nope","shares":1})",
      service::OrderKind::kCheck);
  const Names methods = ListAfter(ProblemFor(bad_method.problems, "method"), "(expected one of ");
  EXPECT_EQ(methods.size(), 4u);
  EXPECT_EQ(Strings(Schema("Method")["enum"]), methods);

  const auto bad_kind = service::ParseAnnouncementRequest(
      R"({"holder":"DY","kind":"nope","published":"2026-03-17"})");
  const Names kinds = ListAfter(ProblemFor(bad_kind.problems, "kind"), "(expected one of ");
  EXPECT_EQ(kinds.size(), 5u);
  EXPECT_EQ(Strings(Schema("AnnouncementKind")["enum"]), kinds);
  Names split = Strings(Schema("ReductionPlanAnnouncementRequest")["properties"]["kind"]["enum"]);
  const Names reports = Strings(Schema("ReportAnnouncementRequest")["properties"]["kind"]["enum"]);
  EXPECT_EQ(split, Names{"reduction_plan"});
  split.insert(reports.begin(), reports.end());
  EXPECT_EQ(split, kinds);
  EXPECT_EQ(Keys(Schema("AnnouncementRequest")["discriminator"]["mapping"]), kinds);
}

// GET /v1/companies/{code}/holders names each holder's roles with the engine's contract names
// (Desk::Holders walks every bit of the RoleSet): the enum lists every one, no more.
TEST(OpenApi, HolderRoleEnumIsTheEngineVocabulary) {
  Names roles;
  for (int bit = 0; bit < 16; ++bit) {
    const std::string_view name = Name(static_cast<Role>(1 << bit));
    if (!name.empty()) roles.insert(std::string(name));
  }
  EXPECT_EQ(roles.size(), 10u);
  EXPECT_EQ(roles.count("sponsor_coinvestor"), 1u);
  EXPECT_EQ(Strings(Schema("Holder")["properties"]["roles"]["items"]["enum"]), roles);
}

TEST(OpenApi, AnnouncementBodiesAreWhatParseAnnouncementRequestAccepts) {
  const auto unknown = service::ParseAnnouncementRequest(R"({"not_a_field_at_all":1})");
  const Names allowed = ListAfter(ProblemFor(unknown.problems, "not_a_field_at_all"), "(allowed: ");
  const YAML::Node plan = Schema("ReductionPlanAnnouncementRequest");
  const YAML::Node report = Schema("ReportAnnouncementRequest");
  EXPECT_FALSE(plan["additionalProperties"].as<bool>());
  EXPECT_FALSE(report["additionalProperties"].as<bool>());
  EXPECT_EQ(Keys(plan["properties"]), allowed);

  // A report: what an empty object is missing.
  EXPECT_EQ(Strings(report["required"]),
            MissingFields(service::ParseAnnouncementRequest("{}").problems));
  // A plan: also what a bare plan is missing.
  Names plan_required =
      MissingFields(service::ParseAnnouncementRequest(R"({"kind":"reduction_plan"})").problems);
  plan_required.insert("kind");
  EXPECT_EQ(Strings(plan["required"]), plan_required);

  // A report takes only the fields its schema lists; each plan-only field is refused.
  const Names report_fields = Keys(report["properties"]);
  for (const std::string& field : allowed) {
    if (report_fields.count(field) > 0) continue;
    Json body = {{"holder", "DY"}, {"kind", "progress_report"}, {"published", "2026-03-18"}};
    body[field] = field == "methods"      ? Json::array({"block_trade"})
                  : field == "max_shares" ? Json(100)
                                          : Json("2026-03-20");
    const auto parsed = service::ParseAnnouncementRequest(body.dump());
    EXPECT_FALSE(ProblemFor(parsed.problems, field).empty()) << field << " accepted on a report";
  }
  EXPECT_EQ(Operations()
                .at("POST /v1/announcements")["requestBody"]["content"]["application/json"]
                                             ["schema"]["$ref"]
                .as<std::string>(),
            "#/components/schemas/AnnouncementRequest");
}

TEST(OpenApi, EveryRequestSchemaRefusesUnknownFields) {
  for (const auto& kv : Doc()["components"]["schemas"]) {
    const std::string name = kv.first.as<std::string>();
    if (name.size() < 7 || name.compare(name.size() - 7, 7, "Request") != 0) continue;
    if (kv.second["oneOf"]) continue;  // AnnouncementRequest: its alternatives are checked
    SCOPED_TRACE(name);
    ASSERT_TRUE(kv.second["additionalProperties"].IsDefined());
    EXPECT_FALSE(kv.second["additionalProperties"].as<bool>());
  }
  EXPECT_FALSE(Schema("ScenarioDocument")["additionalProperties"].as<bool>());
}

TEST(OpenApi, RequestExamplesAreAcceptedByTheParsers) {
  const auto ops = Operations();
  int seen = 0;
  auto each_example = [&](const std::string& op, auto check) {
    const YAML::Node content = ops.at(op)["requestBody"]["content"]["application/json"];
    if (content["example"].IsDefined()) {
      check(ToJson(content["example"]).dump());
      ++seen;
    }
    if (!content["examples"].IsDefined()) return;
    for (const auto& ex : content["examples"]) {
      check(ToJson(ex.second["value"]).dump());
      ++seen;
    }
  };
  each_example("POST /v1/check", [](const std::string& body) {
    const auto parsed = service::ParseOrderRequest(body, service::OrderKind::kCheck);
    EXPECT_TRUE(parsed.value.has_value()) << body << ": " << parsed.problems.at(0).message;
  });
  each_example("POST /v1/executions", [](const std::string& body) {
    const auto parsed = service::ParseOrderRequest(body, service::OrderKind::kExecution);
    EXPECT_TRUE(parsed.value.has_value()) << body << ": " << parsed.problems.at(0).message;
  });
  each_example("POST /v1/announcements", [](const std::string& body) {
    const auto parsed = service::ParseAnnouncementRequest(body);
    EXPECT_TRUE(parsed.value.has_value()) << body << ": " << parsed.problems.at(0).message;
  });
  EXPECT_GE(seen, 5);
  // The first check example is desk_pass.yaml's passing order, field for field.
  const Json pass = ToJson(ops.at(
      "POST /v1/check")["requestBody"]["content"]["application/json"]["examples"]["pass"]["value"]);
  EXPECT_EQ(pass, Json::parse(R"({"id":"O1","holder":"DY","date":"2026-03-17",
      "method":"centralized_bidding","shares":2000000,"price":"18.60"})"));
}

class OpenApiVerdict : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rules_ = new adapters::EvaluatorLoad(adapters::LoadEvaluator(REDUCHECK_RULES_DIR));
    ASSERT_TRUE(rules_->evaluator.has_value());
    auto load = adapters::ReadScenarioText(
        ReadText(std::string(REDUCHECK_EXAMPLES_DIR) + "/desk_pass.yaml"), "desk_pass.yaml");
    ASSERT_TRUE(load.scenario.has_value());
    o1_ = new Order(load.scenario->orders.at(0));
    auto ledger = Ledger::Build(std::move(*load.scenario));
    ASSERT_TRUE(ledger.ok());
    ledger_ = new Ledger(std::move(ledger).value());
  }
  static void TearDownTestSuite() {
    delete ledger_;
    delete o1_;
    delete rules_;
  }

  // The verdict JSON the desk returns for `order` (RenderVerdictJsonCompact, as Desk::Check).
  static Json Render(const Order& order) {
    auto verdict = rules_->evaluator->Check(order, *ledger_);
    EXPECT_TRUE(verdict.ok()) << verdict.status().message();
    if (!verdict.ok()) return Json();
    return Json::parse(adapters::RenderVerdictJsonCompact({&order, verdict.value()}));
  }
  static Order Variant(const std::string& id, Method method, Shares shares) {
    Order o = *o1_;
    o.id = id;
    o.method = method;
    o.shares = shares;
    return o;
  }
  static const YAML::Node CheckExample(const std::string& name) {
    return Operations().at("POST /v1/check")["responses"]["200"]["content"]["application/json"]
                                            ["examples"][name]["value"];
  }

  static adapters::EvaluatorLoad* rules_;
  static Order* o1_;
  static Ledger* ledger_;
};
adapters::EvaluatorLoad* OpenApiVerdict::rules_ = nullptr;
Order* OpenApiVerdict::o1_ = nullptr;
Ledger* OpenApiVerdict::ledger_ = nullptr;

TEST_F(OpenApiVerdict, KeysAreTheOnesTheRendererWrites) {
  EXPECT_EQ(
      Operations()
          .at("POST /v1/check")["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
          .as<std::string>(),
      "#/components/schemas/Verdict");
  const Json pass = Render(*o1_);
  ASSERT_TRUE(pass.is_object());
  const YAML::Node verdict = Schema("Verdict");
  EXPECT_EQ(Strings(verdict["required"]), JsonKeys(pass));
  Names all = JsonKeys(pass);
  all.insert("penalty_by_category");  // only with violations in more than one category
  all.insert("calendar_caveat");      // only when a provisional calendar day was counted
  all.insert("cross_market_pack");    // only for an A+H issuer's order (docs/markets.md)
  EXPECT_EQ(Keys(verdict["properties"]), all);
  EXPECT_EQ(Strings(verdict["properties"]["verdict"]["enum"]), (Names{"pass", "fail", "unknown"}));

  // A failing order: violations, obligations, penalty.
  Json fail = Render(Variant("O2", Method::kCentralizedBidding, 5000001));
  ASSERT_EQ(fail["verdict"], "fail");
  ASSERT_FALSE(fail["violations"].empty());
  for (const auto& v : fail["violations"]) {
    EXPECT_EQ(JsonKeys(v), Keys(Schema("Violation")["properties"]));
    EXPECT_EQ(JsonKeys(v), Strings(Schema("Violation")["required"]));
    EXPECT_EQ(JsonKeys(v["message"]), Keys(Schema("Text")["properties"]));
  }
  ASSERT_FALSE(fail["obligations"].empty());
  for (const auto& o : fail["obligations"]) {
    EXPECT_EQ(JsonKeys(o), Keys(Schema("Obligation")["properties"]));
    EXPECT_TRUE(Strings(Schema("Obligation")["properties"]["kind"]["enum"])
                    .count(o["kind"].get<std::string>()))
        << o["kind"];
  }
  ASSERT_TRUE(fail["penalty"].is_object());
  Names penalty = JsonKeys(fail["penalty"]);
  EXPECT_EQ(Strings(Schema("Penalty")["required"]), penalty);
  penalty.insert("gain_multiple");  // only for the gain_multiple basis
  EXPECT_EQ(Keys(Schema("Penalty")["properties"]), penalty);

  // An agreement transfer the rules cannot fully decide: unknown findings.
  Json unknown = Render(Variant("O3", Method::kAgreementTransfer, 1000000));
  ASSERT_FALSE(unknown["unknown"].empty()) << unknown.dump();
  for (const auto& u : unknown["unknown"]) {
    EXPECT_EQ(JsonKeys(u), Keys(Schema("UnknownFinding")["properties"]));
    EXPECT_EQ(JsonKeys(u["missing"]), Keys(Schema("Text")["properties"]));
  }
}

TEST_F(OpenApiVerdict, ExamplesAreWhatTheServiceAnswers) {
  // desk_pass.yaml O1, exactly.
  EXPECT_EQ(ToJson(CheckExample("pass")), Render(*o1_));
  // O2: the same finding (texts may be reworded without touching the document).
  Json doc = ToJson(CheckExample("fail"));
  Json real = Render(Variant("O2", Method::kCentralizedBidding, 5000001));
  EXPECT_EQ(JsonKeys(doc), JsonKeys(real));
  for (const char* key : {"order", "verdict", "max_compliant_shares", "binding_rule",
                          "earliest_full_date", "rule_pack", "calendar"}) {
    EXPECT_EQ(doc[key], real[key]) << key;
  }
  ASSERT_EQ(doc["violations"].size(), real["violations"].size());
  for (size_t i = 0; i < doc["violations"].size(); ++i) {
    for (const char* key : {"rule", "category", "category_name", "shares_in_breach", "facts"}) {
      EXPECT_EQ(doc["violations"][i][key], real["violations"][i][key]) << key;
    }
  }
  EXPECT_EQ(doc["obligations"], real["obligations"]);
  for (const char* key : {"category", "shares_in_breach", "sale_amount_rmb", "basis", "fine_rate",
                          "fine_rmb", "circumstance", "statutory_max_rmb", "draft"}) {
    EXPECT_EQ(doc["penalty"][key], real["penalty"][key]) << key;
  }
}

TEST(OpenApi, EachOperationListsExactlyTheStatusesItsHandlerCanReturn) {
  const std::string desk = ReadText(kRoot + "/adapters/src/service/desk.cpp");
  const std::string http = ReadText(kRoot + "/adapters/src/http/http_server.cpp");
  ASSERT_FALSE(desk.empty());
  ASSERT_FALSE(http.empty());
  // Any request can meet the transport's refusals and Desk::Handle's catch-all.
  std::set<int> anywhere;
  static const std::regex send_error(R"(SendError\((\d{3}),)");
  for (auto it = std::sregex_iterator(http.begin(), http.end(), send_error);
       it != std::sregex_iterator(); ++it) {
    anywhere.insert(std::stoi((*it)[1].str()));
  }
  EXPECT_EQ(anywhere, (std::set<int>{400, 413, 431}));
  const std::set<int> handle = DirectStatuses(FunctionBody(desk, "Reply Desk::Handle("));
  anywhere.insert(handle.begin(), handle.end());
  EXPECT_TRUE(anywhere.count(500));

  const auto ops = Operations();
  for (const auto& [op, signature] : kHandlers) {
    SCOPED_TRACE(op);
    std::set<int> can = anywhere;
    if (signature.empty()) {
      // GET /metrics is answered inline in Desk::Route.
      const std::string route = FunctionBody(desk, "Reply Desk::Route(");
      EXPECT_NE(route.find("return Reply{200, metrics_.Render()"), std::string::npos);
      can.insert(200);
    } else {
      const std::set<int> own = HandlerStatuses(desk, FunctionBody(desk, signature));
      can.insert(own.begin(), own.end());
    }
    ASSERT_TRUE(ops.count(op));
    EXPECT_EQ(Show(DocumentedStatuses(ops.at(op))), Show(can));
  }
}

TEST(OpenApi, ErrorCodesAreTheOnesTheServiceSends) {
  const std::string desk = ReadText(kRoot + "/adapters/src/service/desk.cpp");
  const std::string http = ReadText(kRoot + "/adapters/src/http/http_server.cpp");
  Names codes;
  static const std::regex error_call(R"re(\bError\(\s*\d{3},\s*"([a-z_]+)")re");
  for (auto it = std::sregex_iterator(desk.begin(), desk.end(), error_call);
       it != std::sregex_iterator(); ++it) {
    codes.insert((*it)[1].str());
  }
  // The transport's own refusals (Session::SendError, up to Session::Send).
  const size_t from = http.find("void SendError(");
  ASSERT_NE(from, std::string::npos);
  const std::string send_error = http.substr(from, http.find("void Send(", from) - from);
  for (const char* code : {"payload_too_large", "headers_too_large", "bad_request"}) {
    EXPECT_NE(send_error.find(std::string("\"") + code + "\""), std::string::npos) << code;
    codes.insert(code);
  }
  const YAML::Node error = Schema("Error");
  EXPECT_EQ(Strings(error["properties"]["error"]["enum"]), codes);
  EXPECT_EQ(Strings(error["required"]), (Names{"error", "message"}));
  EXPECT_EQ(Keys(error["properties"]), (Names{"error", "message", "problems"}));
  EXPECT_EQ(Keys(Schema("FieldProblem")["properties"]), (Names{"field", "message"}));
  // Every error response carries an Error body.
  for (const auto& [op, node] : Operations()) {
    for (const auto& r : node["responses"]) {
      if (std::stoi(r.first.as<std::string>()) < 400) continue;
      const YAML::Node schema =
          Get(Get(Get(Resolve(r.second), "content"), "application/json"), "schema");
      ASSERT_TRUE(Get(schema, "$ref").IsDefined()) << op << " " << r.first;
      // A degraded service answers /healthz 503 with its Health (saying why), not an Error.
      const bool degraded_health = op == "GET /healthz" && r.first.as<std::string>() == "503";
      EXPECT_EQ(schema["$ref"].as<std::string>(),
                degraded_health ? "#/components/schemas/Health" : "#/components/schemas/Error")
          << op << " " << r.first;
    }
  }
}

TEST(OpenApi, HeadersAreDeclaredWhereTheServiceSendsThem) {
  const std::string http = ReadText(kRoot + "/adapters/src/http/http_server.cpp");
  // Read from the request (Beast field lookups) and written by Session::Send (by hand).
  for (const char* header : {"\"X-Request-Id\"", "\"Idempotency-Key\"", "X-Request-Id: ",
                             "Idempotent-Replayed: true", "WWW-Authenticate: Bearer", "Allow: "}) {
    EXPECT_NE(http.find(header), std::string::npos) << header;
  }
  const std::set<std::string> keyed = {"POST /v1/executions", "POST /v1/purchases",
                                       "POST /v1/announcements"};
  for (const auto& [op, node] : Operations()) {
    SCOPED_TRACE(op);
    Names headers;
    bool key_required = false;
    ASSERT_TRUE(node["parameters"].IsDefined());
    for (const auto& p : node["parameters"]) {
      const YAML::Node param = Resolve(p);
      if (param["in"].as<std::string>() != "header") continue;
      headers.insert(param["name"].as<std::string>());
      if (param["name"].as<std::string>() == "Idempotency-Key")
        key_required = param["required"].as<bool>();
    }
    EXPECT_TRUE(headers.count("X-Request-Id"));
    EXPECT_EQ(headers.count("Idempotency-Key") > 0, keyed.count(op) > 0);
    EXPECT_EQ(key_required, keyed.count(op) > 0);
    for (const auto& r : node["responses"]) {
      const int status = std::stoi(r.first.as<std::string>());
      const YAML::Node response = Resolve(r.second);
      // Every reply carries a request id, the transport's own 413 and 431 included.
      const YAML::Node sent = Get(response, "headers");
      EXPECT_TRUE(Get(sent, "X-Request-Id").IsDefined()) << status;
      EXPECT_EQ(Get(sent, "Allow").IsDefined(), status == 405) << status;
      EXPECT_EQ(Get(sent, "WWW-Authenticate").IsDefined(), status == 401) << status;
      EXPECT_EQ(Get(sent, "Idempotent-Replayed").IsDefined(), status == 200 && keyed.count(op) > 0)
          << status;
    }
  }
}

TEST(OpenApi, QueryParametersAreTheOnesTheHandlersRead) {
  const std::string desk = ReadText(kRoot + "/adapters/src/service/desk.cpp");
  static const std::regex allowed(R"(UnknownQueryKeys\(query, \{([^}]*)\}\))");
  static const std::regex quoted(R"re("([a-z_]+)")re");
  const auto ops = Operations();
  for (const auto& [op, signature] : kHandlers) {
    SCOPED_TRACE(op);
    Names read;
    if (!signature.empty()) {
      const std::string body = FunctionBody(desk, signature);
      std::smatch m;
      if (std::regex_search(body, m, allowed)) {
        const std::string list = m[1].str();
        for (auto it = std::sregex_iterator(list.begin(), list.end(), quoted);
             it != std::sregex_iterator(); ++it) {
          read.insert((*it)[1].str());
        }
      }
    }
    Names documented;
    ASSERT_TRUE(ops.at(op)["parameters"].IsDefined());
    for (const auto& p : ops.at(op)["parameters"]) {
      const YAML::Node param = Resolve(p);
      if (param["in"].as<std::string>() == "query")
        documented.insert(param["name"].as<std::string>());
    }
    EXPECT_EQ(documented, read);
  }
  // The events page bounds: number("after", default, max) and number("limit", default, max).
  const std::string events = FunctionBody(desk, "Reply Desk::Events(");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(events, m, std::regex(R"(number\("limit", (\d+), (\d+),)")));
  YAML::Node limit(YAML::NodeType::Undefined);
  YAML::Node after(YAML::NodeType::Undefined);
  for (const auto& p : ops.at("GET /v1/companies/{code}/events")["parameters"]) {
    const YAML::Node param = Resolve(p);
    if (param["name"].as<std::string>() == "limit") limit.reset(param["schema"]);
    if (param["name"].as<std::string>() == "after") after.reset(param["schema"]);
  }
  ASSERT_TRUE(limit.IsDefined() && after.IsDefined());
  EXPECT_EQ(limit["default"].as<std::string>(), m[1].str());
  EXPECT_EQ(limit["maximum"].as<std::string>(), m[2].str());
  EXPECT_NE(events.find("limit < 1"), std::string::npos);  // the handler refuses 0
  EXPECT_EQ(limit["minimum"].as<int>(), 1);
  ASSERT_TRUE(std::regex_search(events, m, std::regex(R"(number\("after", (\d+), )")));
  EXPECT_EQ(after["default"].as<std::string>(), m[1].str());
  EXPECT_EQ(after["minimum"].as<int>(), 0);
}

}  // namespace
}  // namespace reducheck
