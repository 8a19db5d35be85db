#include "cli/session.h"

#include <filesystem>
#include <system_error>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/scenario_reader.h"

namespace reducheck::cli {
namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitInternal = 3;

void PrintAll(const std::vector<adapters::Diagnostic>& problems, std::ostream& err) {
  for (const adapters::Diagnostic& d : problems) err << adapters::Format(d) << '\n';
}

}  // namespace

int OpenSession(const std::string& path, const std::string& rules_dir_flag, std::ostream& err,
                Session& session, adapters::InputEncoding encoding, bool tolerate_bad_orders) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    err << adapters::Format({path, 0, 0, "", "cannot read the scenario file: no such file"})
        << '\n';
    return kExitBadInput;
  }
  if (std::filesystem::is_directory(path, ec)) {
    err << adapters::Format({path, 0, 0, "", "is a directory, not a scenario file"}) << '\n';
    return kExitBadInput;
  }
  adapters::ScenarioLoad scenario;
  if (encoding == adapters::InputEncoding::kUtf8) {
    scenario = adapters::ReadScenarioFile(path);
  } else {
    adapters::DecodedText text = adapters::ReadTextFile(path, encoding);
    if (text.problem) {
      err << adapters::Format(*text.problem) << '\n';
      return kExitBadInput;
    }
    std::string base_dir = std::filesystem::path(path).parent_path().generic_string();
    if (base_dir.empty()) base_dir = ".";
    scenario = adapters::ReadScenarioText(*text.text, path, base_dir);
  }
  if (tolerate_bad_orders) adapters::TolerateBadOrders(scenario);
  if (!scenario.problems.empty() || !scenario.scenario) {
    PrintAll(scenario.problems, err);
    if (scenario.problems.empty()) err << path << ": the scenario could not be read\n";
    return kExitBadInput;
  }
  session.rules = adapters::LoadEvaluator(adapters::DefaultRulesDir(rules_dir_flag));
  if (!session.rules.problems.empty() || !session.rules.evaluator) {
    PrintAll(session.rules.problems, err);
    if (session.rules.problems.empty()) {
      err << session.rules.rules_dir << ": rule data could not be loaded\n";
    }
    return kExitBadInput;
  }
  Result<Ledger> built = Ledger::Build(std::move(*scenario.scenario));
  if (!built.ok()) {
    const bool internal = built.status().code() == StatusCode::kInternal;
    if (internal) err << "internal error: ";
    err << path << ": " << built.status().message() << '\n';
    return internal ? kExitInternal : kExitBadInput;
  }
  session.ledger.emplace(std::move(built).value());
  session.order_slots = std::move(scenario.order_slots);
  if (const auto& pack = session.ledger->scenario().rule_pack; pack && !pack->empty()) {
    std::string known;
    bool found = false;
    for (const auto& p : session.evaluator().packs()) {
      found = found || p->id() == *pack;
      if (!known.empty()) known += ", ";
      known += p->id();
    }
    if (!found) {
      err << path << ": rule_pack: unknown rule pack \"" << *pack << "\" (known: " << known
          << ")\n";
      return kExitBadInput;
    }
    session.pinned_pack = *pack;
  }
  return 0;
}

}  // namespace reducheck::cli
