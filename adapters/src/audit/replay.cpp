#include "audit/replay.h"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "input/json_depth.h"
#include "input/limits.h"
#include "reducheck/adapters/verdict_render.h"
#include "service/book.h"
#include "service/request_json.h"

namespace reducheck::audit {

namespace {

using Json = nlohmann::json;

std::string Field(const Json& v, const char* key) {
  return v.contains(key) ? v[key].dump() : std::string("null");
}

std::string RuleIds(const Json& verdict) {
  std::string ids;
  if (verdict.contains("violations") && verdict["violations"].is_array()) {
    for (const auto& v : verdict["violations"]) {
      if (!ids.empty()) ids += ",";
      ids += v.value("rule", "?");
    }
  }
  return "[" + ids + "]";
}

std::string Summarize(const Json& before, const Json& after) {
  std::string s;
  auto add = [&](const std::string& what, const std::string& a, const std::string& b) {
    if (a == b) return;
    if (!s.empty()) s += "; ";
    s += what + " " + a + " -> " + b;
  };
  add("verdict", Field(before, "verdict"), Field(after, "verdict"));
  add("violations", RuleIds(before), RuleIds(after));
  add("max_compliant_shares", Field(before, "max_compliant_shares"),
      Field(after, "max_compliant_shares"));
  add("binding_rule", Field(before, "binding_rule"), Field(after, "binding_rule"));
  add("earliest_full_date", Field(before, "earliest_full_date"),
      Field(after, "earliest_full_date"));
  add("rule_pack", Field(before, "rule_pack"), Field(after, "rule_pack"));
  if (s.empty()) s = "explanations, facts or obligations differ";
  return s;
}

struct ReplayBook {
  std::shared_ptr<service::Book> book;
};

}  // namespace

ReplayReport Replay(LogLines& log, const store::StateStore& store, const Evaluator& evaluator,
                    const std::string& rules_digest) {
  ReplayReport report;
  std::map<std::string, std::shared_ptr<service::Book>> books;
  std::string line;
  Verdict verdict;
  Evaluator::Scratch scratch;
  std::string location;
  bool complete = true;
  while (log.Next(line, location, complete)) {
    ++report.lines;
    if (!complete || input::JsonNestingExceeds(line, input::kMaxNestingDepth)) continue;
    const auto j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("type", "") != "check") continue;
    ++report.decisions;
    const std::string& where = location;
    if (!j.contains("company") || !j.contains("reference_version") || !j.contains("event_seq") ||
        !j.contains("input") || !j.contains("verdict")) {
      report.problems.push_back(where +
                                ": a check line without company, reference_version, "
                                "event_seq, input or verdict");
      continue;
    }
    if (j.value("rules_sha256", "") != rules_digest) ++report.other_rules;
    const std::string company = j["company"].get<std::string>();
    const auto ref_version = j["reference_version"].get<std::int64_t>();
    const auto event_seq = j["event_seq"].get<std::int64_t>();

    std::shared_ptr<service::Book>& book = books[company];
    if (!book || book->ref_version != ref_version || book->last_event_seq > event_seq) {
      Result<std::optional<store::ReferenceRow>> ref = store.Reference(company, ref_version);
      if (!ref.ok() || !ref.value()) {
        report.problems.push_back(where + ": the database has no reference version " +
                                  std::to_string(ref_version) + " of company " + company);
        book.reset();
        continue;
      }
      Result<std::shared_ptr<service::Book>> built =
          service::BuildBook(evaluator, *ref.value(), {});
      if (!built.ok()) {
        report.problems.push_back(where + ": " + built.status().message());
        book.reset();
        continue;
      }
      book = built.value();
    }
    if (book->last_event_seq < event_seq) {
      Result<std::vector<store::EventRow>> events =
          store.Events(company, ref_version, event_seq, book->last_event_seq);
      if (!events.ok()) {
        report.problems.push_back(where + ": " + events.status().message());
        continue;
      }
      bool failed = false;
      for (const store::EventRow& e : events.value()) {
        if (Status st = service::ApplyEvent(e, *book->ledger); !st.ok()) {
          report.problems.push_back(where + ": " + st.message());
          failed = true;
          break;
        }
        book->last_event_seq = e.seq;
      }
      if (failed) {
        book.reset();
        continue;
      }
      if (book->last_event_seq != event_seq) {
        report.problems.push_back(where + ": the database has no event " +
                                  std::to_string(event_seq) + " for company " + company);
        book.reset();
        continue;
      }
    }
    auto parsed = service::ParseOrderRequest(j["input"].dump(), service::OrderKind::kCheck);
    if (!parsed.value) {
      report.problems.push_back(where + ": the logged input is not a valid order");
      continue;
    }
    const Order& order = parsed.value->order;
    ReplayDifference diff;
    diff.line = report.lines;
    diff.where = location;
    diff.request_id = j.value("request_id", "");
    diff.logged = j["verdict"].dump();
    const Status st = evaluator.Check(order, *book->ledger, verdict, scratch, book->pinned_pack);
    if (!st.ok()) {
      diff.replayed = "error: " + st.message();
      diff.summary = "the order can no longer be evaluated: " + st.message();
      report.differences.push_back(std::move(diff));
      continue;
    }
    adapters::CheckedOrder checked{&order, verdict};
    const Json now = Json::parse(adapters::RenderVerdictJsonCompact(checked));
    if (now == j["verdict"]) {
      ++report.identical;
      continue;
    }
    diff.replayed = now.dump();
    diff.summary = Summarize(j["verdict"], now);
    report.differences.push_back(std::move(diff));
  }
  if (!log.error().empty()) report.problems.push_back(log.error());
  return report;
}

}  // namespace reducheck::audit
