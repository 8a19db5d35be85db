// `reducheck batch SCENARIO.yaml SCHEDULE.csv`: applies a disposal schedule line by line
// (contract.md §3, docs/batch.md).
#ifndef REDUCHECK_ADAPTERS_CLI_BATCH_COMMAND_H_
#define REDUCHECK_ADAPTERS_CLI_BATCH_COMMAND_H_

#include <optional>
#include <ostream>
#include <string>

#include "reducheck/adapters/text_encoding.h"
#include "reducheck/adapters/verdict_render.h"

namespace reducheck::cli {

enum class BatchFormat { kCsv, kJsonl, kJson, kXlsx };  // xlsx: --out required

struct BatchOptions {
  std::string scenario_path;
  std::string schedule_path;
  std::string out_path;  // empty: stdout
  BatchFormat format = BatchFormat::kCsv;
  adapters::Lang lang = adapters::Lang::kEn;  // the xlsx workbook's language (--lang)
  std::string rules_dir;                      // empty: DefaultRulesDir's search
  // --encoding of the files read (scenario; schedule): utf-8, or gb18030 converted to UTF-8.
  adapters::InputEncoding encoding = adapters::InputEncoding::kUtf8;
};

// The output format from --format (`flag`, "" when not given) and the --out file's extension:
// .csv, .jsonl / .ndjson, .json (a JSON array of the JSON-lines objects), .xlsx (any case).
// Without --format the extension decides (CSV when it names none of these, or without --out);
// a --format that contradicts the extension is refused: nullopt after a message on `err`.
std::optional<BatchFormat> ResolveBatchFormat(const std::string& out_path, const std::string& flag,
                                              std::ostream& err);

// Lines are applied in file order: a sale is judged against the state so far and, when it
// passes, recorded (Evaluator::Record) so later lines see it; an announcement line is recorded
// (Ledger::RecordAnnouncement). A bad line is reported on `err` as `SCHEDULE:line: field:
// message`, written as an `error` row and skipped; the batch goes on. One output row per line.
// Exit: 2 when the scenario, rules or schedule header are unusable (nothing written) or any
// line was bad (after the whole file); else 1 when any sale failed or was unknown; else 0.
// A progress bar goes to stderr when stderr is a terminal and the schedule has > 10,000 lines.
int RunBatch(const BatchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_BATCH_COMMAND_H_
