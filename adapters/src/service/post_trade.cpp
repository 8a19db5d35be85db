#include "service/post_trade.h"

#include <algorithm>
#include <string_view>

namespace reducheck::service {

namespace {

using Json = nlohmann::ordered_json;

std::string Str(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t Int(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// The announcement kind that discharges an obligation kind ("" for obligations that are not
// announcements of the holder's, e.g. trading_freeze).
std::string_view AnsweringAnnouncement(std::string_view obligation) {
  if (obligation == "report_1pct_change") return "one_percent_notice";
  if (obligation == "equity_change_report") return "equity_change_report";
  if (obligation == "plan_completion_report") return "completion_report";
  if (obligation == "plan_progress_report") return "progress_report";
  return "";
}

void AppendCsvField(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (const char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::optional<Json> AlertFromEvent(const store::EventRow& event) {
  if (event.kind != "execution") return std::nullopt;
  const Json ack = Json::parse(event.response, nullptr, /*allow_exceptions=*/false);
  if (!ack.is_object() || !ack.value("breach", false)) return std::nullopt;
  const Json& verdict = ack["verdict"];
  Json alert = Json::object();
  alert["seq"] = event.seq;
  alert["company"] = event.company;
  alert["reference_version"] = event.ref_version;
  alert["idempotency_key"] = event.idempotency_key;
  alert["recorded_at"] = event.recorded_at;
  alert["execution"] = ack["input"];
  alert["verdict"] = verdict.value("verdict", "fail");
  alert["violations"] = verdict.contains("violations") ? verdict["violations"] : Json::array();
  alert["obligations"] = verdict.contains("obligations") ? verdict["obligations"] : Json::array();
  alert["penalty"] = verdict.contains("penalty") ? verdict["penalty"] : Json(nullptr);
  alert["rule_pack"] = verdict.contains("rule_pack") ? verdict["rule_pack"] : Json(nullptr);
  return alert;
}

void CollectDueObligations(const std::vector<store::EventRow>& events,
                           const std::string& due_before, std::vector<DueObligation>& out) {
  const std::size_t first = out.size();
  for (const store::EventRow& e : events) {
    const Json input = Json::parse(e.payload, nullptr, false);
    if (!input.is_object()) continue;
    if (e.kind == "announcement") {
      // Marks the open obligations of this holder that the announcement answers.
      const std::string kind = Str(input, "kind");
      const std::string holder = Str(input, "holder");
      for (std::size_t i = first; i < out.size(); ++i) {
        DueObligation& o = out[i];
        if (o.announced_seq == 0 && o.holder == holder && AnsweringAnnouncement(o.kind) == kind &&
            o.trigger_seq < e.seq) {
          o.announced_seq = e.seq;
        }
      }
      continue;
    }
    if (e.kind != "execution") continue;
    const Json ack = Json::parse(e.response, nullptr, false);
    if (!ack.is_object() || !ack.contains("verdict") || !ack["verdict"].is_object()) continue;
    const Json& obligations = ack["verdict"]["obligations"];
    if (!obligations.is_array()) continue;
    for (const Json& ob : obligations) {
      const std::string due = Str(ob, "due");
      if (due.empty()) continue;                              // not an announcement with a deadline
      if (!due_before.empty() && due > due_before) continue;  // ISO dates compare as text
      DueObligation o;
      o.due = due;
      o.kind = Str(ob, "kind");
      o.company = e.company;
      o.holder = Str(input, "holder");
      o.rule = Str(ob, "rule");
      o.threshold_pct = Str(ob, "threshold_pct");
      o.trigger_seq = e.seq;
      o.trigger_date = Str(input, "date");
      o.trigger_method = Str(input, "method");
      o.trigger_shares = Int(input, "shares");
      o.trigger_key = e.idempotency_key;
      out.push_back(std::move(o));
    }
  }
}

Json ObligationJson(const DueObligation& o) {
  Json j = Json::object();
  j["due"] = o.due;
  j["kind"] = o.kind;
  j["company"] = o.company;
  j["holder"] = o.holder;
  j["rule"] = o.rule;
  j["threshold_pct"] = o.threshold_pct.empty() ? Json(nullptr) : Json(o.threshold_pct);
  j["status"] = o.announced_seq != 0 ? "announced" : "open";
  j["announcement_seq"] = o.announced_seq != 0 ? Json(o.announced_seq) : Json(nullptr);
  Json trigger = Json::object();
  trigger["kind"] = "execution";
  trigger["seq"] = o.trigger_seq;
  trigger["date"] = o.trigger_date;
  trigger["method"] = o.trigger_method;
  trigger["shares"] = o.trigger_shares;
  trigger["idempotency_key"] = o.trigger_key;
  j["trigger"] = trigger;
  return j;
}

std::string ObligationsCsv(const std::vector<DueObligation>& obligations) {
  std::string out =
      "due,kind,company,holder,rule,threshold_pct,status,announcement_seq,trigger_seq,"
      "trigger_date,trigger_method,trigger_shares,trigger_idempotency_key\r\n";
  for (const DueObligation& o : obligations) {
    for (const std::string_view v : {std::string_view(o.due), std::string_view(o.kind),
                                     std::string_view(o.company), std::string_view(o.holder),
                                     std::string_view(o.rule), std::string_view(o.threshold_pct)}) {
      AppendCsvField(out, v);
      out += ',';
    }
    out += o.announced_seq != 0 ? "announced," + std::to_string(o.announced_seq) : "open,";
    out += ',' + std::to_string(o.trigger_seq) + ',';
    AppendCsvField(out, o.trigger_date);
    out += ',';
    AppendCsvField(out, o.trigger_method);
    out += ',' + std::to_string(o.trigger_shares) + ',';
    AppendCsvField(out, o.trigger_key);
    out += "\r\n";
  }
  return out;
}

}  // namespace reducheck::service
