// `reducheck lockup` (lockup_command.h).
#include "cli/lockup_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/session.h"
#include "input/date.h"
#include "input/limits.h"
#include "input/text.h"
#include "output/atomic_file.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/generation_time.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "report/lockup_report.h"
#include "report/pdf_render.h"

namespace reducheck::cli {

namespace {

// A strict YYYY-MM-DD date within the accepted range (input/date.h), or nullopt with `error`.
std::optional<Date> ParseDateOption(std::string_view s, std::string* error) {
  return input::ParseIsoDate(s, error);
}

// Writes the whole file or nothing (output/atomic_file.h).
bool WriteFile(const std::string& path, const std::string& content, std::ostream& err) {
  if (Status st = output::WriteFileAtomically(path, content); !st.ok()) {
    err << st.message() << '\n';
    return false;
  }
  return true;
}

}  // namespace

int RunLockup(const LockupOptions& options, std::ostream& out, std::ostream& err) {
  const std::string& path = options.scenario_path;
  std::optional<Date> as_of;
  if (!options.as_of.empty()) {
    std::string error;
    as_of = ParseDateOption(options.as_of, &error);
    if (!as_of) {
      err << "reducheck lockup: --as-of: " << error << '\n';
      return kExitBadInput;
    }
  }

  Session session;
  if (const int code = OpenSession(path, options.rules_dir, err, session, options.encoding);
      code != 0)
    return code;
  const Evaluator& evaluator = session.evaluator();
  const Ledger& ledger = *session.ledger;
  const std::string_view pinned = session.pinned_pack;
  if (!as_of) {
    const std::vector<Order>& orders = ledger.scenario().orders;
    if (orders.empty()) {
      err << path
          << ": orders: the file has no orders, so --as-of DATE is required (the date the "
             "calendar is drawn from)\n";
      return kExitBadInput;
    }
    as_of = std::min_element(orders.begin(), orders.end(), [](const Order& a, const Order& b) {
              return a.date < b.date;
            })->date;
  }

  Result<adapters::LockupReport> report =
      adapters::BuildLockupReport(evaluator, ledger, *as_of, pinned);
  if (!report.ok()) {
    if (report.status().code() == StatusCode::kInternal) {
      err << "internal error: " << path << ": " << report.status().message() << '\n';
      return kExitInternal;
    }
    err << path << ": --as-of " << adapters::FormatDate(*as_of) << ": " << report.status().message()
        << '\n';
    return kExitBadInput;
  }
  adapters::LockupReport r = std::move(report).value();
  r.generated_at = adapters::GenerationTimeUtc();
  r.tool = std::string("reducheck ") + kVersion;

  if (!options.html_path.empty() &&
      !WriteFile(options.html_path, adapters::RenderLockupHtml(r, options.lang), err)) {
    return kExitBadInput;
  }
  if (!options.pdf_path.empty()) {
    if (Status st = adapters::RenderPdfWithChromium(adapters::RenderLockupHtml(r, options.lang),
                                                    options.pdf_path);
        !st.ok()) {
      err << options.pdf_path << ": " << st.message() << '\n';
      return kExitBadInput;
    }
  }
  if (!options.csv_path.empty() &&
      !WriteFile(options.csv_path, adapters::RenderLockupCsv(r), err)) {
    return kExitBadInput;
  }
  switch (options.format) {
    case LockupFormat::kText:
      out << adapters::RenderLockupText(r, options.lang);
      break;
    case LockupFormat::kCsv:
      out << adapters::RenderLockupCsv(r);
      break;
    case LockupFormat::kMarkdown:
      out << adapters::RenderLockupMarkdown(r, options.lang);
      break;
  }
  return kExitPass;
}

}  // namespace reducheck::cli
