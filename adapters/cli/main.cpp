// The `reducheck` executable: argument parsing and exit codes (contract.md §3).
//
// Usage errors exit 2 with a message on stderr; an exception that escapes a command is a bug
// and exits 3 ("internal error: ..."). The commands themselves live in adapters/src/cli/.
// No network access of any kind.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <optional>
#include <string>

#include "cli/batch_command.h"
#include "cli/calendar_command.h"
#include "cli/commands.h"
#include "cli/import_command.h"
#include "cli/lockup_command.h"
#include "cli/plan_command.h"
#include "cli/service_commands.h"
#include "reducheck/adapters/text_encoding.h"

namespace {

using reducheck::adapters::Lang;
using reducheck::cli::Format;

Format ParseFormat(const std::string& s) { return s == "text" ? Format::kText : Format::kJson; }

// --encoding NAME on a command that reads the user's files (text_encoding.h).
void AddEncodingOption(CLI::App* cmd, reducheck::adapters::InputEncoding& into,
                       const std::string& what) {
  cmd->add_option_function<std::string>(
         "--encoding",
         [&into](const std::string& name) { into = *reducheck::adapters::ParseEncodingName(name); },
         "Character encoding of " + what + ": " +
             std::string(reducheck::adapters::EncodingNames()) +
             "; a GB18030 file is converted to UTF-8")
      ->check(
          [](const std::string& name) {
            return reducheck::adapters::ParseEncodingName(name)
                       ? std::string()
                       : "unknown encoding '" + name + "' (expected " +
                             std::string(reducheck::adapters::EncodingNames()) + ")";
          },
          "ENCODING");
}

int Run(int argc, char** argv) {
  CLI::App app{
      "reducheck: pre-trade compliance checks for China A-share share reductions.\n"
      "Exit codes: 0 all orders pass, 1 an order fails or is unknown, 2 bad input or usage, "
      "3 internal error.",
      "reducheck"};
  app.set_version_flag("--version", std::string("reducheck ") + reducheck::cli::kVersion);
  app.require_subcommand(1);

  reducheck::cli::CheckOptions check;
  std::string check_format = "json";
  std::string check_lang = "en";
  CLI::App* check_cmd = app.add_subcommand(
      "check", "Judge every order of a scenario file (and of an --orders file), each on its own");
  check_cmd->add_option("scenario", check.scenario_path, "Scenario YAML file")->required();
  check_cmd->add_option("--orders", check.orders_path,
                        "Also judge the orders of this file (CSV id,holder,date,method,shares,"
                        "price, or JSON lines; - = standard input), streamed");
  check_cmd
      ->add_option("--orders-format", check.orders_format,
                   "Format of the --orders file: csv or jsonl (default: from its extension)")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  check_cmd
      ->add_option("--format", check_format,
                   "Output format: json (default), jsonl (one verdict per line) or text")
      ->check(CLI::IsMember({"json", "jsonl", "text"}));
  check_cmd->add_option("--lang", check_lang, "Language of the text format: en (default) or zh")
      ->check(CLI::IsMember({"en", "zh"}));
  AddEncodingOption(check_cmd, check.encoding, "the scenario file");
  check_cmd->add_option("--rules-dir", check.rules_dir,
                        "Rules directory (packs/, calendars/); default: $REDUCHECK_RULES_DIR, "
                        "then the built-in location");

  reducheck::cli::RulesOptions rules;
  std::string rules_format = "text";
  CLI::App* rules_cmd =
      app.add_subcommand("rules", "List every rule, and the rule packs with their parameters");
  rules_cmd->add_option("--pack", rules.pack, "Only this rule pack (e.g. cn-2024)");
  rules_cmd->add_option("--rules-dir", rules.rules_dir,
                        "Rules directory (packs/, calendars/); default: $REDUCHECK_RULES_DIR, "
                        "then the built-in location");
  rules_cmd->add_option("--format", rules_format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));

  reducheck::cli::BatchOptions batch;
  std::string batch_format;  // "" = from --out's extension, else csv
  CLI::App* batch_cmd = app.add_subcommand(
      "batch", "Apply a disposal schedule CSV line by line; passing sales become history");
  batch_cmd->add_option("scenario", batch.scenario_path, "Scenario YAML file")->required();
  batch_cmd->add_option("schedule", batch.schedule_path, "Schedule CSV file")->required();
  batch_cmd->add_option("--out", batch.out_path,
                        "Write the results to this file (default: stdout)");
  batch_cmd
      ->add_option("--format", batch_format,
                   "Output format: csv, jsonl, json (an array of the jsonl objects) or xlsx (a "
                   "workbook with a summary sheet; needs --out). Default: from --out's "
                   "extension (.csv, .jsonl, .json, .xlsx), else csv; a contradicting --format "
                   "is refused")
      ->check(CLI::IsMember({"csv", "jsonl", "json", "xlsx"}));
  std::string batch_lang = "en";
  batch_cmd
      ->add_option("--lang", batch_lang,
                   "Language of the xlsx workbook: en (default) or zh (CSV and JSON lines keep "
                   "the contract's names)")
      ->check(CLI::IsMember({"en", "zh"}));
  AddEncodingOption(batch_cmd, batch.encoding, "the scenario and schedule files");
  batch_cmd->add_option("--rules-dir", batch.rules_dir,
                        "Rules directory (packs/, calendars/); default: $REDUCHECK_RULES_DIR, "
                        "then the built-in location");

  reducheck::cli::LockupOptions lockup;
  std::string lockup_format = "text";
  std::string lockup_lang = "en";
  CLI::App* lockup_cmd = app.add_subcommand(
      "lockup", "Lock-up calendar for counsel: unlock dates, quotas, sellable shares by date");
  lockup_cmd->add_option("scenario", lockup.scenario_path, "Scenario YAML file")->required();
  lockup_cmd->add_option("--as-of", lockup.as_of,
                         "Date the calendar starts from (YYYY-MM-DD); default: the first "
                         "order's date; required when the file has no orders");
  lockup_cmd->add_option("--format", lockup_format, "Output format: text (default), csv, markdown")
      ->check(CLI::IsMember({"text", "csv", "markdown"}));
  lockup_cmd->add_option("--lang", lockup_lang, "Language: en (default) or zh")
      ->check(CLI::IsMember({"en", "zh"}));
  lockup_cmd->add_option("--html", lockup.html_path, "Also write a self-contained HTML report");
  lockup_cmd->add_option("--csv", lockup.csv_path, "Also write the per-lot calendar as CSV");
  lockup_cmd->add_option("--pdf", lockup.pdf_path,
                         "Also print the report to PDF (A4 landscape) with headless Chromium");
  AddEncodingOption(lockup_cmd, lockup.encoding, "the scenario file");
  lockup_cmd->add_option("--rules-dir", lockup.rules_dir,
                         "Rules directory (packs/, calendars/); default: $REDUCHECK_RULES_DIR, "
                         "then the built-in location");

  reducheck::cli::PlanOptions plan;
  CLI::App* plan_cmd =
      app.add_subcommand("plan", "Fastest compliant schedule to sell N shares (batch CSV format)");
  plan_cmd->add_option("scenario", plan.scenario_path, "Scenario YAML file")->required();
  plan_cmd->add_option("--holder", plan.holder, "Holder id")->required();
  plan_cmd
      ->add_option("--shares", plan.shares,
                   "Shares to sell: a number (12000000 or 12,000,000) or a percentage of the "
                   "total share capital (3%), rounded down")
      ->required();
  plan_cmd->add_option("--from", plan.from,
                       "First day (YYYY-MM-DD); default: the first trading day after the "
                       "history's last date; required when the history is empty");
  plan_cmd->add_option("--methods", plan.methods,
                       "centralized_bidding and/or block_trade, comma-separated (default: both)");
  plan_cmd->add_option("--out", plan.out_path, "Write the schedule CSV here (default: stdout)");
  AddEncodingOption(plan_cmd, plan.encoding, "the scenario file");
  plan_cmd->add_option("--rules-dir", plan.rules_dir,
                       "Rules directory (packs/, calendars/); default: $REDUCHECK_RULES_DIR, "
                       "then the built-in location");

  reducheck::cli::ImportOptions import;
  CLI::App* import_cmd = app.add_subcommand(
      "import",
      "Scenario to review from a shareholder register (股东名册, .xlsx or .csv; docs/import.md)");
  import_cmd->add_option("register", import.register_path, "Register workbook (.xlsx) or CSV")
      ->required();
  import_cmd->add_option("--mapping", import.mapping_path,
                         "YAML mapping file: columns, share kinds, company and holder facts");
  import_cmd->add_option("--out", import.out_path, "Write the scenario here (default: stdout)");
  import_cmd->add_option("--sheet", import.sheet,
                         "Sheet to read (default: the first with a recognisable header)");
  import_cmd->add_option("--header-row", import.header_row, "1-based header row (default: found)")
      ->check(CLI::Range(1, 1048576));
  AddEncodingOption(import_cmd, import.encoding, "a CSV register");

  reducheck::cli::ServeOptions serve;
  int serve_port = -1;
  CLI::App* serve_cmd = app.add_subcommand(
      "serve", "Desk service: HTTP/JSON checks, executions and announcements (docs/service.md)");
  serve_cmd->add_option("--db", serve.db_path, "SQLite state file (created if missing)")
      ->capture_default_str();
  serve_cmd->add_option("--listen", serve.listen, "Address to listen on, HOST:PORT")
      ->capture_default_str();
  serve_cmd
      ->add_option("--port", serve_port,
                   "Port on 127.0.0.1 (shorthand for --listen 127.0.0.1:PORT)")
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--load", serve.load,
                        "Scenario file(s) to load as reference data (a company's holders, lots "
                        "and history); may repeat");
  serve_cmd->add_flag("--replace-reference", serve.replace_reference,
                      "Let a changed --load file replace a company's reference data even though "
                      "executions were recorded on it (the file must already include them)");
  serve_cmd->add_option("--audit-log", serve.audit_log,
                        "Hash-chained audit log (default: the --db path + .audit.jsonl); closed "
                        "segments are kept beside it as FILE.000001, FILE.000002, ...");
  serve_cmd
      ->add_option("--audit-rotate-bytes", serve.audit_rotate_bytes,
                   "Close the audit log's active file into a numbered segment at this size (0: "
                   "never)")
      ->capture_default_str();
  serve_cmd->add_option("--audit-rotate-age", serve.audit_rotate_age,
                        "Also close it when it is this old: 24h, 90m, 3600s (default: never)");
  serve_cmd->add_flag("--audit-compress", serve.audit_compress,
                      "Compress closed audit segments with zstd (FILE.000001.zst)");
  serve_cmd->add_option("--audit-key-file", serve.audit_key_file,
                        "Key (32+ bytes) for a keyed chain: each line names its predecessor by "
                        "HMAC-SHA256, so an edited log cannot be re-chained without the key");
  serve_cmd->add_flag("--verify-full", serve.verify_full,
                      "At start, run SQLite's full integrity_check (default: quick_check)");
  serve_cmd->add_option("--token-file", serve.token_file,
                        "File holding the bearer token for writes (else $REDUCHECK_TOKEN; with "
                        "neither, writes are refused)");
  serve_cmd->add_option("--threads", serve.threads, "I/O threads")->capture_default_str();
  serve_cmd->add_option("--max-body-bytes", serve.max_body_bytes, "Largest request body accepted")
      ->capture_default_str();
  // `reducheck fix-gateway --config gateway.cfg [serve options]` is serve with the FIX gateway.
  serve_cmd->alias("fix-gateway");
  serve_cmd->add_option("--config", serve.fix_config,
                        "fix-gateway: QuickFIX settings file with the OMS and broker sessions "
                        "(docs/fix-gateway.md)");
  serve_cmd->add_option("--rules-dir", serve.rules_dir,
                        "Rules directory (packs/, calendars/); default: $REDUCHECK_RULES_DIR, "
                        "then the built-in location");

  std::string audit_log_path;
  std::string audit_db;
  std::string audit_key_file;
  CLI::App* audit_cmd = app.add_subcommand("audit", "Audit log tools");
  audit_cmd->require_subcommand(1);
  CLI::App* verify_cmd = audit_cmd->add_subcommand(
      "verify", "Check an audit log's hash chain: any edited, dropped or reordered line");
  verify_cmd
      ->add_option("log", audit_log_path,
                   "Audit log (its segments FILE.000001[.zst]... and active FILE), or a directory "
                   "of logs")
      ->required();
  verify_cmd->add_option("--db", audit_db,
                         "Service database: also check the chain head it recorded (at least once a "
                         "second while it ran)");
  verify_cmd->add_option("--key-file", audit_key_file,
                         "Key of a keyed log (serve --audit-key-file), to check its links");

  reducheck::cli::CalendarVerifyOptions calendar_verify;
  CLI::App* calendar_cmd = app.add_subcommand("calendar", "Trading calendar tools");
  calendar_cmd->require_subcommand(1);
  CLI::App* calendar_verify_cmd = calendar_cmd->add_subcommand(
      "verify",
      "Check a trading calendar file (e.g. a year replaced by its official notice) and show what "
      "changed against the shipped one (docs/calendar-format.md)");
  calendar_verify_cmd->add_option("file", calendar_verify.file, "Calendar YAML file")->required();
  calendar_verify_cmd->add_option(
      "--against", calendar_verify.against,
      "Calendar to compare with (default: the shipped calendars/cn-a-share.yaml)");
  calendar_verify_cmd->add_option("--rules-dir", calendar_verify.rules_dir,
                                  "Rules directory of the shipped calendar; default: "
                                  "$REDUCHECK_RULES_DIR, then the built-in locations");

  std::string replay_log;
  std::string replay_db;
  std::string replay_rules_dir;
  std::string replay_format = "text";
  CLI::App* replay_cmd = app.add_subcommand(
      "replay", "Re-evaluate every decision of an audit log; report any that differ");
  replay_cmd->add_option("log", replay_log, "Audit log (JSON lines)")->required();
  replay_cmd->add_option("--db", replay_db, "The service database the log belongs to")->required();
  replay_cmd->add_option("--format", replay_format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  replay_cmd->add_option("--rules-dir", replay_rules_dir,
                         "Rules directory to replay with; default: $REDUCHECK_RULES_DIR, then the "
                         "built-in location");

  // CLI11 reports a stray word as "A subcommand is required"; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string first = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({}))
      known = known || sub->get_name() == first || sub->check_name(first);
    if (!known) {
      std::cerr
          << "reducheck: unknown subcommand '" << first
          << "' (expected check, batch, plan, lockup, import, rules, serve, fix-gateway, audit "
             "or replay; run with --help)\n";
      return reducheck::cli::kExitBadInput;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0; every real one is a usage error.
    const int code = app.exit(e, std::cout, std::cerr);
    return code == 0 ? reducheck::cli::kExitPass : reducheck::cli::kExitBadInput;
  }

  if (check_cmd->parsed()) {
    check.format = check_format == "jsonl" ? Format::kJsonl : ParseFormat(check_format);
    check.lang = check_lang == "zh" ? Lang::kZh : Lang::kEn;
    return reducheck::cli::RunCheck(check, std::cout, std::cerr);
  }
  if (batch_cmd->parsed()) {
    const std::optional<reducheck::cli::BatchFormat> format =
        reducheck::cli::ResolveBatchFormat(batch.out_path, batch_format, std::cerr);
    if (!format) return reducheck::cli::kExitBadInput;
    batch.format = *format;
    batch.lang = batch_lang == "zh" ? Lang::kZh : Lang::kEn;
    return reducheck::cli::RunBatch(batch, std::cout, std::cerr);
  }
  if (lockup_cmd->parsed()) {
    lockup.format = lockup_format == "csv"        ? reducheck::cli::LockupFormat::kCsv
                    : lockup_format == "markdown" ? reducheck::cli::LockupFormat::kMarkdown
                                                  : reducheck::cli::LockupFormat::kText;
    lockup.lang = lockup_lang == "zh" ? Lang::kZh : Lang::kEn;
    return reducheck::cli::RunLockup(lockup, std::cout, std::cerr);
  }
  if (plan_cmd->parsed()) return reducheck::cli::RunPlan(plan, std::cout, std::cerr);
  if (import_cmd->parsed()) return reducheck::cli::RunImport(import, std::cout, std::cerr);
  if (serve_cmd->parsed()) {
    if (serve_port >= 0) {
      if (serve_cmd->count("--listen") > 0) {
        std::cerr << "reducheck serve: give --listen or --port, not both\n";
        return reducheck::cli::kExitBadInput;
      }
      serve.listen = "127.0.0.1:" + std::to_string(serve_port);
    }
    return reducheck::cli::RunServe(serve, std::cerr);
  }
  if (verify_cmd->parsed()) {
    return reducheck::cli::RunAuditVerify(audit_log_path, audit_db, audit_key_file, std::cout,
                                          std::cerr);
  }
  if (replay_cmd->parsed()) {
    return reducheck::cli::RunReplay(replay_log, replay_db, replay_rules_dir,
                                     replay_format == "json" ? reducheck::cli::ReplayFormat::kJson
                                                             : reducheck::cli::ReplayFormat::kText,
                                     std::cout, std::cerr);
  }
  if (calendar_verify_cmd->parsed()) {
    return reducheck::cli::RunCalendarVerify(calendar_verify, std::cout, std::cerr);
  }
  if (rules_cmd->parsed()) {
    rules.format = ParseFormat(rules_format);
    return reducheck::cli::RunRules(rules, std::cout, std::cerr);
  }
  std::cerr << "reducheck: a subcommand is required (run with --help)\n";
  return reducheck::cli::kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "internal error: unknown exception\n";
  }
  return reducheck::cli::kExitInternal;
}
