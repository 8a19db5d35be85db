// Excel workbook of a batch run (libxlsxwriter; docs/batch.md#excel-workbook), in English or
// Chinese: "Lines" (one row per schedule line, real Excel dates, the violations' messages and
// citations), "Violations" (one row per violation), "Summary" (counts, provenance), and one
// sheet per holder with its running quota (the headroom on each of its lines, the shares sold
// so far in the schedule, the holding after the line).
#ifndef REDUCHECK_ADAPTERS_REPORT_BATCH_WORKBOOK_H_
#define REDUCHECK_ADAPTERS_REPORT_BATCH_WORKBOOK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/status.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {

struct WorkbookViolation {
  std::string rule;
  int category = 0;
  Shares shares_in_breach = 0;
  std::string message;   // in the workbook's language
  std::string citation;  // in the workbook's language (the Chinese citation when no English)
};

// One schedule line as the workbook shows it.
struct WorkbookLine {
  int line = 0;
  std::string id, kind, holder, date_text, method, shares_text;
  std::optional<Date> date;      // when the date cell parsed
  std::optional<Shares> shares;  // when the shares cell parsed
  std::string verdict;           // pass | fail | unknown | announcement | error
  std::string categories;        // "1;3"
  std::string rules;             // "LOCK-CTRL-36M;PRE-15TD;CTRL-DIV?"
  std::optional<Shares> headroom;
  std::string binding;
  bool recorded = false;
  std::string error;
  std::vector<WorkbookViolation> violations;
  std::vector<std::string> unknown;     // "RULE: what was missing"
  std::optional<Shares> holding_after;  // the holder's shares after the line
  Shares sold_so_far = 0;               // the holder's recorded sales in the schedule so far
  std::string provisional_years;        // the calendar caveat: "2027;2028", empty when none counted
};

struct WorkbookInfo {
  Lang lang = Lang::kEn;
  std::string scenario;
  std::string schedule;
  std::string generated_at;
  std::string tool;
  std::vector<std::pair<std::string, std::string>> holder_names;  // id, name (scenario order)
};

inline constexpr std::size_t kMaxHolderSheets = 250;

// Writes `path`. Non-ok: more lines than a sheet holds, or the file cannot be written.
Status WriteBatchWorkbook(const std::vector<WorkbookLine>& lines, const WorkbookInfo& info,
                          const std::string& path);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_REPORT_BATCH_WORKBOOK_H_
