#include "cli/service_commands.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "audit/audit_log.h"
#include "audit/audit_verify.h"
#include "audit/chain.h"
#include "audit/replay.h"
#include "audit/sha256.h"
#include "cli/commands.h"
#include "fix/desk_fix_core.h"
#include "fix/fix_gateway.h"
#include "http/http_server.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/runtime_data.h"
#include "service/desk.h"
#include "service/start_check.h"
#include "store/state_store.h"

namespace reducheck::cli {

namespace {

constexpr std::string_view kAnchorKey = service::kMetaAuditHead;
constexpr std::size_t kMinTokenLength = 16;

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  text = s.str();
  return true;
}

// HOST:PORT or [v6]:PORT.
bool SplitListen(const std::string& listen, std::string& host, unsigned short& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 >= listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string p = listen.substr(colon + 1);
  if (!std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      p.size() > 5) {
    return false;
  }
  const long v = std::stol(p);
  if (v > 65535) return false;
  port = static_cast<unsigned short>(v);
  return !host.empty();
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host.rfind("127.", 0) == 0 || host == "localhost";
}

// The write token: --token-file, else REDUCHECK_TOKEN. Empty = writes refused.
bool LoadToken(const ServeOptions& options, std::string& token, std::ostream& err) {
  std::string source;
  if (!options.token_file.empty()) {
    if (!ReadFile(options.token_file, token)) {
      err << options.token_file << ": cannot read the token file\n";
      return false;
    }
    while (!token.empty() &&
           (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
      token.pop_back();
    }
    source = options.token_file;
  } else if (const char* env = std::getenv("REDUCHECK_TOKEN"); env != nullptr && *env != '\0') {
    token = env;
    source = "REDUCHECK_TOKEN";
  } else {
    return true;
  }
  if (token.size() < kMinTokenLength) {
    err << source << ": the write token must be at least " << kMinTokenLength
        << " characters (e.g. from `od -An -N32 -tx1 /dev/urandom | tr -d ' \\n'`)\n";
    return false;
  }
  for (const char c : token) {
    if (c < 0x21 || c > 0x7E) {
      err << source << ": the write token must be visible ASCII characters without spaces\n";
      return false;
    }
  }
  return true;
}

// "24h", "90m", "3600s" or "3600" (seconds); nullopt when malformed or not positive.
std::optional<std::chrono::seconds> ParseDuration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9) return std::nullopt;
  const std::string unit = text.substr(digits);
  const long long n = std::stoll(text.substr(0, digits));
  long long scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  if (unit == "m") scale = 60;
  if (unit == "h") scale = 3600;
  if (unit == "d") scale = 86400;
  if (scale == 0 || n <= 0) return std::nullopt;
  return std::chrono::seconds(n * scale);
}

struct LoadedRules {
  adapters::EvaluatorLoad load;
  std::string digest;
};

bool LoadRules(const std::string& flag, LoadedRules& rules, std::ostream& err) {
  rules.load = adapters::LoadEvaluator(adapters::DefaultRulesDir(flag));
  if (!rules.load.problems.empty() || !rules.load.evaluator) {
    for (const auto& d : rules.load.problems) err << adapters::Format(d) << '\n';
    if (rules.load.problems.empty())
      err << rules.load.rules_dir << ": rule data could not be loaded\n";
    return false;
  }
  rules.digest = RulesDigest(rules.load.rules_dir);
  return true;
}

}  // namespace

std::string RulesDigest(const std::string& rules_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const char* sub : {"packs", "calendars"}) {
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(rules_dir) / sub, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".yaml") {
        files.push_back(std::string(sub) + "/" + it->path().filename().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const std::string& f : files) {
    std::string text;
    if (!ReadFile((fs::path(rules_dir) / f).string(), text)) text = "<unreadable>";
    all += f;
    all.push_back('\0');
    all += audit::Sha256Hex(text);
    all.push_back('\n');
  }
  return audit::Sha256Hex(all);
}

int RunServe(const ServeOptions& options, std::ostream& err) {
  auto log = spdlog::stderr_logger_mt("reducheck");
  log->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  http::ServerOptions server_options;
  if (!SplitListen(options.listen, server_options.host, server_options.port)) {
    err << "--listen: expected HOST:PORT (e.g. 127.0.0.1:8080), got \"" << options.listen << "\"\n";
    return kExitBadInput;
  }
  if (options.threads < 1 || options.threads > 64) {
    err << "--threads: expected 1 to 64\n";
    return kExitBadInput;
  }
  server_options.io_threads = options.threads;
  server_options.max_body_bytes = options.max_body_bytes;
  server_options.log_warning = [log](std::string_view message) { log->warn("{}", message); };
  std::string token;
  if (!LoadToken(options, token, err)) return kExitBadInput;

  LoadedRules rules;
  if (!LoadRules(options.rules_dir, rules, err)) return kExitBadInput;
  const Evaluator& evaluator = *rules.load.evaluator;

  std::optional<std::chrono::seconds> rotate_age;
  if (!options.audit_rotate_age.empty()) {
    rotate_age = ParseDuration(options.audit_rotate_age);
    if (!rotate_age) {
      err << "--audit-rotate-age: expected a duration such as 24h, 90m or 3600s, got \""
          << options.audit_rotate_age << "\"\n";
      return kExitBadInput;
    }
  }
  std::string audit_key;
  if (!options.audit_key_file.empty()) {
    Result<std::string> key = audit::ReadKeyFile(options.audit_key_file);
    if (!key.ok()) {
      err << key.status().message() << '\n';
      return kExitBadInput;
    }
    audit_key = std::move(key).value();
  }
  // A write past a file size limit (RLIMIT_FSIZE) must fail with EFBIG and be retried, not
  // kill the service.
  std::signal(SIGXFSZ, SIG_IGN);

  // The database first: its lock decides whether this process may go on at all.
  Result<std::unique_ptr<store::StateStore>> store = store::StateStore::Open(options.db_path);
  if (!store.ok()) {
    err << store.status().message() << '\n';
    return kExitBadInput;
  }
  store::StateStore& db = *store.value();
  Result<std::optional<std::string>> db_log_id = db.GetMeta(service::kMetaAuditLogId);
  if (!db_log_id.ok()) {
    err << options.db_path << ": " << db_log_id.status().message() << '\n';
    return kExitBadInput;
  }
  const std::string audit_path =
      options.audit_log.empty() ? options.db_path + ".audit.jsonl" : options.audit_log;
  audit::AuditOptions audit_options;
  audit_options.rotate_bytes = options.audit_rotate_bytes;
  if (rotate_age) audit_options.rotate_age = *rotate_age;
  audit_options.compress = options.audit_compress;
  audit_options.key = audit_key;
  audit_options.log_id = db_log_id.value().value_or("");
  audit_options.log_warning = [log](std::string_view message) { log->warn("{}", message); };
  // The durable head, anchored in the database at least once a second: a cut of the log's tail
  // after a crash is then detected at the next start.
  auto anchor_failed = std::make_shared<std::atomic<bool>>(false);
  audit_options.on_durable = [&db, log, anchor_failed](const audit::ChainHead& head) {
    const Status st = db.SetMeta(std::string(kAnchorKey), audit::AnchorText(head));
    if (!st.ok() && !anchor_failed->exchange(true)) {
      log->warn("could not record the audit chain head in the database (retried each second): {}",
                st.message());
    } else if (st.ok() && anchor_failed->exchange(false)) {
      log->info("the audit chain head is recorded in the database again");
    }
  };
  Result<std::unique_ptr<audit::AuditLog>> audit = audit::AuditLog::Open(audit_path, audit_options);
  if (!audit.ok()) {
    err << audit.status().message() << '\n';
    return kExitBadInput;
  }
  // Nothing is served from a state that does not verify (service/start_check.h).
  service::StartCheckOptions check_options;
  check_options.full_integrity_check = options.verify_full;
  check_options.audit_key = audit_key;
  Result<std::string> verified = service::VerifyStateAtStart(db, *audit.value(), check_options);
  if (!verified.ok()) {
    err << verified.status().message() << '\n';
    return kExitBadInput;
  }
  log->info("{}", verified.value());
  service::DeskOptions desk_options;
  desk_options.token = token;
  desk_options.rules_digest = rules.digest;
  desk_options.calendar_id = evaluator.calendar().id();
  Result<std::unique_ptr<service::Desk>> desk =
      service::Desk::Open(evaluator, *store.value(), audit.value().get(), desk_options);
  if (!desk.ok()) {
    err << desk.status().message() << '\n';
    return kExitInternal;
  }
  if (const std::optional<std::string> w = desk.value()->CalendarWarning()) log->warn("{}", *w);
  for (const std::string& path : options.load) {
    std::string text;
    if (!ReadFile(path, text)) {
      err << path << ": cannot read the scenario file\n";
      return kExitBadInput;
    }
    Result<std::string> loaded = desk.value()->LoadReference(text, path, options.replace_reference);
    if (!loaded.ok()) {
      err << loaded.status().message() << '\n';
      return loaded.status().code() == StatusCode::kInternal ? kExitInternal : kExitBadInput;
    }
    log->info("{}: {}", path, loaded.value());
  }

  http::HttpServer server(*desk.value(), server_options);
  if (Status st = server.Listen(); !st.ok()) {
    err << st.message() << '\n';
    return kExitBadInput;
  }
  if (!IsLoopback(server_options.host)) {
    log->warn(
        "listening on {} which is not a loopback address: anyone who can reach it can "
        "run checks; writes still need the token",
        server_options.host);
  }
  nlohmann::json start = {{"version", kVersion},
                          {"listen", server_options.host + ":" + std::to_string(server.port())},
                          {"db", options.db_path},
                          {"schema_version", store.value()->schema_version()},
                          {"rules_dir", rules.load.rules_dir},
                          {"rules_sha256", rules.digest},
                          {"calendar", evaluator.calendar().id()},
                          {"writes", token.empty() ? "disabled" : "enabled"}};
  audit.value()->Append("\"type\":\"service_start\",\"service\":" + start.dump() +
                        ",\"books\":" + desk.value()->StateSummaryJson());
  log->info("listening on http://{}:{} (db {}, audit log {}, writes {})", server_options.host,
            server.port(), options.db_path, audit_path,
            token.empty() ? "disabled: no token given" : "enabled");

  // The FIX gateway, on the same desk (one process serves HTTP and FIX: the database admits
  // one writer process).
  std::unique_ptr<fix::DeskFixCore> fix_core;
  std::unique_ptr<fix::FixGateway> gateway;
  if (!options.fix_config.empty()) {
    if (token.empty()) {
      err << "fix-gateway: fills are recorded as executions, which are writes: give "
             "--token-file or REDUCHECK_TOKEN\n";
      return kExitBadInput;
    }
    auto fix_log = [log](int level, const std::string& message) {
      if (level >= 2) {
        log->error("{}", message);
      } else if (level == 1) {
        log->warn("{}", message);
      } else {
        log->info("{}", message);
      }
    };
    fix_core = std::make_unique<fix::DeskFixCore>(*desk.value(), token, fix_log);
    std::string error;
    gateway = fix::FixGateway::Start(options.fix_config, *fix_core, error);
    if (!gateway) {
      err << error << '\n';
      return kExitBadInput;
    }
    log->info("fix-gateway: sessions from {} started", options.fix_config);
  }

  server.Run();

  if (gateway) {
    gateway->Stop();
    const fix::LatencySummary l = gateway->Latency();
    auto us = [](std::int64_t ns) { return static_cast<double>(ns) / 1000.0; };
    log->info(
        "fix-gateway: {} sell orders judged ({} forwarded); gateway-added latency p50 {:.1f} us, "
        "p99 {:.1f} us, max {:.1f} us; parts p50/p99: reading the order {:.1f}/{:.1f} us, the "
        "check and its audit record {:.1f}/{:.1f} us, the forward or reject through QuickFIX "
        "{:.1f}/{:.1f} us",
        l.orders, l.forwarded, us(l.total.p50_ns), us(l.total.p99_ns), us(l.total.max_ns),
        us(l.read.p50_ns), us(l.read.p99_ns), us(l.check.p50_ns), us(l.check.p99_ns),
        us(l.send.p50_ns), us(l.send.p99_ns));
    gateway.reset();
  }

  audit.value()->Append("\"type\":\"service_stop\",\"books\":" + desk.value()->StateSummaryJson());
  const audit::ChainHead head = audit.value()->Close();
  if (Status st = store.value()->SetMeta(std::string(kAnchorKey), audit::AnchorText(head));
      !st.ok()) {
    log->error("could not record the audit chain head: {}", st.message());
  }
  if (const std::string rest = audit.value()->TakeUnwritten(); !rest.empty()) {
    // Never lost: what the log could not take goes to stderr, line for line.
    log->error("the audit log is not writable ({}); its last {} bytes follow on stderr",
               audit.value()->health().reason, rest.size());
    err << rest;
    err.flush();
    spdlog::drop("reducheck");
    return kExitInternal;
  }
  log->info("stopped; audit chain head seq {} {}", head.seq, head.hash);
  spdlog::drop("reducheck");
  return kExitPass;
}

int RunAuditVerify(const std::string& log_path, const std::string& db_path,
                   const std::string& key_file, std::ostream& out, std::ostream& err) {
  std::string key;
  if (!key_file.empty()) {
    Result<std::string> read = audit::ReadKeyFile(key_file);
    if (!read.ok()) {
      err << read.status().message() << '\n';
      return kExitBadInput;
    }
    key = std::move(read).value();
  }
  std::vector<std::string> logs;
  std::error_code ec;
  if (std::filesystem::is_directory(log_path, ec)) {
    logs = audit::LogsInDirectory(log_path);
    if (logs.empty()) {
      err << log_path << ": no audit log in this directory\n";
      return kExitBadInput;
    }
  } else {
    if (audit::ListSegments(log_path).empty()) {
      err << log_path << ": cannot read the audit log (no such file, and no segments)\n";
      return kExitBadInput;
    }
    logs.push_back(log_path);
  }
  std::optional<audit::ChainHead> anchor;
  std::optional<std::string> db_log_id;
  if (!db_path.empty()) {
    if (logs.size() != 1) {
      err << "--db: give one audit log with its database, not a directory of " << logs.size()
          << " logs\n";
      return kExitBadInput;
    }
    if (!std::filesystem::exists(db_path)) {
      err << db_path << ": no such database\n";
      return kExitBadInput;
    }
    Result<std::unique_ptr<store::StateStore>> store =
        store::StateStore::Open(db_path, store::OpenMode::kReader);
    if (!store.ok()) {
      err << store.status().message() << '\n';
      return kExitBadInput;
    }
    Result<std::optional<std::string>> text = store.value()->GetMeta(std::string(kAnchorKey));
    if (!text.ok()) {
      err << text.status().message() << '\n';
      return kExitBadInput;
    }
    if (text.value()) anchor = audit::ParseAnchor(*text.value());
    Result<std::optional<std::string>> id = store.value()->GetMeta(service::kMetaAuditLogId);
    if (id.ok()) db_log_id = id.value();
  }
  bool all_ok = true;
  for (const std::string& log_file : logs) {
    const audit::VerifyReport report = audit::VerifyLog(log_file, {key, anchor});
    for (const std::string& p : report.problems) out << log_file << ": " << p << '\n';
    if (report.problem_count > static_cast<std::int64_t>(report.problems.size())) {
      out << log_file << ": ... and "
          << report.problem_count - static_cast<std::int64_t>(report.problems.size())
          << " more problems\n";
    }
    for (const std::string& n : report.notes) out << log_file << ": note: " << n << '\n';
    const std::size_t segments = audit::ListSegments(log_file).size();
    out << log_file << ": " << report.lines << " lines in " << segments
        << (segments == 1 ? " file" : " files") << ", seq " << report.first_seq << ".."
        << report.head.seq << ", chain head " << report.head.hash
        << (report.keyed ? (key.empty() ? " (keyed; links not checked)" : " (keyed)") : "")
        << (anchor ? ", checked against the database's recorded head" : "") << ": "
        << (report.ok() ? "OK" : "BROKEN") << '\n';
    all_ok = all_ok && report.ok();
  }
  (void)db_log_id;
  return all_ok ? kExitPass : kExitFail;
}

int RunReplay(const std::string& log_path, const std::string& db_path, const std::string& rules_dir,
              ReplayFormat format, std::ostream& out, std::ostream& err) {
  if (audit::ListSegments(log_path).empty()) {
    err << log_path << ": cannot read the audit log (no such file, and no segments)\n";
    return kExitBadInput;
  }
  if (!std::filesystem::exists(db_path)) {
    err << db_path << ": no such database\n";
    return kExitBadInput;
  }
  Result<std::unique_ptr<store::StateStore>> store =
      store::StateStore::Open(db_path, store::OpenMode::kReader);
  if (!store.ok()) {
    err << store.status().message() << '\n';
    return kExitBadInput;
  }
  LoadedRules rules;
  if (!LoadRules(rules_dir, rules, err)) return kExitBadInput;
  audit::LogLines lines(log_path);
  const audit::ReplayReport report =
      audit::Replay(lines, *store.value(), *rules.load.evaluator, rules.digest);
  if (format == ReplayFormat::kJson) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["lines"] = report.lines;
    j["decisions"] = report.decisions;
    j["identical"] = report.identical;
    j["decisions_made_with_other_rules"] = report.other_rules;
    nlohmann::ordered_json diffs = nlohmann::ordered_json::array();
    for (const auto& d : report.differences) {
      diffs.push_back({{"line", d.line},
                       {"request_id", d.request_id},
                       {"summary", d.summary},
                       {"logged", nlohmann::ordered_json::parse(d.logged)},
                       {"replayed", d.replayed}});
    }
    j["differences"] = diffs;
    j["problems"] = report.problems;
    out << j.dump(2) << '\n';
  } else {
    for (const auto& d : report.differences) {
      out << log_path << ": " << d.where << ": request " << d.request_id << ": " << d.summary
          << '\n';
    }
    for (const auto& p : report.problems) out << log_path << ": " << p << '\n';
    out << log_path << ": " << report.decisions << " decisions replayed: " << report.identical
        << " identical, " << report.differences.size() << " differ, " << report.problems.size()
        << " could not be replayed";
    if (report.other_rules > 0) {
      out << " (" << report.other_rules << " were made with other rules than "
          << rules.load.rules_dir << ")";
    }
    out << '\n';
  }
  return report.differences.empty() && report.problems.empty() ? kExitPass : kExitFail;
}

}  // namespace reducheck::cli
