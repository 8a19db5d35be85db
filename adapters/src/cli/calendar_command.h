// `reducheck calendar verify FILE`: checks a trading calendar file before it replaces the shipped
// one (docs/calendar-format.md, "Replacing a provisional year with the official notice").
#ifndef REDUCHECK_ADAPTERS_CLI_CALENDAR_COMMAND_H_
#define REDUCHECK_ADAPTERS_CLI_CALENDAR_COMMAND_H_

#include <ostream>
#include <string>

namespace reducheck::cli {

struct CalendarVerifyOptions {
  std::string file;       // the calendar to check
  std::string against;    // compare with this calendar; empty: the shipped one (rules dir)
  std::string rules_dir;  // empty: DefaultRulesDir's search
};

// Reads `file` with the reader every command uses, then checks what the reader cannot: each
// closure lies in a holiday season (no closure on an ordinary working day), the entries of each
// year are sorted and do not overlap, each year has a plausible number of trading days. Prints
// the problems (file:line: field: message) or "valid", then what changed against the shipped
// calendar. Exit 0 valid, 1 problems found, 2 the file (or the one compared) cannot be read.
int RunCalendarVerify(const CalendarVerifyOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_CALENDAR_COMMAND_H_
