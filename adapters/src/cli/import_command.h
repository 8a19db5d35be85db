// `reducheck import REGISTER`: a scenario to review from a shareholder register (issue 13 item
// 1, docs/import.md).
#ifndef REDUCHECK_ADAPTERS_CLI_IMPORT_COMMAND_H_
#define REDUCHECK_ADAPTERS_CLI_IMPORT_COMMAND_H_

#include <ostream>
#include <string>

#include "reducheck/adapters/text_encoding.h"

namespace reducheck::cli {

struct ImportOptions {
  std::string register_path;  // .xlsx or .csv
  std::string mapping_path;   // --mapping; empty: the built-in mapping
  std::string out_path;       // --out; empty: stdout
  std::string sheet;          // --sheet (overrides the mapping's)
  int header_row = 0;         // --header-row (overrides the mapping's); 0: detected
  adapters::InputEncoding encoding = adapters::InputEncoding::kUtf8;  // CSV registers
};

// Writes the scenario YAML to --out or `out`, and a summary on `err` (holders, lots, values to
// fill in, rows not imported, each with FILE:ROW:COLUMN). Exit 0: every row imported; 1: the
// scenario was written but some rows were not imported (listed); 2: bad input or usage,
// nothing written; 3: internal error.
int RunImport(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_IMPORT_COMMAND_H_
