// RenderVerdictJsonCompact writes plain passing verdicts directly (the desk's hot path); its
// bytes must be exactly what the general JSON renderer writes, for every example order.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/ledger.h"

namespace reducheck::adapters {
namespace {

// The general path's compact bytes: the pretty array, re-dumped compactly in the same key order.
std::string GeneralCompact(const CheckedOrder& c) {
  const auto all = nlohmann::ordered_json::parse(RenderJson({c}));
  return all.at(0).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

TEST(VerdictJsonCompact, MatchesTheGeneralRendererOnEveryExampleOrder) {
  const EvaluatorLoad rules = LoadEvaluator(REDUCHECK_RULES_DIR);
  ASSERT_TRUE(rules.evaluator.has_value());
  int orders = 0;
  int plain_passes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(REDUCHECK_EXAMPLES_DIR)) {
    if (entry.path().extension() != ".yaml") continue;
    ScenarioLoad load = ReadScenarioFile(entry.path().string());
    ASSERT_TRUE(load.scenario.has_value()) << entry.path();
    const std::vector<Order> list = load.scenario->orders;
    const std::string pinned = load.scenario->rule_pack.value_or("");
    auto ledger = Ledger::Build(std::move(*load.scenario));
    ASSERT_TRUE(ledger.ok()) << entry.path();
    for (const Order& order : list) {
      auto verdict = rules.evaluator->Check(order, ledger.value(), pinned);
      if (!verdict.ok()) continue;  // orders meant to be rejected as input
      const CheckedOrder c{&order, verdict.value()};
      ++orders;
      const bool plain = c.verdict.violations.empty() && c.verdict.unknown.empty() &&
                         c.verdict.obligations.empty();
      plain_passes += plain ? 1 : 0;
      EXPECT_EQ(RenderVerdictJsonCompact(c), GeneralCompact(c)) << entry.path() << " " << order.id;
    }
  }
  EXPECT_GT(orders, 40);
  EXPECT_GT(plain_passes, 3);  // the fast path was exercised
}

TEST(VerdictJsonCompact, IdsThatNeedEscapingTakeTheGeneralPath) {
  for (const std::string id : {"a\"b", "back\\slash", "tab\there", "订单-1", ""}) {
    Order order;
    order.id = id;
    CheckedOrder c{&order, {}};
    c.verdict.max_compliant_shares = 100;
    c.verdict.binding_rule = "HOLDINGS";
    c.verdict.earliest_full_date = Date(2026, 3, 17);
    c.verdict.rule_pack = "cn-2024";
    EXPECT_EQ(RenderVerdictJsonCompact(c), GeneralCompact(c)) << id;
    EXPECT_EQ(nlohmann::json::parse(RenderVerdictJsonCompact(c))["order"], id);
  }
  CheckedOrder no_order{nullptr, {}};
  EXPECT_EQ(RenderVerdictJsonCompact(no_order), GeneralCompact(no_order));
}

}  // namespace
}  // namespace reducheck::adapters
