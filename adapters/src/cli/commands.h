// The `reducheck` subcommands, apart from argument parsing (adapters/cli/main.cpp).
//
// Each command takes its parsed options and the two output streams, writes results to `out`
// and every message for people to `err`, and returns the process exit code of contract.md §3.
// Commands read local files only (never the network) and do not throw for bad input; an
// escaped exception is a bug, which main() reports as exit code 3.
#ifndef REDUCHECK_ADAPTERS_CLI_COMMANDS_H_
#define REDUCHECK_ADAPTERS_CLI_COMMANDS_H_

#include <ostream>
#include <string>

#include "reducheck/adapters/text_encoding.h"
#include "reducheck/adapters/verdict_render.h"

namespace reducheck::cli {

inline constexpr const char* kVersion = "0.1.0";

// Exit codes (contract.md §3).
inline constexpr int kExitPass = 0;      // every order passes / command succeeded
inline constexpr int kExitFail = 1;      // at least one order fails or is unknown
inline constexpr int kExitBadInput = 2;  // bad input or usage
inline constexpr int kExitInternal = 3;  // internal error

enum class Format { kJson, kText, kJsonl };

struct CheckOptions {
  std::string scenario_path;  // as given by the user; named in every message
  Format format = Format::kJson;
  adapters::Lang lang = adapters::Lang::kEn;  // text format only
  std::string rules_dir;                      // empty: DefaultRulesDir's search
  // --encoding of the files read (scenario; schedule): utf-8, or gb18030 converted to UTF-8.
  adapters::InputEncoding encoding = adapters::InputEncoding::kUtf8;
  std::string orders_path;    // --orders FILE ("-": stdin); empty: none
  std::string orders_format;  // --orders-format csv|jsonl; empty: by extension
};

// `reducheck check` (docs/check.md): judges every order of the scenario, then every order of the
// --orders file (each on its own, against the same state), and writes one entry per order as it
// goes, in memory that does not grow with the number of orders. An order that cannot be judged
// (unreadable, unknown holder, more shares than held, a date off the calendar or not a trading
// day) is reported on `err` as file:line: field: message and as an error entry, and the others
// are still judged. Exit 0 when all pass; 1 when any fails or is unknown; 2 when any order was
// bad (after all were judged), or at once, with nothing written, when the scenario, the rules
// directory or the orders file cannot be used; 3 on an internal error.
int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);

struct RulesOptions {
  std::string pack;       // empty: every pack
  std::string rules_dir;  // empty: DefaultRulesDir's search
  Format format = Format::kText;
};

// `reducheck rules`: lists every rule of the catalog, then each pack (or the one named) with
// its parameters and sources. Exit 0, or 2 for an unknown pack or broken rules directory.
int RunRules(const RulesOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_COMMANDS_H_
