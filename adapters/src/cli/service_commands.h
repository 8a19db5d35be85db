// The desk service's commands: `serve`, `audit verify` and `replay` (see docs/service.md).
#ifndef REDUCHECK_ADAPTERS_CLI_SERVICE_COMMANDS_H_
#define REDUCHECK_ADAPTERS_CLI_SERVICE_COMMANDS_H_

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace reducheck::cli {

struct ServeOptions {
  std::string db_path = "state.sqlite";
  std::string listen = "127.0.0.1:8080";  // HOST:PORT
  std::vector<std::string> load;          // scenario files to load as reference data
  bool replace_reference = false;         // a changed --load file may replace recorded events
  std::string audit_log;                  // empty: <db_path>.audit.jsonl
  std::uint64_t audit_rotate_bytes = 64u << 20;  // 0: never by size
  std::string audit_rotate_age;                  // "" never; "24h", "90m", "3600s"
  bool audit_compress = false;                   // zstd closed segments
  std::string audit_key_file;                    // HMAC key for a keyed chain
  bool verify_full = false;                      // integrity_check rather than quick_check
  std::string token_file;                        // else REDUCHECK_TOKEN; neither: refused
  int threads = 2;
  std::size_t max_body_bytes = 1 << 20;
  std::string rules_dir;
  // `fix-gateway --config FILE` (docs/fix-gateway.md): also run the FIX gateway on this desk.
  std::string fix_config;
};

// Runs the service until SIGINT/SIGTERM. Exit 0 after a clean stop; 2 for bad options, an
// unreadable scenario, a database or audit log that is locked by another process, unreadable,
// damaged or does not match the other (service/start_check.h), or an address that cannot be
// bound; 3 when the stored state does not rebuild.
int RunServe(const ServeOptions& options, std::ostream& err);

// `reducheck audit verify LOG|DIR [--db DB] [--key-file K]`: a log (its segments and active
// file) or every log in a directory. 0 when every chain holds, 1 when one does not, 2 when a log
// or the database cannot be read.
int RunAuditVerify(const std::string& log_path, const std::string& db_path,
                   const std::string& key_file, std::ostream& out, std::ostream& err);

enum class ReplayFormat { kText, kJson };
// `reducheck replay LOG --db DB`: 0 when every decision replays identically, 1 when any
// differs or cannot be replayed, 2 for unreadable inputs.
int RunReplay(const std::string& log_path, const std::string& db_path, const std::string& rules_dir,
              ReplayFormat format, std::ostream& out, std::ostream& err);

// SHA-256 over the rule packs and calendars in `rules_dir` (file names and contents), naming
// exactly which rules a decision was made with.
std::string RulesDigest(const std::string& rules_dir);

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_SERVICE_COMMANDS_H_
