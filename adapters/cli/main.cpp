// The `reducheck` executable: argument parsing and exit codes (contract.md §3).
//
// Usage errors exit 2 with a message on stderr; an exception that escapes a command is a bug
// and exits 3 ("internal error: ..."). The commands themselves live in adapters/src/cli/.
// No network access of any kind.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <string>

#include "cli/commands.h"

namespace {

using reducheck::adapters::Lang;
using reducheck::cli::Format;

Format ParseFormat(const std::string& s) { return s == "text" ? Format::kText : Format::kJson; }

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
  CLI::App* check_cmd = app.add_subcommand("check", "Judge every order of a scenario file");
  check_cmd->add_option("scenario", check.scenario_path, "Scenario YAML file")->required();
  check_cmd->add_option("--format", check_format, "Output format: json (default) or text")
      ->check(CLI::IsMember({"json", "text"}));
  check_cmd->add_option("--lang", check_lang, "Language of the text format: en (default) or zh")
      ->check(CLI::IsMember({"en", "zh"}));
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

  // CLI11 reports a stray word as "A subcommand is required"; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string first = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known = known || sub->get_name() == first;
    if (!known) {
      std::cerr << "reducheck: unknown subcommand '" << first
                << "' (expected check or rules; run with --help)\n";
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
    check.format = ParseFormat(check_format);
    check.lang = check_lang == "zh" ? Lang::kZh : Lang::kEn;
    return reducheck::cli::RunCheck(check, std::cout, std::cerr);
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
