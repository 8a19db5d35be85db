// `reducheck import` (import_command.h).
#include "cli/import_command.h"

#include <fstream>
#include <vector>

#include "cli/commands.h"
#include "import/import_mapping.h"
#include "import/register_import.h"
#include "import/register_table.h"
#include "output/atomic_file.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/generation_time.h"

namespace reducheck::cli {

int RunImport(const ImportOptions& options, std::ostream& out, std::ostream& err) {
  adapters::ImportMapping mapping = adapters::DefaultMapping();
  std::vector<adapters::Diagnostic> problems;
  if (!options.mapping_path.empty() &&
      !adapters::ReadMappingFile(options.mapping_path, mapping, problems)) {
    for (const auto& d : problems) err << adapters::Format(d) << '\n';
    return kExitBadInput;
  }
  if (!options.sheet.empty()) mapping.sheet = options.sheet;
  if (options.header_row > 0) mapping.header_row = options.header_row;

  adapters::TablesLoad tables = adapters::ReadRegisterFile(options.register_path, options.encoding);
  if (!tables.problems.empty()) {
    for (const auto& d : tables.problems) err << adapters::Format(d) << '\n';
    return kExitBadInput;
  }
  for (const adapters::RegisterTable& t : tables.tables) {
    if (t.xlsx) continue;
    // A CSV register must be UTF-8 once decoded: a GBK file read as UTF-8 is refused here,
    // never written into the scenario as broken text.
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
        if (!adapters::IsValidUtf8(t.rows[r][c].text)) {
          err << adapters::Format(t.Where(r, c, "",
                                          "not valid UTF-8: the file looks GBK/GB18030-encoded "
                                          "(Excel's \"CSV (逗号分隔)\" in a Chinese locale); give "
                                          "--encoding gb18030"))
              << '\n';
          return kExitBadInput;
        }
      }
    }
  }
  adapters::ImportResult result = adapters::ImportRegister(tables.tables, mapping, problems);
  if (!problems.empty()) {
    for (const auto& d : problems) err << adapters::Format(d) << '\n';
    return kExitBadInput;
  }
  const std::string yaml = adapters::RenderImportedScenario(result, adapters::GenerationTimeUtc(),
                                                            std::string("reducheck ") + kVersion);
  if (options.out_path.empty()) {
    out << yaml;
    out.flush();
  } else {
    // The scenario file appears whole or not at all (output/atomic_file.h).
    if (Status st = output::WriteFileAtomically(options.out_path, yaml); !st.ok()) {
      err << "reducheck import: --out: " << st.message() << '\n';
      return kExitBadInput;
    }
  }
  std::size_t lots = 0;
  for (const auto& h : result.holders) lots += h.lots.size();
  err << "import: " << result.holders.size() << " holders, " << lots << " lots from " << result.file
      << (result.sheet.empty() ? "" : " [" + result.sheet + "]") << ", header row "
      << result.header_row << "\n";
  err << "import: " << result.fill_in << " required value(s) to FILL IN"
      << (result.fill_in > 0 ? " before `reducheck check` accepts the file" : "") << "\n";
  for (const std::string& n : result.mapping_notes) err << "import: " << n << "\n";
  for (const auto& d : result.unmapped) err << adapters::Format(d) << '\n';
  if (!result.unmapped.empty()) {
    err << "import: " << result.unmapped.size()
        << " row(s) not imported (listed above and at the end of the scenario)\n";
    return kExitFail;
  }
  return kExitPass;
}

}  // namespace reducheck::cli
