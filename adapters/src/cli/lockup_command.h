// `reducheck lockup`: the lock-up calendar for IPO counsel (contract.md §3, issue 4 item 3).
#ifndef REDUCHECK_ADAPTERS_CLI_LOCKUP_COMMAND_H_
#define REDUCHECK_ADAPTERS_CLI_LOCKUP_COMMAND_H_

#include <ostream>
#include <string>

#include "reducheck/adapters/text_encoding.h"
#include "reducheck/adapters/verdict_render.h"

namespace reducheck::cli {

enum class LockupFormat { kText, kCsv, kMarkdown };

struct LockupOptions {
  std::string scenario_path;  // as given by the user; named in every message
  // ISO date; empty: the first order's date (by date), required when the file has no orders.
  std::string as_of;
  LockupFormat format = LockupFormat::kText;
  adapters::Lang lang = adapters::Lang::kEn;
  std::string html_path;  // non-empty: also write the HTML report there
  std::string csv_path;   // non-empty: also write the per-lot CSV there
  std::string pdf_path;   // non-empty: also print the HTML report to PDF (headless Chromium)
  std::string rules_dir;  // empty: DefaultRulesDir's search
  // --encoding of the files read (scenario; schedule): utf-8, or gb18030 converted to UTF-8.
  adapters::InputEncoding encoding = adapters::InputEncoding::kUtf8;
};

// Prints the calendar on `out` in `format` and writes the optional files. Exit 0 on success,
// 2 on bad input (broken scenario or rules, a bad or missing --as-of, an as-of date outside
// the trading calendar, a file that cannot be written), 3 on an internal error.
int RunLockup(const LockupOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_LOCKUP_COMMAND_H_
