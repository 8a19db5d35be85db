// `reducheck import`: a shareholder register (股东名册, 前N名股东名册, the prospectus' 股本结构
// table) turned into a scenario for a person to review (issue 13 item 1, docs/import.md).
//
// ImportRegister finds the header row, maps each data row to a holder and its lots (restricted
// and free-float parts; the share kind 股份性质 to a lot source), merges rows of the same holder,
// and lists every row it could not map with FILE:ROW:COLUMN and why (never dropped silently).
// RenderImportedScenario writes the scenario YAML, commented wherever a value was guessed and
// with `null  # FILL IN` for required values the register does not hold, so `reducheck check`
// refuses the file, pointing at each such line, until a person fills them.
#ifndef REDUCHECK_ADAPTERS_IMPORT_REGISTER_IMPORT_H_
#define REDUCHECK_ADAPTERS_IMPORT_REGISTER_IMPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "import/import_mapping.h"
#include "import/register_table.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {

struct ImportedLot {
  std::string id;
  Shares shares = 0;
  Source source = Source::kOther;
  bool restricted = false;      // the register lists these shares as restricted (限售)
  bool source_guessed = false;  // a reading, explained in `note`
  std::string note;             // comment for the reviewer
  std::string origin;           // "row 7" / "row 7, C7 首发前限售股"
  std::string acquired;         // YYYY-MM-DD from the mapping, or empty
};

struct ImportedHolder {
  std::string id;
  std::string name;
  std::string account;
  std::string id_number;
  std::string holder_type;
  std::vector<std::string> roles;
  bool reviewed = false;  // matched by a `holders:` entry of the mapping
  std::string concert_group;
  std::vector<ImportedLot> lots;
  std::vector<std::string> notes;
  std::vector<int> rows;  // register rows merged into this holder
  Shares frozen = 0;
  Shares total = 0;
};

struct CompanyValue {
  std::string key;
  std::string value;  // empty: not known (written as null  # FILL IN)
  std::string note;   // where it came from, or what to fill in
  bool guessed = false;
};

struct ImportResult {
  std::string file;
  std::string sheet;
  int header_row = 0;
  std::vector<std::string> columns_used;    // "account: 证券账户号码 (column A)"
  std::vector<std::string> columns_unused;  // header texts not read
  std::string register_date;                // 权益登记日 from the preamble, when found
  std::vector<CompanyValue> company;
  std::vector<ImportedHolder> holders;
  std::vector<Diagnostic> unmapped;        // rows not imported, located, with the reason
  std::vector<std::string> mapping_notes;  // e.g. a holders: entry that matched nothing
  int fill_in = 0;                         // required values left null for the reviewer
};

// Maps the register. Fatal problems (no table, no header found, a mapping naming a missing
// sheet or column) go to `problems` and the result is not usable.
ImportResult ImportRegister(const std::vector<RegisterTable>& tables, ImportMapping& mapping,
                            std::vector<Diagnostic>& problems);

// The scenario YAML. `generated_at` ("2026-12-04T17:30:00Z") and `tool` ("reducheck 0.1.0")
// are written in its header comment.
std::string RenderImportedScenario(const ImportResult& result, const std::string& generated_at,
                                   const std::string& tool);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_IMPORT_REGISTER_IMPORT_H_
