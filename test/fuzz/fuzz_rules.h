// The shipped rule packs and calendar, loaded once per fuzz process (REDUCHECK_RULES_DIR).
#ifndef REDUCHECK_TEST_FUZZ_FUZZ_RULES_H_
#define REDUCHECK_TEST_FUZZ_FUZZ_RULES_H_

#include <cstdio>
#include <cstdlib>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/engine/evaluator.h"

namespace reducheck::fuzz {

inline const Evaluator& ShippedRules() {
  static const adapters::EvaluatorLoad load = [] {
    adapters::EvaluatorLoad l = adapters::LoadEvaluator(REDUCHECK_RULES_DIR);
    if (!l.evaluator) {
      for (const adapters::Diagnostic& d : l.problems) {
        std::fprintf(stderr, "%s\n", adapters::Format(d).c_str());
      }
      std::fprintf(stderr, "fuzz: the shipped rules in %s do not load\n", REDUCHECK_RULES_DIR);
      std::abort();
    }
    return l;
  }();
  return *load.evaluator;
}

}  // namespace reducheck::fuzz

#endif  // REDUCHECK_TEST_FUZZ_FUZZ_RULES_H_
