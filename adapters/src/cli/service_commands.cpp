#include "cli/service_commands.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "audit/audit_log.h"
#include "audit/audit_verify.h"
#include "audit/replay.h"
#include "audit/sha256.h"
#include "cli/commands.h"
#include "http/http_server.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/runtime_data.h"
#include "service/desk.h"
#include "store/state_store.h"

namespace reducheck::cli {

namespace {

constexpr std::string_view kAnchorKey = "audit_head";
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

  Result<std::unique_ptr<store::StateStore>> store = store::StateStore::Open(options.db_path);
  if (!store.ok()) {
    err << store.status().message() << '\n';
    return kExitBadInput;
  }
  const std::string audit_path =
      options.audit_log.empty() ? options.db_path + ".audit.jsonl" : options.audit_log;
  Result<std::unique_ptr<audit::AuditLog>> audit = audit::AuditLog::Open(audit_path);
  if (!audit.ok()) {
    err << audit.status().message() << '\n';
    return kExitBadInput;
  }
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

  server.Run();

  audit.value()->Append("\"type\":\"service_stop\",\"books\":" + desk.value()->StateSummaryJson());
  const audit::ChainHead head = audit.value()->Close();
  if (Status st = store.value()->SetMeta(std::string(kAnchorKey), audit::AnchorText(head));
      !st.ok()) {
    log->error("could not record the audit chain head: {}", st.message());
  }
  log->info("stopped; audit chain head seq {} {}", head.seq, head.hash);
  spdlog::drop("reducheck");
  return kExitPass;
}

int RunAuditVerify(const std::string& log_path, const std::string& db_path, std::ostream& out,
                   std::ostream& err) {
  std::ifstream in(log_path, std::ios::binary);
  if (!in) {
    err << log_path << ": cannot read the audit log\n";
    return kExitBadInput;
  }
  std::optional<audit::ChainHead> anchor;
  if (!db_path.empty()) {
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
  }
  const audit::VerifyReport report = audit::VerifyChain(in, anchor);
  for (const std::string& p : report.problems) out << log_path << ": " << p << '\n';
  if (report.problem_count > static_cast<std::int64_t>(report.problems.size())) {
    out << log_path << ": ... and "
        << report.problem_count - static_cast<std::int64_t>(report.problems.size())
        << " more problems\n";
  }
  out << log_path << ": " << report.lines << " lines, chain head seq " << report.head.seq << ' '
      << report.head.hash << (anchor ? ", checked against the database's recorded head" : "")
      << ": " << (report.ok() ? "OK" : "BROKEN") << '\n';
  return report.ok() ? kExitPass : kExitFail;
}

int RunReplay(const std::string& log_path, const std::string& db_path, const std::string& rules_dir,
              ReplayFormat format, std::ostream& out, std::ostream& err) {
  std::ifstream in(log_path, std::ios::binary);
  if (!in) {
    err << log_path << ": cannot read the audit log\n";
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
  const audit::ReplayReport report =
      audit::Replay(in, *store.value(), *rules.load.evaluator, rules.digest);
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
      out << log_path << ":" << d.line << ": request " << d.request_id << ": " << d.summary << '\n';
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
