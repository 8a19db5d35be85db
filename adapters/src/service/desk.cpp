#include "service/desk.h"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>

#include "audit/sha256.h"
#include "input/limits.h"
#include "input/text.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/rule_info.h"
#include "service/post_trade.h"
#include "service/request_json.h"
#include "yaml/yaml_fields.h"

namespace reducheck::service {

namespace {

using Json = nlohmann::ordered_json;

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Date TodayInChina() {
  // China Standard Time is UTC+8 all year (no daylight saving).
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(8);
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return Date(static_cast<unsigned short>(tm.tm_year + 1900),
              static_cast<unsigned short>(tm.tm_mon + 1), static_cast<unsigned short>(tm.tm_mday));
}

Reply JsonReply(int status, const Json& body) {
  // Input is validated as UTF-8 at the edge; `replace` only makes sure a reply is always JSON.
  return Reply{status,
               body.dump(-1, ' ', false, Json::error_handler_t::replace),
               "application/json",
               {},
               false,
               {}};
}

Reply Error(int status, std::string_view code, const std::string& message,
            const std::vector<FieldProblem>& problems = {}) {
  Json body = Json::object();
  body["error"] = code;
  body["message"] = message;
  if (!problems.empty()) {
    Json list = Json::array();
    for (const FieldProblem& p : problems)
      list.push_back({{"field", p.field}, {"message", p.message}});
    body["problems"] = list;
  }
  return JsonReply(status, body);
}

Reply BadRequest(const std::vector<FieldProblem>& problems) {
  std::string message;
  for (const FieldProblem& p : problems) {
    if (!message.empty()) message += "; ";
    message += p.field.empty() ? p.message : p.field + ": " + p.message;
  }
  return Error(400, "bad_request", message, problems);
}

// An engine status as an HTTP reply.
Reply StatusReply(const Status& st) {
  switch (st.code()) {
    case StatusCode::kInvalidInput:
      return Error(422, "unprocessable", st.message());
    case StatusCode::kNotFound:
      return Error(404, "not_found", st.message());
    case StatusCode::kOutOfRange:
      return Error(422, "out_of_range", st.message());
    default:
      return Error(500, "internal", st.message());
  }
}

// %XX decoding; '+' is a space only in a query string (form encoding), not in a path.
std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int hi = hex(s[i + 1]);
      const int lo = hex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && s[i] == '+' ? ' ' : s[i]);
  }
  return out;
}

// The value of `key` in a query string, percent-decoded; nullopt when absent.
std::optional<std::string> QueryParam(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) {
      return eq == std::string_view::npos ? std::string()
                                          : PercentDecode(pair.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

// Query keys outside `allowed`, as problems.
std::vector<FieldProblem> UnknownQueryKeys(std::string_view query,
                                           std::initializer_list<std::string_view> allowed) {
  std::vector<FieldProblem> problems;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::string_view key = pair.substr(0, pair.find('='));
    if (!key.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (const auto k : allowed) list += (list.empty() ? "" : ", ") + std::string(k);
      problems.push_back(
          {std::string(key), list.empty() ? "this endpoint takes no query parameters"
                                          : "unknown query parameter (allowed: " + list + ")"});
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return problems;
}

std::vector<std::string> PathSegments(std::string_view path) {
  std::vector<std::string> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const size_t slash = path.find('/');
    segments.push_back(PercentDecode(path.substr(0, slash), false));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return segments;
}

// The media type of a Content-Type header, lower-cased, without parameters or spaces.
std::string MediaType(std::string_view content_type) {
  std::string_view base = content_type.substr(0, content_type.find(';'));
  while (!base.empty() && (base.front() == ' ' || base.front() == '\t')) base.remove_prefix(1);
  while (!base.empty() && (base.back() == ' ' || base.back() == '\t')) base.remove_suffix(1);
  std::string out(base);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsJson(std::string_view content_type) { return MediaType(content_type) == "application/json"; }

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const char x = i < a.size() ? a[i] : 0;
    const char y = i < b.size() ? b[i] : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

bool ValidKey(std::string_view key, size_t max) {
  if (key.empty() || key.size() > max) return false;
  for (const char c : key) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

Shares Holding(const Holder& h) {
  Shares total = 0;
  for (const Lot& l : h.lots) total += l.shares;
  return total;
}

Json LotsJson(const Holder& h) {
  Json lots = Json::array();
  for (const Lot& l : h.lots) {
    Json lot = Json::object();
    lot["id"] = l.id;
    lot["shares"] = l.shares;
    lot["source"] = Name(l.source);
    lot["acquired"] = l.acquired ? Json(adapters::FormatDate(*l.acquired)) : Json(nullptr);
    if (l.lockup_until) lot["lockup_until"] = adapters::FormatDate(*l.lockup_until);
    lots.push_back(lot);
  }
  return lots;
}

}  // namespace

Desk::Desk(const Evaluator& evaluator, store::StateStore& store, audit::AuditLog* audit,
           DeskOptions options)
    : evaluator_(evaluator), store_(store), audit_(audit), options_(std::move(options)) {
  if (!options_.today) options_.today = &TodayInChina;
  char prefix[32];
  std::snprintf(
      prefix, sizeof prefix, "%llx-",
      static_cast<unsigned long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count()));
  request_prefix_ = prefix;
}

Result<std::unique_ptr<Desk>> Desk::Open(const Evaluator& evaluator, store::StateStore& store,
                                         audit::AuditLog* audit, DeskOptions options) {
  std::unique_ptr<Desk> desk(new Desk(evaluator, store, audit, std::move(options)));
  Result<std::vector<store::ReferenceRow>> refs = store.LatestReferences();
  if (!refs.ok()) return refs.status();
  for (const store::ReferenceRow& ref : refs.value()) {
    Result<std::vector<store::EventRow>> events = store.Events(ref.company, ref.version);
    if (!events.ok()) return events.status();
    Result<std::shared_ptr<Book>> book = BuildBook(evaluator, ref, events.value());
    if (!book.ok()) {
      return Internal(store.path() + ": stored state of " + ref.company + " (reference version " +
                      std::to_string(ref.version) +
                      ") does not rebuild: " + book.status().message());
    }
    for (const Holder& h : book.value()->ledger->holders()) {
      desk->holder_companies_[h.id].push_back(ref.company);
    }
    desk->books_[ref.company] = std::move(book).value();
  }
  return desk;
}

bool Desk::IsWrite(std::string_view method, std::string_view target) {
  if (method == "PUT") return true;
  if (method != "POST") return false;
  const std::string_view path = target.substr(0, target.find('?'));
  return path != "/v1/check";
}

std::string Desk::NextRequestId(std::string_view given) {
  bool ok = !given.empty() && given.size() <= input::kMaxRequestIdBytes;
  for (const char c : given) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
                c == ':');
  }
  if (ok) return std::string(given);
  return request_prefix_ +
         std::to_string(request_counter_.fetch_add(1, std::memory_order_relaxed) + 1);
}

std::optional<std::string> Desk::CalendarWarning() const {
  const TradingCalendar& cal = evaluator_.calendar();
  const Date today = options_.today();
  const Date end = cal.last_official_day();
  const long days = (end - today).days();
  if (days > kCalendarWarningDays) return std::nullopt;
  std::string w = days >= 0 ? "the official trading calendar ends on " + adapters::FormatDate(end) +
                                  " (in " + std::to_string(days) + " days)"
                            : "the official trading calendar ended on " + adapters::FormatDate(end);
  w += cal.has_provisional()
           ? "; later dates use the provisional calendar (to " +
                 adapters::FormatDate(cal.last_day()) + ") and carry a calendar caveat"
           : "; later dates cannot be checked";
  w += ". Replace the year with the official notice (docs/calendar-format.md, calendar verify)";
  return w;
}

std::string Desk::CalendarGauges() const {
  const TradingCalendar& cal = evaluator_.calendar();
  auto yyyymmdd = [](Date d) {
    return std::to_string(d.year() * 10000 + d.month() * 100 + d.day());
  };
  std::string out =
      "# HELP reducheck_calendar_last_official_day Last day of the official trading calendar "
      "(YYYYMMDD)\n# TYPE reducheck_calendar_last_official_day gauge\n"
      "reducheck_calendar_last_official_day " +
      yyyymmdd(cal.last_official_day()) +
      "\n# HELP reducheck_calendar_last_provisional_day Last day of the provisional trading "
      "calendar (YYYYMMDD; the official last day when no year is provisional)\n"
      "# TYPE reducheck_calendar_last_provisional_day gauge\n"
      "reducheck_calendar_last_provisional_day " +
      yyyymmdd(cal.has_provisional() ? cal.last_day() : cal.last_official_day()) +
      "\n# HELP reducheck_calendar_official_days_left Days from today to the official calendar's "
      "last day (negative: ended)\n# TYPE reducheck_calendar_official_days_left gauge\n"
      "reducheck_calendar_official_days_left " +
      std::to_string((cal.last_official_day() - options_.today()).days()) + "\n";
  return out;
}

std::string Desk::AuditGauge() const {
  if (audit_ == nullptr) return {};
  return std::string(
             "# HELP reducheck_audit_writable 1 while the audit log can be written; 0 while "
             "decisions are refused because it cannot\n# TYPE reducheck_audit_writable gauge\n"
             "reducheck_audit_writable ") +
         (audit_->writable() ? "1\n" : "0\n");
}

std::optional<Reply> Desk::AuditUnavailable() const {
  if (audit_ == nullptr || audit_->writable()) return std::nullopt;
  const audit::AuditHealth h = audit_->health();
  return Error(503, "audit_unavailable",
               "the audit log cannot be written (" + h.reason + ", since " + h.since +
                   "): no decision is made or recorded until it can; the service retries every "
                   "second and serves again on its own (GET /healthz says why)");
}

void Desk::Audit(std::string_view members) {
  if (audit_ == nullptr) return;
  audit_->Append(members);
  metrics_.RecordAuditLine();
}

void Desk::AuditCheck(std::string_view channel, std::string_view request_id, const Book& book,
                      const Order& order, std::string_view verdict_json) {
  if (audit_ == nullptr) return;
  const std::string input = CanonicalOrder(book.company, order);
  thread_local std::string line;
  line.clear();
  line += "\"type\":\"check\"";
  if (!channel.empty()) {
    line += ",\"channel\":";
    audit::AppendJsonString(line, channel);
  }
  line += ",\"request_id\":";
  audit::AppendJsonString(line, request_id);
  line += ",\"company\":";
  audit::AppendJsonString(line, book.company);
  line += ",\"reference_version\":";
  line += std::to_string(book.ref_version);
  line += ",\"event_seq\":";
  line += std::to_string(book.last_event_seq);
  line += ",\"rules_sha256\":\"";
  line += options_.rules_digest;
  line += "\",\"calendar\":";
  audit::AppendJsonString(line, options_.calendar_id);
  line += ",\"input_sha256\":\"";
  line += audit::Sha256Hex(input);
  line += "\",\"input\":";
  line += input;
  line += ",\"verdict\":";
  line += verdict_json;
  Audit(line);
}

Reply Desk::Handle(const Request& request) {
  const auto start = std::chrono::steady_clock::now();
  service::Route route = service::Route::kOther;
  Reply reply;
  try {
    reply = Route(request, route);
  } catch (const std::exception& e) {
    // Defensive: a bug must not take the service down or leak a half reply.
    reply = Error(500, "internal", std::string("internal error: ") + e.what());
  }
  if (reply.request_id.empty()) reply.request_id = NextRequestId(request.request_id);
  const auto nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count();
  metrics_.RecordRequest(route, reply.status, nanos);
  return reply;
}

Reply Desk::Route(const Request& request, service::Route& route) {
  const std::string_view target = request.target;
  const size_t q = target.find('?');
  const std::string_view path = target.substr(0, q);
  const std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  const std::vector<std::string> seg = PathSegments(path);
  const std::string_view m = request.method;
  auto only = [&](std::string_view allowed) {
    Reply r = Error(405, "method_not_allowed",
                    std::string(m) + " is not allowed on " + std::string(path) + "; use " +
                        std::string(allowed));
    r.allow = allowed == "GET or PUT" ? "GET, PUT" : std::string(allowed);
    return r;
  };
  auto no_query = [&]() -> std::optional<Reply> {
    if (query.empty()) return std::nullopt;
    return BadRequest(UnknownQueryKeys(query, {}));
  };

  if (seg.size() == 1 && seg[0] == "healthz") {
    route = service::Route::kHealthz;
    return m == "GET" ? Health() : only("GET");
  }
  if (seg.size() == 1 && seg[0] == "metrics") {
    route = service::Route::kMetrics;
    if (m != "GET") return only("GET");
    constexpr std::string_view kText = "text/plain; version=0.0.4";
    return Reply{200, metrics_.Render() + AuditGauge() + CalendarGauges(), kText, {}, false, {}};
  }
  if (seg.size() >= 3 && seg[0] == "v1" && (seg[1] == "companies" || seg[1] == "holders")) {
    // A company code or holder id in the path: an identifier like any other (input/text.h).
    if (std::string problem = input::IdProblem(seg[2]); !problem.empty()) {
      return BadRequest({{"path", (seg[1] == "companies" ? "company code " : "holder id ") +
                                      std::string("in the path ") + problem}});
    }
  }
  if (seg.size() >= 2 && seg[0] == "v1") {
    if (seg.size() == 2 && seg[1] == "check") {
      route = service::Route::kCheck;
      if (m != "POST") return only("POST");
      if (auto r = no_query()) return *r;
      return Check(request);
    }
    if (seg.size() == 2 && seg[1] == "executions") {
      route = service::Route::kExecutions;
      if (m != "POST") return only("POST");
      if (auto r = no_query()) return *r;
      return RecordExecution(request);
    }
    if (seg.size() == 2 && seg[1] == "purchases") {
      route = service::Route::kPurchases;
      if (m != "POST") return only("POST");
      if (auto r = no_query()) return *r;
      return RecordPurchase(request);
    }
    if (seg.size() == 2 && seg[1] == "announcements") {
      route = service::Route::kAnnouncements;
      if (m != "POST") return only("POST");
      if (auto r = no_query()) return *r;
      return RecordAnnouncement(request);
    }
    if (seg[1] == "companies") {
      if (seg.size() == 2) {
        route = service::Route::kCompanies;
        if (m != "GET") return only("GET");
        if (auto r = no_query()) return *r;
        return Companies();
      }
      if (seg.size() == 3) {
        if (m == "PUT") {
          route = service::Route::kCompanyPut;
          return PutCompany(request, seg[2], query);
        }
        route = service::Route::kCompany;
        if (m != "GET") return only("GET or PUT");
        if (auto r = no_query()) return *r;
        return Company(seg[2]);
      }
      if (seg.size() == 4 && seg[3] == "holders") {
        route = service::Route::kHolders;
        if (m != "GET") return only("GET");
        if (auto r = no_query()) return *r;
        return Holders(seg[2]);
      }
      if (seg.size() == 4 && seg[3] == "events") {
        route = service::Route::kEvents;
        if (m != "GET") return only("GET");
        return Events(seg[2], query);
      }
    }
    if (seg.size() == 2 && seg[1] == "alerts") {
      route = service::Route::kAlerts;
      if (m != "GET") return only("GET");
      return Alerts(query);
    }
    if (seg.size() == 2 && seg[1] == "obligations") {
      route = service::Route::kObligations;
      if (m != "GET") return only("GET");
      return Obligations(request, query);
    }
    if (seg.size() == 4 && seg[1] == "holders" && seg[3] == "headroom") {
      route = service::Route::kHeadroom;
      if (m != "GET") return only("GET");
      return Headroom(seg[2], query);
    }
  }
  return Error(
      404, "not_found",
      "no such endpoint: " + std::string(path) +
          " (see docs/openapi.yaml: /v1/check, /v1/executions, /v1/purchases, /v1/announcements, "
          "/v1/companies, /v1/holders/{id}/headroom, /healthz, /metrics)");
}

bool Desk::Authorized(const Request& request, Reply& reply) const {
  if (options_.token.empty()) {
    reply = Error(403, "writes_disabled",
                  "this service was started without a write token (--token-file or "
                  "REDUCHECK_TOKEN), so it accepts no writes");
    return false;
  }
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view auth = request.authorization;
  if (auth.size() <= kBearer.size() || auth.substr(0, kBearer.size()) != kBearer) {
    reply = Error(401, "unauthorized",
                  "this endpoint changes state: send Authorization: Bearer <token>");
    return false;
  }
  if (!ConstantTimeEquals(auth.substr(kBearer.size()), options_.token)) {
    reply = Error(401, "unauthorized", "the bearer token is not the one this service was given");
    return false;
  }
  return true;
}

std::shared_ptr<Book> Desk::BookByCode(const std::string& code) const {
  std::shared_lock lock(books_mu_);
  const auto it = books_.find(code);
  return it == books_.end() ? nullptr : it->second;
}

std::shared_ptr<Book> Desk::FindBook(const std::optional<std::string>& company,
                                     const std::string& holder, Reply& reply) const {
  std::shared_lock lock(books_mu_);
  if (company) {
    const auto it = books_.find(*company);
    if (it == books_.end()) {
      reply = Error(404, "not_found",
                    "company: no reference data for company \"" + *company +
                        "\" (load it with PUT /v1/companies/" + *company + ")");
      return nullptr;
    }
    if (it->second->ledger->HolderIndex(holder) < 0) {
      reply = Error(404, "not_found",
                    "holder: \"" + holder + "\" is not a holder of company " + *company);
      return nullptr;
    }
    return it->second;
  }
  const auto it = holder_companies_.find(holder);
  if (it == holder_companies_.end() || it->second.empty()) {
    reply = Error(404, "not_found", "holder: no company on file has a holder \"" + holder + "\"");
    return nullptr;
  }
  if (it->second.size() > 1) {
    std::string list;
    for (const auto& c : it->second) list += (list.empty() ? "" : ", ") + c;
    reply = Error(400, "bad_request",
                  "company: holder \"" + holder + "\" holds shares of several companies (" + list +
                      "); name the company",
                  {{"company", "required when the holder id is not unique across companies"}});
    return nullptr;
  }
  return books_.at(it->second.front());
}

bool Desk::CheckDirect(const std::string& company, const Order& order,
                       adapters::CheckedOrder& checked, Evaluator::Scratch& scratch,
                       std::string& problem) {
  if (auto unavailable = AuditUnavailable()) {
    problem = unavailable->body;
    return false;
  }
  Reply refused;
  const std::shared_ptr<Book> book = FindBook(
      company.empty() ? std::nullopt : std::optional<std::string>(company), order.holder, refused);
  if (!book) {
    problem = refused.body;
    return false;
  }
  checked.order = &order;
  std::shared_lock lock(book->mu);
  const Status st =
      evaluator_.Check(order, *book->ledger, checked.verdict, scratch, book->pinned_pack);
  if (!st.ok()) {
    problem = st.message();
    return false;
  }
  if (audit_ != nullptr) {
    thread_local std::string verdict_json;
    verdict_json.clear();
    adapters::AppendVerdictJsonCompact(checked, verdict_json);
    AuditCheck("fix", NextRequestId({}), *book, order, verdict_json);
  }
  metrics_.RecordVerdict(checked.verdict);
  return true;
}

Reply Desk::Check(const Request& request) {
  if (!IsJson(request.content_type)) {
    return Error(415, "unsupported_media_type", "send the order as Content-Type: application/json");
  }
  if (auto unavailable = AuditUnavailable()) return *unavailable;
  Parsed<OrderRequest> parsed = ParseOrderRequest(request.body, OrderKind::kCheck);
  if (!parsed.value) return BadRequest(parsed.problems);
  const OrderRequest& req = *parsed.value;
  Reply reply;
  const std::shared_ptr<Book> book = FindBook(req.company, req.order.holder, reply);
  if (!book) return reply;

  thread_local adapters::CheckedOrder checked;
  thread_local Evaluator::Scratch scratch;
  checked.order = &req.order;
  reply.request_id = NextRequestId(request.request_id);
  {
    std::shared_lock lock(book->mu);
    const Status st =
        evaluator_.Check(req.order, *book->ledger, checked.verdict, scratch, book->pinned_pack);
    if (!st.ok()) return StatusReply(st);
    reply.body = adapters::RenderVerdictJsonCompact(checked);
    if (audit_ != nullptr) AuditCheck({}, reply.request_id, *book, req.order, reply.body);
  }
  metrics_.RecordVerdict(checked.verdict);
  reply.status = 200;
  return reply;
}

Reply Desk::RecordExecution(const Request& request) {
  Reply refused;
  if (!Authorized(request, refused)) return refused;
  if (auto unavailable = AuditUnavailable()) return *unavailable;
  if (!IsJson(request.content_type)) {
    return Error(415, "unsupported_media_type",
                 "send the execution as Content-Type: application/json");
  }
  if (!ValidKey(request.idempotency_key, input::kMaxIdempotencyKeyBytes)) {
    return Error(400, "bad_request",
                 "Idempotency-Key: required header (1-200 visible ASCII characters, unique per "
                 "execution; a retry with the same key is not counted twice)",
                 {{"Idempotency-Key", "required header, 1-200 visible ASCII characters"}});
  }
  Parsed<OrderRequest> parsed = ParseOrderRequest(request.body, OrderKind::kExecution);
  if (!parsed.value) return BadRequest(parsed.problems);
  const Order& order = parsed.value->order;
  Reply reply;
  reply.request_id = NextRequestId(request.request_id);
  const std::string key(request.idempotency_key);

  std::lock_guard write(write_mu_);
  const std::shared_ptr<Book> book = FindBook(parsed.value->company, order.holder, reply);
  if (!book) return reply;
  const std::string input = CanonicalOrder(book->company, order);
  const std::string digest = audit::Sha256Hex(input);
  const std::string audit_head = "\"request_id\":" + audit::JsonString(reply.request_id) +
                                 ",\"company\":" + audit::JsonString(book->company) +
                                 ",\"idempotency_key\":" + audit::JsonString(key) +
                                 ",\"input_sha256\":\"" + digest + "\",\"input\":" + input;

  if (auto stored = AnswerStoredKey(key, "execution", digest, *book, audit_head, reply)) {
    return *stored;
  }

  std::vector<LotDraw> draws;
  const Ledger& ledger = *book->ledger;  // only this writer mutates it; readers may run alongside
  if (Status st = evaluator_.AllocateDraws(order, ledger, draws, book->pinned_pack); !st.ok()) {
    Audit("\"type\":\"execution_rejected\"," + audit_head +
          ",\"reason\":" + audit::JsonString(st.message()));
    Reply r = StatusReply(st);
    r.request_id = reply.request_id;
    return r;
  }
  // The execution judged as an order on the state before it (it happened: a failing verdict
  // does not refuse it, it makes it a breach, answered with its violations and obligations).
  thread_local adapters::CheckedOrder judged;
  thread_local Evaluator::Scratch judge_scratch;
  judged.order = &order;
  const Status judge_status =
      evaluator_.Check(order, ledger, judged.verdict, judge_scratch, book->pinned_pack);
  const std::string verdict_json =
      judge_status.ok() ? adapters::RenderVerdictJsonCompact(judged) : std::string("null");
  const bool breach = judge_status.ok() && judged.verdict.outcome == Outcome::kFail;
  const Holder& holder = ledger.holder(ledger.HolderIndex(order.holder));
  const std::string draws_json = DrawsJson(holder, draws);
  const Shares holding_after = Holding(holder) - order.shares;

  store::EventRow row;
  row.company = book->company;
  row.ref_version = book->ref_version;
  row.kind = "execution";
  row.idempotency_key = key;
  row.input_sha256 = digest;
  row.payload = input;
  row.draws = draws_json;
  row.recorded_at = NowUtc();
  std::string response;
  Result<std::int64_t> seq = store_.InsertEvent(row, [&](std::int64_t s) {
    Json body = Json::object();
    body["recorded"] = "execution";
    body["seq"] = s;
    body["company"] = book->company;
    body["reference_version"] = book->ref_version;
    body["idempotency_key"] = key;
    body["input"] = Json::parse(input);
    Json lots = Json::array();
    for (const auto& d : Json::parse(draws_json)) lots.push_back({{"lot", d[0]}, {"shares", d[1]}});
    body["lots"] = lots;
    body["holding_after"] = holding_after;
    body["breach"] = breach;
    body["verdict"] = Json::parse(verdict_json);
    if (!judge_status.ok()) body["verdict_error"] = judge_status.message();
    response = body.dump();
    return response;
  });
  if (!seq.ok())
    return Error(503, "store_unavailable",
                 "the execution was NOT recorded: " + seq.status().message());
  {
    std::unique_lock lock(book->mu);
    const Status st = book->ledger->RecordSale(
        Trade{order.holder, order.date, order.method, order.shares, order.price}, draws);
    if (!st.ok()) {
      // Validated above under the same write lock, so this is a bug; the stored event stands and
      // a restart rebuilds from the store.
      return Error(500, "internal",
                   "recorded in the store but not applied in memory: " + st.message());
    }
    book->last_event_seq = seq.value();
    ++book->event_count;
    Audit("\"type\":\"execution\"," + audit_head +
          ",\"reference_version\":" + std::to_string(book->ref_version) +
          ",\"event_seq\":" + std::to_string(seq.value()) + ",\"lots\":" + draws_json);
    if (breach) {
      Audit("\"type\":\"breach\",\"request_id\":" + audit::JsonString(reply.request_id) +
            ",\"company\":" + audit::JsonString(book->company) + ",\"event_seq\":" +
            std::to_string(seq.value()) + ",\"rules_sha256\":\"" + options_.rules_digest +
            "\",\"input_sha256\":\"" + digest + "\",\"verdict\":" + verdict_json);
    }
  }
  if (breach) metrics_.RecordBreach(judged.verdict);
  reply.status = 201;
  reply.body = std::move(response);
  return reply;
}

std::optional<Reply> Desk::AnswerStoredKey(const std::string& key, std::string_view kind,
                                           const std::string& digest, const Book& book,
                                           const std::string& audit_head, Reply& reply) {
  Result<std::optional<store::EventRow>> prior = store_.FindByKey(key);
  if (!prior.ok()) return Error(503, "store_unavailable", prior.status().message());
  if (!prior.value()) return std::nullopt;
  const store::EventRow& row = *prior.value();
  if (row.input_sha256 != digest || row.kind != kind) {
    return Error(409, "idempotency_conflict",
                 "Idempotency-Key \"" + key + "\" was already used (event " +
                     std::to_string(row.seq) + ") for a different request; use a new key");
  }
  if (row.company != book.company || row.ref_version != book.ref_version) {
    return Error(409, "idempotency_superseded",
                 "Idempotency-Key \"" + key + "\" was recorded (event " + std::to_string(row.seq) +
                     ", " + row.recorded_at + ") against reference version " +
                     std::to_string(row.ref_version) + " of company " + row.company +
                     ", which has since been replaced: the newer reference data is "
                     "authoritative for holdings and history; not recorded again");
  }
  Audit("\"type\":\"" + std::string(kind) + "_retry\"," + audit_head +
        ",\"event_seq\":" + std::to_string(row.seq));
  reply.status = 200;
  reply.body = row.response;
  reply.replayed = true;
  return reply;
}

Reply Desk::RecordPurchase(const Request& request) {
  Reply refused;
  if (!Authorized(request, refused)) return refused;
  if (auto unavailable = AuditUnavailable()) return *unavailable;
  if (!IsJson(request.content_type)) {
    return Error(415, "unsupported_media_type",
                 "send the purchase as Content-Type: application/json");
  }
  if (!ValidKey(request.idempotency_key, input::kMaxIdempotencyKeyBytes)) {
    return Error(400, "bad_request",
                 "Idempotency-Key: required header (1-200 visible ASCII characters, unique per "
                 "purchase; a retry with the same key is not counted twice)",
                 {{"Idempotency-Key", "required header, 1-200 visible ASCII characters"}});
  }
  Parsed<OrderRequest> parsed = ParseOrderRequest(request.body, OrderKind::kExecution);
  if (!parsed.value) return BadRequest(parsed.problems);
  const Order& order = parsed.value->order;
  Reply reply;
  reply.request_id = NextRequestId(request.request_id);
  const std::string key(request.idempotency_key);

  std::lock_guard write(write_mu_);
  const std::shared_ptr<Book> book = FindBook(parsed.value->company, order.holder, reply);
  if (!book) return reply;
  const std::string input = CanonicalOrder(book->company, order);
  const std::string digest = audit::Sha256Hex(input);
  const std::string audit_head = "\"request_id\":" + audit::JsonString(reply.request_id) +
                                 ",\"company\":" + audit::JsonString(book->company) +
                                 ",\"idempotency_key\":" + audit::JsonString(key) +
                                 ",\"input_sha256\":\"" + digest + "\",\"input\":" + input;
  if (auto stored = AnswerStoredKey(key, "purchase", digest, *book, audit_head, reply)) {
    return *stored;
  }
  const Trade trade{order.holder, order.date, order.method, order.shares, order.price};
  Lot lot = PurchaseLot(order, key);
  const Ledger& ledger = *book->ledger;  // only this writer mutates it
  if (Status st = ledger.ValidatePurchase(trade, lot); !st.ok()) {
    Audit("\"type\":\"purchase_rejected\"," + audit_head +
          ",\"reason\":" + audit::JsonString(st.message()));
    Reply r = StatusReply(st);
    r.request_id = reply.request_id;
    return r;
  }
  const Shares holding_after =
      Holding(ledger.holder(ledger.HolderIndex(order.holder))) + order.shares;
  store::EventRow row;
  row.company = book->company;
  row.ref_version = book->ref_version;
  row.kind = "purchase";
  row.idempotency_key = key;
  row.input_sha256 = digest;
  row.payload = input;
  row.draws = "[]";
  row.recorded_at = NowUtc();
  std::string response;
  Result<std::int64_t> seq = store_.InsertEvent(row, [&](std::int64_t s) {
    Json body = Json::object();
    body["recorded"] = "purchase";
    body["seq"] = s;
    body["company"] = book->company;
    body["reference_version"] = book->ref_version;
    body["idempotency_key"] = key;
    body["input"] = Json::parse(input);
    body["lot"] = {{"id", lot.id},
                   {"shares", lot.shares},
                   {"source", Name(lot.source)},
                   {"acquired", adapters::FormatDate(*lot.acquired)}};
    body["holding_after"] = holding_after;
    response = body.dump();
    return response;
  });
  if (!seq.ok())
    return Error(503, "store_unavailable",
                 "the purchase was NOT recorded: " + seq.status().message());
  {
    std::unique_lock lock(book->mu);
    if (Status st = book->ledger->RecordPurchase(trade, std::move(lot)); !st.ok()) {
      // Validated above under the same write lock: a bug; a restart rebuilds from the store.
      return Error(500, "internal",
                   "recorded in the store but not applied in memory: " + st.message());
    }
    book->last_event_seq = seq.value();
    ++book->event_count;
    Audit("\"type\":\"purchase\"," + audit_head + ",\"reference_version\":" +
          std::to_string(book->ref_version) + ",\"event_seq\":" + std::to_string(seq.value()));
  }
  reply.status = 201;
  reply.body = std::move(response);
  return reply;
}

Reply Desk::RecordAnnouncement(const Request& request) {
  Reply refused;
  if (!Authorized(request, refused)) return refused;
  if (auto unavailable = AuditUnavailable()) return *unavailable;
  if (!IsJson(request.content_type)) {
    return Error(415, "unsupported_media_type",
                 "send the announcement as Content-Type: application/json");
  }
  if (!ValidKey(request.idempotency_key, input::kMaxIdempotencyKeyBytes)) {
    return Error(400, "bad_request",
                 "Idempotency-Key: required header (1-200 visible ASCII characters)",
                 {{"Idempotency-Key", "required header, 1-200 visible ASCII characters"}});
  }
  Parsed<AnnouncementRequest> parsed = ParseAnnouncementRequest(request.body);
  if (!parsed.value) return BadRequest(parsed.problems);
  const Announcement& a = parsed.value->announcement;
  Reply reply;
  reply.request_id = NextRequestId(request.request_id);
  const std::string key(request.idempotency_key);

  std::lock_guard write(write_mu_);
  const std::shared_ptr<Book> book = FindBook(parsed.value->company, a.holder, reply);
  if (!book) return reply;
  const std::string input = CanonicalAnnouncement(book->company, a);
  const std::string digest = audit::Sha256Hex(input);
  const std::string audit_head = "\"request_id\":" + audit::JsonString(reply.request_id) +
                                 ",\"company\":" + audit::JsonString(book->company) +
                                 ",\"idempotency_key\":" + audit::JsonString(key) +
                                 ",\"input_sha256\":\"" + digest + "\",\"input\":" + input;
  if (auto stored = AnswerStoredKey(key, "announcement", digest, *book, audit_head, reply)) {
    return *stored;
  }
  store::EventRow row;
  row.company = book->company;
  row.ref_version = book->ref_version;
  row.kind = "announcement";
  row.idempotency_key = key;
  row.input_sha256 = digest;
  row.payload = input;
  row.draws = "[]";
  row.recorded_at = NowUtc();
  std::string response;
  Result<std::int64_t> seq = store_.InsertEvent(row, [&](std::int64_t s) {
    Json body = Json::object();
    body["recorded"] = "announcement";
    body["seq"] = s;
    body["company"] = book->company;
    body["reference_version"] = book->ref_version;
    body["idempotency_key"] = key;
    body["input"] = Json::parse(input);
    response = body.dump();
    return response;
  });
  if (!seq.ok())
    return Error(503, "store_unavailable",
                 "the announcement was NOT recorded: " + seq.status().message());
  {
    std::unique_lock lock(book->mu);
    if (Status st = book->ledger->RecordAnnouncement(a); !st.ok()) {
      return Error(500, "internal",
                   "recorded in the store but not applied in memory: " + st.message());
    }
    book->last_event_seq = seq.value();
    ++book->event_count;
    Audit("\"type\":\"announcement\"," + audit_head + ",\"reference_version\":" +
          std::to_string(book->ref_version) + ",\"event_seq\":" + std::to_string(seq.value()));
  }
  reply.status = 201;
  reply.body = std::move(response);
  return reply;
}

Result<Desk::Installed> Desk::InstallReference(const std::string& text, const std::string& source,
                                               const std::string& expected_code,
                                               bool replace_events) {
  Installed result;
  std::string pinned;
  Result<Ledger> ledger = BuildLedger(evaluator_, text, source, &pinned, &result.ignored_orders);
  if (!ledger.ok()) return ledger.status();
  const std::string code = ledger.value().company().code;
  if (!expected_code.empty() && code != expected_code) {
    return InvalidInput(source + ": company.code is \"" + code + "\" but the URL names \"" +
                        expected_code + "\"");
  }
  const std::string digest = audit::Sha256Hex(text);
  if (const auto current = BookByCode(code); current) {
    if (current->ref_digest == digest) {
      result.unchanged = true;
      result.book = current;
      return result;
    }
    // A new version starts from its own document: the current version's recorded executions
    // would stop counting. Only when the caller says the new document includes them.
    if (current->event_count > 0 && !replace_events) {
      result.refused_events = current->event_count;
      result.book = current;
      return result;
    }
  }
  store::ReferenceRow row{code, 0, text, digest, source, NowUtc()};
  Result<std::int64_t> version = store_.InsertReference(row);
  if (!version.ok()) return version.status();
  auto book = std::make_shared<Book>();
  book->company = code;
  book->ref_version = version.value();
  book->ref_digest = digest;
  book->pinned_pack = pinned;
  book->ledger.emplace(std::move(ledger).value());
  {
    std::unique_lock lock(books_mu_);
    books_[code] = book;
    holder_companies_.clear();
    for (const auto& [c, b] : books_) {
      for (const Holder& h : b->ledger->holders()) holder_companies_[h.id].push_back(c);
    }
    Audit("\"type\":\"reference\",\"company\":" + audit::JsonString(code) +
          ",\"reference_version\":" + std::to_string(book->ref_version) +
          ",\"reference_sha256\":\"" + digest + "\",\"source\":" + audit::JsonString(source));
  }
  result.book = std::move(book);
  return result;
}

Result<std::string> Desk::LoadReference(const std::string& text, const std::string& source,
                                        bool replace_events) {
  std::lock_guard write(write_mu_);
  Result<Installed> installed = InstallReference(text, source, "", replace_events);
  if (!installed.ok()) return installed.status();
  const Installed& r = installed.value();
  if (r.refused_events > 0) {
    return InvalidInput(
        source + ": differs from company " + r.book->company + "'s reference version " +
        std::to_string(r.book->ref_version) + ", which has " + std::to_string(r.refused_events) +
        " recorded events (executions, announcements); a new version would start without them. "
        "If the file already includes them in its lots and history, start with "
        "--replace-reference; otherwise load the file the service was started with");
  }
  std::string note =
      "company " + r.book->company + ": reference version " + std::to_string(r.book->ref_version) +
      (r.unchanged
           ? " (unchanged; " + std::to_string(r.book->event_count) + " recorded events kept)"
           : " (new; starts with no recorded events)");
  if (r.ignored_orders > 0) {
    note += "; " + std::to_string(r.ignored_orders) +
            " order(s) in the file are not reference data and were not evaluated";
  }
  return note;
}

Reply Desk::PutCompany(const Request& request, const std::string& code, std::string_view query) {
  if (auto problems = UnknownQueryKeys(query, {"replace_events"}); !problems.empty()) {
    return BadRequest(problems);
  }
  Reply refused;
  if (!Authorized(request, refused)) return refused;
  if (auto unavailable = AuditUnavailable()) return *unavailable;
  const std::string base = MediaType(request.content_type);
  if (base != "application/json" && base != "application/yaml" && base != "application/x-yaml" &&
      base != "text/yaml") {
    return Error(415, "unsupported_media_type",
                 "send the scenario document as application/json or application/yaml");
  }
  const std::optional<std::string> replace = QueryParam(query, "replace_events");
  if (replace && *replace != "true" && *replace != "false") {
    return BadRequest({{"replace_events", "expected true or false"}});
  }
  std::lock_guard write(write_mu_);
  Result<Installed> installed = InstallReference(std::string(request.body), "request body", code,
                                                 replace && *replace == "true");
  if (!installed.ok()) {
    const Status& st = installed.status();
    if (st.code() == StatusCode::kInternal) return Error(503, "store_unavailable", st.message());
    std::vector<FieldProblem> problems;
    std::string_view rest = st.message();
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      problems.push_back({"", std::string(rest.substr(0, nl))});
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
    return BadRequest(problems);
  }
  const Installed& r = installed.value();
  if (r.refused_events > 0) {
    return Error(409, "reference_has_events",
                 "company " + r.book->company + "'s reference version " +
                     std::to_string(r.book->ref_version) + " has " +
                     std::to_string(r.refused_events) +
                     " recorded events, which a new version would not carry over; if this "
                     "document already includes them in its lots and history, send it again "
                     "with ?replace_events=true");
  }
  Json body = Json::object();
  body["company"] = r.book->company;
  body["reference_version"] = r.book->ref_version;
  body["reference_sha256"] = r.book->ref_digest;
  body["holders"] = r.book->ledger->holders().size();
  body["unchanged"] = r.unchanged;
  body["ignored_orders"] = r.ignored_orders;
  return JsonReply(r.unchanged ? 200 : 201, body);
}

namespace {

Json CompanySummary(const Book& book) {
  std::shared_lock lock(book.mu);
  const Company& c = book.ledger->company();
  Json j = Json::object();
  j["code"] = c.code;
  j["name"] = c.name;
  j["exchange"] = Name(c.exchange);
  j["board"] = Name(c.board);
  j["total_shares"] = c.total_shares;
  j["reference_version"] = book.ref_version;
  j["reference_sha256"] = book.ref_digest;
  j["rule_pack"] = book.pinned_pack.empty() ? Json(nullptr) : Json(book.pinned_pack);
  j["events"] = book.event_count;
  j["last_event_seq"] = book.last_event_seq;
  j["holders"] = book.ledger->holders().size();
  return j;
}

}  // namespace

Reply Desk::Companies() const {
  std::vector<std::shared_ptr<Book>> books;
  {
    std::shared_lock lock(books_mu_);
    for (const auto& [code, book] : books_) books.push_back(book);
  }
  Json list = Json::array();
  for (const auto& b : books) list.push_back(CompanySummary(*b));
  Json body = Json::object();
  body["companies"] = list;
  return JsonReply(200, body);
}

Reply Desk::Company(const std::string& code) const {
  const auto book = BookByCode(code);
  if (!book) return Error(404, "not_found", "no reference data for company \"" + code + "\"");
  return JsonReply(200, CompanySummary(*book));
}

Reply Desk::Holders(const std::string& code) const {
  const auto book = BookByCode(code);
  if (!book) return Error(404, "not_found", "no reference data for company \"" + code + "\"");
  std::shared_lock lock(book->mu);
  Json list = Json::array();
  for (const Holder& h : book->ledger->holders()) {
    Json j = Json::object();
    j["id"] = h.id;
    j["name"] = h.name;
    Json roles = Json::array();
    // Every bit of the RoleSet that names a role (kControllingShareholder ..
    // kSponsorCoInvestor), in bit order.
    for (int bit = 0; bit < 16; ++bit) {
      const auto r = static_cast<Role>(1 << bit);
      if (HasRole(h.roles, r) && !Name(r).empty()) roles.push_back(Name(r));
    }
    j["roles"] = roles;
    j["concert_group"] = h.concert_group.empty() ? Json(nullptr) : Json(h.concert_group);
    j["holding"] = Holding(h);
    j["lots"] = LotsJson(h);
    list.push_back(j);
  }
  Json body = Json::object();
  body["company"] = code;
  body["reference_version"] = book->ref_version;
  body["last_event_seq"] = book->last_event_seq;
  body["holders"] = list;
  return JsonReply(200, body);
}

Reply Desk::Events(const std::string& code, std::string_view query) const {
  if (auto problems = UnknownQueryKeys(query, {"after", "limit"}); !problems.empty()) {
    return BadRequest(problems);
  }
  const auto book = BookByCode(code);
  if (!book) return Error(404, "not_found", "no reference data for company \"" + code + "\"");
  auto number = [&](std::string_view key, std::int64_t fallback, std::int64_t max,
                    std::vector<FieldProblem>& problems) -> std::int64_t {
    const auto v = QueryParam(query, key);
    if (!v) return fallback;
    std::int64_t n = -1;
    const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || p != v->data() + v->size() || n < 0 || n > max) {
      problems.push_back(
          {std::string(key), "expected a whole number from 0 to " + std::to_string(max)});
    }
    return n;
  };
  std::vector<FieldProblem> problems;
  const std::int64_t after = number("after", 0, INT64_MAX - 1, problems);
  const std::int64_t limit = number("limit", 1000, 10000, problems);
  if (problems.empty() && limit < 1)
    problems.push_back({"limit", "expected a whole number from 1 to 10000"});
  if (!problems.empty()) return BadRequest(problems);
  Result<std::vector<store::EventRow>> rows = store_.Events(code, book->ref_version);
  if (!rows.ok()) return Error(503, "store_unavailable", rows.status().message());
  Json list = Json::array();
  std::optional<std::int64_t> next;
  std::int64_t last_listed = after;
  for (const store::EventRow& e : rows.value()) {
    if (e.seq <= after) continue;
    if (static_cast<std::int64_t>(list.size()) == limit) {
      next = last_listed;  // more follow: ask again with after=next
      break;
    }
    last_listed = e.seq;
    Json j = Json::object();
    j["seq"] = e.seq;
    j["kind"] = e.kind;
    j["idempotency_key"] = e.idempotency_key;
    j["recorded_at"] = e.recorded_at;
    j["input"] = Json::parse(e.payload);
    Json lots = Json::array();
    for (const auto& d : Json::parse(e.draws)) lots.push_back({{"lot", d[0]}, {"shares", d[1]}});
    j["lots"] = lots;
    list.push_back(j);
  }
  Json body = Json::object();
  body["company"] = code;
  body["reference_version"] = book->ref_version;
  body["events"] = list;
  body["next_after"] = next ? Json(*next) : Json(nullptr);
  return JsonReply(200, body);
}

Reply Desk::Headroom(const std::string& holder_id, std::string_view query) const {
  if (auto problems = UnknownQueryKeys(query, {"company", "date"}); !problems.empty()) {
    return BadRequest(problems);
  }
  // Without ?date=: today, or the next trading day when today is not one (a weekend query is
  // about Monday). The reply names the date used.
  Date date = options_.today();
  if (const auto next = evaluator_.calendar().TradingDayOnOrAfter(date)) date = *next;
  if (const auto d = QueryParam(query, "date")) {
    std::string error;
    const auto parsed = adapters_internal::ParseIsoDate(*d, &error);
    if (!parsed) return BadRequest({{"date", error}});
    date = *parsed;
  }
  const std::optional<std::string> company = QueryParam(query, "company");
  if (company) {
    if (std::string problem = input::IdProblem(*company); !problem.empty()) {
      return BadRequest({{"company", problem}});
    }
  }
  Reply reply;
  const auto book = FindBook(company, holder_id, reply);
  if (!book) return reply;
  std::shared_lock lock(book->mu);
  const Ledger& ledger = *book->ledger;
  const Holder& h = ledger.holder(ledger.HolderIndex(holder_id));
  const Shares holding = Holding(h);
  Json methods = Json::array();
  Evaluator::Scratch scratch;
  Verdict verdict;
  for (const Method m : {Method::kCentralizedBidding, Method::kBlockTrade,
                         Method::kAgreementTransfer, Method::kInquiryTransfer}) {
    Json j = Json::object();
    j["method"] = Name(m);
    if (holding == 0) {
      j["max_compliant_shares"] = 0;
      j["binding_rule"] = "HOLDINGS";
      j["unknown"] = Json::array();
      methods.push_back(j);
      continue;
    }
    const Order probe{"headroom", holder_id, date, m, holding, std::nullopt, std::nullopt};
    const Status st = evaluator_.Check(probe, ledger, verdict, scratch, book->pinned_pack,
                                       CheckOptions{.explain = false, .earliest_date = false});
    if (!st.ok()) return StatusReply(st);
    j["max_compliant_shares"] = verdict.max_compliant_shares;
    j["binding_rule"] = verdict.binding_rule.empty() ? Json(nullptr) : Json(verdict.binding_rule);
    Json unknown = Json::array();
    for (const UnknownFinding& u : verdict.unknown) {
      const std::string id(u.rule->id);
      if (std::find(unknown.begin(), unknown.end(), Json(id)) == unknown.end())
        unknown.push_back(id);
    }
    j["unknown"] = unknown;
    methods.push_back(j);
  }
  Json body = Json::object();
  body["holder"] = holder_id;
  body["company"] = book->company;
  body["date"] = adapters::FormatDate(date);
  body["holding"] = holding;
  body["reference_version"] = book->ref_version;
  body["last_event_seq"] = book->last_event_seq;
  body["methods"] = methods;
  body["note"] =
      "max_compliant_shares is the most this holder could sell by the method on the "
      "date without breaking a rule; a non-empty unknown list means a rule could not "
      "decide, and an order will not pass until its input is supplied";
  return JsonReply(200, body);
}

Reply Desk::Alerts(std::string_view query) const {
  if (auto problems = UnknownQueryKeys(query, {"company"}); !problems.empty()) {
    return BadRequest(problems);
  }
  const std::optional<std::string> company = QueryParam(query, "company");
  std::vector<std::shared_ptr<Book>> books;
  {
    std::shared_lock lock(books_mu_);
    for (const auto& [code, book] : books_)
      if (!company || code == *company) books.push_back(book);
  }
  if (company && books.empty())
    return Error(404, "not_found", "no reference data for company \"" + *company + "\"");
  Json alerts = Json::array();
  for (const auto& book : books) {
    Result<std::vector<store::EventRow>> rows = store_.Events(book->company, book->ref_version);
    if (!rows.ok()) return Error(503, "store_unavailable", rows.status().message());
    for (const store::EventRow& e : rows.value())
      if (auto alert = AlertFromEvent(e)) alerts.push_back(std::move(*alert));
  }
  Json body = Json::object();
  body["count"] = alerts.size();
  body["alerts"] = std::move(alerts);
  return JsonReply(200, body);
}

Reply Desk::Obligations(const Request& request, std::string_view query) const {
  if (auto problems = UnknownQueryKeys(query, {"due_before", "format"}); !problems.empty()) {
    return BadRequest(problems);
  }
  std::string due_before;
  if (const auto d = QueryParam(query, "due_before")) {
    std::string error;
    const auto parsed = adapters_internal::ParseIsoDate(*d, &error);
    if (!parsed) return BadRequest({{"due_before", error}});
    due_before = adapters::FormatDate(*parsed);
  }
  bool csv = request.accept.find("text/csv") != std::string_view::npos;
  if (const auto f = QueryParam(query, "format")) {
    if (*f != "csv" && *f != "json") return BadRequest({{"format", "expected csv or json"}});
    csv = *f == "csv";
  }
  std::vector<std::shared_ptr<Book>> books;
  {
    std::shared_lock lock(books_mu_);
    for (const auto& [code, book] : books_) books.push_back(book);
  }
  std::vector<DueObligation> due;
  for (const auto& book : books) {
    Result<std::vector<store::EventRow>> rows = store_.Events(book->company, book->ref_version);
    if (!rows.ok()) return Error(503, "store_unavailable", rows.status().message());
    CollectDueObligations(rows.value(), due_before, due);
  }
  std::stable_sort(due.begin(), due.end(), [](const DueObligation& a, const DueObligation& b) {
    return a.due != b.due ? a.due < b.due : a.trigger_seq < b.trigger_seq;
  });
  if (csv) {
    Reply reply;
    reply.status = 200;
    reply.body = ObligationsCsv(due);
    reply.content_type = "text/csv; charset=utf-8";
    return reply;
  }
  Json list = Json::array();
  for (const DueObligation& o : due) list.push_back(ObligationJson(o));
  Json body = Json::object();
  body["due_before"] = due_before.empty() ? Json(nullptr) : Json(due_before);
  body["count"] = list.size();
  body["obligations"] = std::move(list);
  return JsonReply(200, body);
}

Reply Desk::Health() const {
  Json body = Json::object();
  const bool writable = audit_ == nullptr || audit_->writable();
  body["status"] = writable ? "ok" : "degraded";
  if (audit_ != nullptr) {
    const audit::AuditHealth h = audit_->health();
    Json a = Json::object();
    a["writable"] = h.writable;
    if (!h.writable) {
      a["reason"] = h.reason;
      a["since"] = h.since;
      a["effect"] = "checks, executions, announcements and reference data are refused (503)";
    }
    a["path"] = audit_->path();
    body["audit"] = a;
  }
  {
    std::shared_lock lock(books_mu_);
    body["companies"] = books_.size();
  }
  body["schema_version"] = store_.schema_version();
  body["rules_sha256"] = options_.rules_digest;
  body["calendar"] = options_.calendar_id;
  const TradingCalendar& cal = evaluator_.calendar();
  body["calendar_last_official_day"] = adapters::FormatDate(cal.last_official_day());
  body["calendar_last_provisional_day"] =
      cal.has_provisional() ? Json(adapters::FormatDate(cal.last_day())) : Json(nullptr);
  if (const std::optional<std::string> w = CalendarWarning()) {
    body["warnings"] = Json::array({*w});
  }
  return JsonReply(writable ? 200 : 503, body);
}

std::string Desk::StateSummaryJson() const {
  Json books = Json::array();
  std::shared_lock lock(books_mu_);
  for (const auto& [code, book] : books_) {
    std::shared_lock book_lock(book->mu);
    books.push_back({{"company", code},
                     {"reference_version", book->ref_version},
                     {"reference_sha256", book->ref_digest},
                     {"last_event_seq", book->last_event_seq},
                     {"events", book->event_count}});
  }
  return books.dump();
}

}  // namespace reducheck::service
