#include "service/request_json.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "audit/audit_log.h"
#include "input/date.h"
#include "input/json_depth.h"
#include "input/limits.h"
#include "input/text.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/verdict_render.h"
#include "yaml/yaml_fields.h"

namespace reducheck::service {

namespace {

using Json = nlohmann::json;

std::string TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a number with a fraction or exponent";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

// Parses `body` as one JSON object, reporting syntax errors and duplicate keys.
std::optional<Json> ParseObject(std::string_view body, std::vector<FieldProblem>& problems) {
  if (body.empty()) {
    problems.push_back({"", "the request body is empty; expected a JSON object"});
    return std::nullopt;
  }
  // Before parsing: nothing below (parser, dump in messages, destructor) may recurse over an
  // input-controlled depth.
  if (std::string deep = input::JsonNestingProblem(body); !deep.empty()) {
    problems.push_back({"", "the JSON is " + deep});
    return std::nullopt;
  }
  // Duplicate keys: nlohmann keeps the last silently. Count keys per object and compare with
  // the object's size when it closes (cheap, the hot path); only on a mismatch parse again to
  // name the key.
  std::vector<size_t> keys;
  bool has_duplicate = false;
  const Json::parser_callback_t count = [&](int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        keys.push_back(0);
        break;
      case Json::parse_event_t::key:
        ++keys.back();
        break;
      case Json::parse_event_t::object_end:
        has_duplicate = has_duplicate || keys.back() != parsed.size();
        keys.pop_back();
        break;
      default:
        break;
    }
    return true;
  };
  Json root;
  try {
    root = Json::parse(body.begin(), body.end(), count);
  } catch (const Json::exception& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 9: ..." -> after "] "
    const size_t cut = what.find("] ");
    problems.push_back(
        {"", "malformed JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2))});
    return std::nullopt;
  }
  if (has_duplicate) {
    std::vector<std::set<std::string>> seen;
    std::string duplicate;
    const Json::parser_callback_t name = [&](int, Json::parse_event_t event, Json& parsed) {
      if (event == Json::parse_event_t::object_start) seen.emplace_back();
      if (event == Json::parse_event_t::object_end) seen.pop_back();
      if (event == Json::parse_event_t::key &&
          !seen.back().insert(parsed.get<std::string>()).second && duplicate.empty()) {
        duplicate = parsed.get<std::string>();
      }
      return true;
    };
    const Json again = Json::parse(body.begin(), body.end(), name);
    (void)again;
    problems.push_back({duplicate, "the key appears twice; give each field once"});
    return std::nullopt;
  }
  if (!root.is_object()) {
    problems.push_back({"", "expected a JSON object, got " + TypeName(root)});
    return std::nullopt;
  }
  return root;
}

// Reads the fields of one object, collecting problems.
class Reader {
 public:
  Reader(const Json& object, std::vector<FieldProblem>& problems)
      : o_(object), problems_(problems) {}

  void AllowOnly(std::initializer_list<std::string_view> keys) {
    const std::vector<std::string_view> allowed(keys);
    for (const auto& [key, value] : o_.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string message = "unknown field";
      const std::string hint = adapters::ClosestMatch(key, allowed);
      if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
      std::string list;
      for (const auto k : allowed) list += (list.empty() ? "" : ", ") + std::string(k);
      problems_.push_back({key, message + " (allowed: " + list + ")"});
    }
  }

  const Json* Get(std::string_view key, bool required) {
    const auto it = o_.find(key);
    if (it == o_.end() || it->is_null()) {
      if (required) problems_.push_back({std::string(key), "required field is missing"});
      return nullptr;
    }
    return &*it;
  }

  // An identifier (id, company, holder): a non-empty string within input/text.h's rules.
  std::optional<std::string> Id(std::string_view key, bool required) {
    const Json* v = Get(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
      Report(key, "expected a non-empty string, got " + Shown(*v));
      return std::nullopt;
    }
    if (std::string problem = input::IdProblem(v->get_ref<const std::string&>());
        !problem.empty()) {
      Report(key, std::move(problem));
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  std::optional<Date> DateField(std::string_view key, bool required) {
    const Json* v = Get(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      Report(key, "expected a date string YYYY-MM-DD, got " + Shown(*v));
      return std::nullopt;
    }
    std::string error;
    auto d = input::ParseIsoDate(v->get_ref<const std::string&>(), &error);
    if (!d) Report(key, error);
    return d;
  }

  std::optional<Shares> Count(std::string_view key, bool required) {
    const Json* v = Get(key, required);
    if (v == nullptr) return std::nullopt;
    // The same bound as every reader (input/limits.h): 1 .. 10^15 shares.
    if (v->is_number_unsigned() || v->is_number_integer()) {
      const bool positive =
          v->is_number_unsigned() ? v->get<std::uint64_t>() > 0 : v->get<std::int64_t>() > 0;
      if (!positive) {
        Report(key, "expected a positive whole number of shares, got " + v->dump());
        return std::nullopt;
      }
      if (v->get<std::uint64_t>() > static_cast<std::uint64_t>(input::kMaxShares)) {
        Report(key, "is too large: at most " + std::to_string(input::kMaxShares) + " shares, got " +
                        v->dump());
        return std::nullopt;
      }
      return static_cast<Shares>(v->get<std::uint64_t>());
    }
    Report(key, "expected a positive whole number of shares (a JSON integer), got " + Shown(*v));
    return std::nullopt;
  }

  std::optional<Money> Amount(std::string_view key, bool positive) {
    const Json* v = Get(key, false);
    if (v == nullptr) return std::nullopt;
    std::optional<Money> m;
    if (v->is_string()) {
      m = Money::Parse(v->get_ref<const std::string&>());
    } else if (v->is_number_integer() || v->is_number_unsigned()) {
      m = Money::Parse(v->dump());
    } else if (v->is_number_float()) {
      Report(key, "give the amount as a decimal string (e.g. \"31.10\") so it stays exact; got " +
                      v->dump());
      return std::nullopt;
    }
    if (!m || (positive ? m->units() <= 0 : m->units() < 0)) {
      Report(key, std::string("expected ") + (positive ? "a positive" : "a non-negative") +
                      " RMB amount with at most 4 decimals, e.g. \"31.10\"; got " + Shown(*v));
      return std::nullopt;
    }
    return m;
  }

  template <typename E>
  std::optional<E> Enum(std::string_view key, bool required,
                        std::optional<E> (*parse)(std::string_view), std::initializer_list<E> all) {
    const Json* v = Get(key, required);
    if (v == nullptr) return std::nullopt;
    return EnumValue(*v, std::string(key), parse, all);
  }

  template <typename E>
  std::optional<E> EnumValue(const Json& v, const std::string& field,
                             std::optional<E> (*parse)(std::string_view),
                             std::initializer_list<E> all) {
    std::vector<std::string_view> names;
    for (E e : all) names.push_back(Name(e));
    std::string list;
    for (const auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
    if (!v.is_string()) {
      problems_.push_back({field, "expected one of " + list + "; got " + Shown(v)});
      return std::nullopt;
    }
    const auto& s = v.get_ref<const std::string&>();
    if (auto e = parse(s)) return e;
    std::string message = "unknown value \"" + s + "\"";
    const std::string hint = adapters::ClosestMatch(s, names);
    if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
    problems_.push_back({field, message + " (expected one of " + list + ")"});
    return std::nullopt;
  }

  void Report(std::string_view key, std::string message) {
    problems_.push_back({std::string(key), std::move(message)});
  }
  size_t problem_count() const { return problems_.size(); }

  static std::string Shown(const Json& v) {
    std::string text = v.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return TypeName(v) + " " + text;
  }

 private:
  const Json& o_;
  std::vector<FieldProblem>& problems_;
};

constexpr std::initializer_list<Method> kMethods = {Method::kCentralizedBidding,
                                                    Method::kBlockTrade, Method::kAgreementTransfer,
                                                    Method::kInquiryTransfer};

std::string DateText(Date d) { return adapters::FormatDate(d); }

}  // namespace

Parsed<OrderRequest> ParseOrderRequest(std::string_view body, OrderKind kind) {
  Parsed<OrderRequest> out;
  const std::optional<Json> root = ParseObject(body, out.problems);
  if (!root) return out;
  Reader r(*root, out.problems);
  r.AllowOnly({"id", "company", "holder", "date", "method", "shares", "price", "gain_estimate"});
  OrderRequest req;
  auto id = r.Id("id", kind == OrderKind::kCheck);
  req.company = r.Id("company", false);
  auto holder = r.Id("holder", true);
  auto date = r.DateField("date", true);
  auto method = r.Enum<Method>("method", true, &ParseMethod, kMethods);
  auto shares = r.Count("shares", true);
  req.order.price = r.Amount("price", true);
  req.order.gain_estimate = r.Amount("gain_estimate", false);
  if (!out.problems.empty()) return out;
  req.order.id = id.value_or("");
  req.order.holder = *holder;
  req.order.date = *date;
  req.order.method = *method;
  req.order.shares = *shares;
  out.value = std::move(req);
  return out;
}

Parsed<AnnouncementRequest> ParseAnnouncementRequest(std::string_view body) {
  Parsed<AnnouncementRequest> out;
  const std::optional<Json> root = ParseObject(body, out.problems);
  if (!root) return out;
  Reader r(*root, out.problems);
  r.AllowOnly({"company", "holder", "kind", "published", "window_start", "window_end", "max_shares",
               "methods"});
  AnnouncementRequest req;
  req.company = r.Id("company", false);
  auto holder = r.Id("holder", true);
  auto kind = r.Enum<AnnouncementKind>(
      "kind", true, &ParseAnnouncementKind,
      {AnnouncementKind::kReductionPlan, AnnouncementKind::kEquityChangeReport,
       AnnouncementKind::kCompletionReport, AnnouncementKind::kProgressReport,
       AnnouncementKind::kOnePercentNotice});
  auto published = r.DateField("published", true);
  Announcement& a = req.announcement;
  if (kind == AnnouncementKind::kReductionPlan) {
    a.window_start = r.DateField("window_start", false);
    a.window_end = r.DateField("window_end", false);
    a.max_shares = r.Count("max_shares", true);
    if (const Json* methods = r.Get("methods", true)) {
      if (!methods->is_array() || methods->empty()) {
        r.Report("methods",
                 "expected a non-empty array of methods, got " + Reader::Shown(*methods));
      } else {
        for (size_t i = 0; i < methods->size(); ++i) {
          auto m = r.EnumValue<Method>((*methods)[i], "methods[" + std::to_string(i) + "]",
                                       &ParseMethod, kMethods);
          if (m && std::find(a.methods.begin(), a.methods.end(), *m) == a.methods.end()) {
            a.methods.push_back(*m);
          }
        }
      }
    }
    if (a.window_start && a.window_end && *a.window_end < *a.window_start) {
      r.Report("window_end", "window_end " + DateText(*a.window_end) + " is before window_start " +
                                 DateText(*a.window_start));
    }
  } else if (kind) {
    for (const char* key : {"window_start", "window_end", "max_shares", "methods"}) {
      if (root->contains(key)) {
        r.Report(key, "applies to reduction_plan announcements only, not to a " +
                          std::string(Name(*kind)) + " announcement");
      }
    }
  }
  if (!out.problems.empty()) return out;
  a.holder = *holder;
  a.kind = *kind;
  a.published = *published;
  out.value = std::move(req);
  return out;
}

std::string CanonicalOrder(std::string_view company, const Order& order) {
  // Written by hand in nlohmann's sorted-key, compact form (the hot path of every check);
  // request_json_test checks it against nlohmann's own dump.
  std::string out;
  out.reserve(192);
  out += "{\"company\":";
  audit::AppendJsonString(out, company);
  out += ",\"date\":\"";
  out += DateText(order.date);
  out += '"';
  if (order.gain_estimate) {
    out += ",\"gain_estimate\":\"";
    out += adapters::FormatMoney(*order.gain_estimate);
    out += '"';
  }
  out += ",\"holder\":";
  audit::AppendJsonString(out, order.holder);
  if (!order.id.empty()) {
    out += ",\"id\":";
    audit::AppendJsonString(out, order.id);
  }
  out += ",\"method\":\"";
  out += Name(order.method);
  out += '"';
  if (order.price) {
    out += ",\"price\":\"";
    out += adapters::FormatMoney(*order.price);
    out += '"';
  }
  out += ",\"shares\":";
  out += std::to_string(order.shares);
  out += '}';
  return out;
}

std::string CanonicalAnnouncement(std::string_view company, const Announcement& a) {
  Json j = Json::object();
  j["company"] = company;
  j["holder"] = a.holder;
  j["kind"] = Name(a.kind);
  if (a.max_shares) j["max_shares"] = *a.max_shares;
  if (!a.methods.empty()) {
    Json methods = Json::array();
    for (const Method m : a.methods) methods.push_back(Name(m));
    j["methods"] = methods;
  }
  j["published"] = DateText(a.published);
  if (a.window_end) j["window_end"] = DateText(*a.window_end);
  if (a.window_start) j["window_start"] = DateText(*a.window_start);
  return j.dump();
}

}  // namespace reducheck::service
