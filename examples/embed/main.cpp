// Embedding reducheck in a C++ order system (docs/embedding.md): load the installed rule packs
// and calendar once, index a company's reference data once, then judge orders in-process with a
// reused Verdict and Scratch (the allocation-free pass path).
//
// Usage: embed_check SCENARIO.yaml [RULES_DIR]   (RULES_DIR: the package's reducheck_RULES_DIR)
// Prints one line per order: id, outcome, largest passing quantity, binding rule, violations.
#include <cstdio>
#include <string>
#include <utility>

#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/engine/money.h"
#include "reducheck/engine/order.h"
#include "reducheck/engine/verdict.h"

namespace {

void PrintProblems(const std::vector<reducheck::adapters::Diagnostic>& problems) {
  for (const auto& d : problems) {
    std::fprintf(stderr, "%s:%d: %s: %s\n", d.file.c_str(), d.line, d.field.c_str(),
                 d.message.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s SCENARIO.yaml [RULES_DIR]\n", argv[0]);
    return 2;
  }
  // 1. Once: the rule packs and the calendar (reducheck::io).
  const std::string rules_dir = argc == 3 ? argv[2] : REDUCHECK_EMBED_RULES_DIR;
  reducheck::adapters::EvaluatorLoad rules = reducheck::adapters::LoadEvaluator(rules_dir);
  if (!rules.evaluator) {
    PrintProblems(rules.problems);
    return 2;
  }
  const reducheck::Evaluator& evaluator = *rules.evaluator;

  // 2. Once per company (and again after each recorded fill): the ledger.
  reducheck::adapters::ScenarioLoad scenario = reducheck::adapters::ReadScenarioFile(argv[1]);
  if (!scenario.scenario) {
    PrintProblems(scenario.problems);
    return 2;
  }
  reducheck::Result<reducheck::Ledger> ledger =
      reducheck::Ledger::Build(std::move(*scenario.scenario));
  if (!ledger.ok()) {
    std::fprintf(stderr, "%s\n", ledger.status().message().c_str());
    return 2;
  }

  // 3. Per order: Check with a reused Verdict and Scratch (reducheck::engine + rules).
  reducheck::Verdict verdict;
  reducheck::Evaluator::Scratch scratch;
  const reducheck::Date date(2026, 3, 17);
  const reducheck::Shares quantities[] = {2'000'000, 6'000'000};
  for (const reducheck::Shares shares : quantities) {
    reducheck::Order order;
    order.id = "O-" + std::to_string(shares);
    order.holder = "DY";
    order.date = date;
    order.method = reducheck::Method::kCentralizedBidding;
    order.shares = shares;
    order.price = reducheck::Money::Parse("18.60");
    const reducheck::Status status = evaluator.Check(order, ledger.value(), verdict, scratch);
    if (!status.ok()) {
      std::fprintf(stderr, "%s: cannot evaluate: %s\n", order.id.c_str(), status.message().c_str());
      return 2;
    }
    std::printf("%s %s max_compliant_shares=%lld binding_rule=%.*s", order.id.c_str(),
                std::string(reducheck::OutcomeName(verdict.outcome)).c_str(),
                static_cast<long long>(verdict.max_compliant_shares),
                static_cast<int>(verdict.binding_rule.size()), verdict.binding_rule.data());
    for (const reducheck::Violation& v : verdict.violations) {
      std::printf(" violation=%.*s/%s", static_cast<int>(v.rule->id.size()), v.rule->id.data(),
                  std::string(reducheck::CategoryName(v.category)).c_str());
    }
    std::printf("\n");
  }
  return 0;
}
