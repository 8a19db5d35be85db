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
      std::string appended = "prefix";
      AppendVerdictJsonCompact(c, appended);
      EXPECT_EQ(appended, "prefix" + GeneralCompact(c)) << entry.path() << " " << order.id;
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

// The direct writer's escaping, invalid UTF-8 (left to the general path, which replaces it) and
// the number forms of a penalty, against the general renderer.
TEST(VerdictJsonCompact, DirectWriterEscapesLikeTheGeneralRenderer) {
  for (const std::string& text :
       {std::string("quote \" back\\ tab\t nl\n cr\r bs\b ff\f"), std::string("\x01\x1f\x7f"),
        std::string("中文 ok"), std::string("bad \xff byte"), std::string("cut \xe4\xb8"),
        std::string("overlong \xc0\xaf"), std::string("surrogate \xed\xa0\x80")}) {
    Order order;
    order.id = "O-" + text;
    CheckedOrder c{&order, {}};
    c.verdict.outcome = Outcome::kFail;
    Violation v;
    v.shares_in_breach = 7;
    v.message = Text{text, text};
    v.facts.push_back(Fact{"note", text});
    v.facts.push_back(Fact{"share", Ratio{1, 3}});
    v.facts.push_back(Fact{"none", Ratio{1, 0}});
    v.facts.push_back(Fact{"window", DateRange{Date(2026, 1, 2), Date(2026, 3, 31)}});
    v.facts.push_back(Fact{"flag", true});
    v.facts.push_back(Fact{"amount", Money::Parse("12.3456").value()});
    c.verdict.violations.push_back(v);
    PenaltyEstimate p;
    p.category = Category::kProcedural;
    p.basis = "sale_amount_pct";
    p.circumstance = "general";
    for (const auto& [lo, hi] : {std::pair{1000, 2000}, std::pair{500, 10000}, std::pair{1, 9999},
                                 std::pair{1234, 30000}}) {
      p.rate_min_bp = lo;
      p.rate_max_bp = hi;
      p.multiple_min = 1;
      p.multiple_max = 5;
      c.verdict.penalties = {p, p};
      c.verdict.earliest_full_date_reason = Text{text, ""};
      EXPECT_EQ(RenderVerdictJsonCompact(c), GeneralCompact(c)) << text << " " << lo;
    }
  }
}

// The direct writer skips plain ASCII eight bytes at a time: a byte that needs escaping or
// validating must be seen wherever it falls in (or across) an eight-byte block.
TEST(VerdictJsonCompact, DirectWriterSeesEveryByteAtEveryOffset) {
  // Escaped, control, boundary, a valid 3-byte character (中), an invalid byte, a cut sequence.
  const std::vector<std::string> specials = {"\"",   "\\",           "\n",   std::string(1, '\0'),
                                             "\x01", "\x1f",         "\x7f", " ",
                                             "!",    "\xe4\xb8\xad", "\xff", "\xe4\xb8"};
  int compared = 0;
  for (const std::string& special : specials) {
    for (std::size_t at = 0; at <= 19; ++at) {
      std::string text(20, 'a');
      text.replace(at, 0, special);
      Order order;
      order.id = "offset";
      CheckedOrder c{&order, {}};
      c.verdict.outcome = Outcome::kFail;
      Violation v;
      v.shares_in_breach = 1;
      v.message = Text{text, text};
      c.verdict.violations.push_back(v);
      const std::string general = GeneralCompact(c);
      ASSERT_EQ(RenderVerdictJsonCompact(c), general) << "special byte(s) at offset " << at;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 12 * 20);
}

}  // namespace
}  // namespace reducheck::adapters
