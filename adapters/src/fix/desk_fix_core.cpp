#include "fix/desk_fix_core.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/money.h"
#include "reducheck/engine/rule_info.h"
#include "yaml/yaml_fields.h"

namespace reducheck::fix {

namespace {

std::optional<Method> MethodNamed(const std::string& name) {
  for (const Method m : {Method::kCentralizedBidding, Method::kBlockTrade,
                         Method::kAgreementTransfer, Method::kInquiryTransfer}) {
    if (Name(m) == name) return m;
  }
  return std::nullopt;
}

// The "message" of a desk error body, or the body itself.
std::string ErrorMessage(const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_object() && j.contains("message") && j["message"].is_string())
    return j["message"].get<std::string>();
  return body;
}

}  // namespace

std::string RejectText(const Verdict& verdict) {
  std::string text = "reducheck ";
  text += OutcomeName(verdict.outcome);
  text += ':';
  for (const Violation& v : verdict.violations) {
    text += ' ';
    text += v.rule->id;
    text += " cat";
    text += std::to_string(static_cast<int>(v.category));
    text += ' ';
    text += CategoryName(v.category);
    text += ';';
  }
  for (const UnknownFinding& u : verdict.unknown) {
    text += ' ';
    text += u.rule->id;
    text += " undecided;";
  }
  text += " max passing qty ";
  text += std::to_string(verdict.max_compliant_shares);
  if (verdict.earliest_full_date) {
    text += "; full qty from ";
    text += adapters::FormatDate(*verdict.earliest_full_date);
  }
  return text;
}

CheckAnswer DeskFixCore::CheckSell(const SellOrder& in) {
  CheckAnswer answer;
  thread_local adapters::CheckedOrder checked;
  thread_local Evaluator::Scratch scratch;
  thread_local Order order;
  std::string error;
  const auto date = adapters_internal::ParseIsoDate(in.date, &error);
  const auto method = MethodNamed(in.method);
  if (!date || !method) {
    answer.text = "reducheck undecidable: " + (date ? "unknown method " + in.method : error);
    return answer;
  }
  order.id = in.order_id;
  order.holder = in.holder;
  order.date = *date;
  order.method = *method;
  order.shares = in.shares;
  order.price.reset();
  if (!in.price.empty()) {
    order.price = Money::Parse(in.price);
    if (!order.price) {
      answer.text = "reducheck undecidable: price " + in.price + " is not a decimal amount";
      return answer;
    }
  }
  std::string problem;
  if (!desk_.CheckDirect(in.company, order, checked, scratch, problem)) {
    answer.text = "reducheck undecidable: " + ErrorMessage(problem);
    return answer;
  }
  if (checked.verdict.outcome == Outcome::kPass) {
    answer.pass = true;
    return answer;
  }
  answer.text = RejectText(checked.verdict);
  return answer;
}

FillAnswer DeskFixCore::RecordFill(const Fill& fill) {
  FillAnswer answer;
  nlohmann::json body = nlohmann::json::object();
  body["id"] = fill.exec_id;
  body["company"] = fill.company;
  body["holder"] = fill.holder;
  body["date"] = fill.date;
  body["method"] = fill.method;
  body["shares"] = fill.shares;
  if (!fill.price.empty()) body["price"] = fill.price;
  const std::string text = body.dump();
  const std::string key = "fix:" + fill.exec_id;
  service::Request request;
  request.method = "POST";
  // A sale is an execution (it draws on the lots and is judged); a buy is a purchase (a new
  // lot, which the short-swing rule looks back on).
  request.target = fill.sell ? "/v1/executions" : "/v1/purchases";
  request.body = text;
  request.content_type = "application/json";
  request.authorization = token_;
  request.idempotency_key = key;
  const service::Reply reply = desk_.Handle(request);
  if (reply.status != 201 && reply.status != 200) {
    answer.error = std::to_string(reply.status) + " " + ErrorMessage(reply.body);
    // 503: the store or the audit log cannot be written now; 500: a fault of ours. Either may
    // pass; the fill itself may be fine. A 4xx is about the fill and will not change.
    answer.retry = reply.status >= 500;
    return answer;
  }
  answer.recorded = true;
  answer.replayed = reply.status == 200;
  const auto ack = nlohmann::json::parse(reply.body, nullptr, false);
  answer.breach = ack.is_object() && ack.value("breach", false);
  if (answer.breach) log_(1, "fill " + fill.exec_id + " broke a rule: see GET /v1/alerts");
  return answer;
}

}  // namespace reducheck::fix
